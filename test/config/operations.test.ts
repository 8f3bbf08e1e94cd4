import { ConfigError, ConfigProblem, OPERATIONS_DEFAULTS, rebootWindowOnCalendar, validateConfig } from '../../lib/config';

const base = { allow: ['198.51.100.0/24'], users: [{ name: 'alice' }] };

function problemsOf(input: object): readonly ConfigProblem[] {
  try {
    validateConfig(input);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('GIVEN a config without operations settings', () => {
  test('THEN logs are kept 90 days, snapshots 14, the ban and reboot window take their defaults, and no one is e-mailed', () => {
    const config = validateConfig(base);
    expect(config.logs.retentionDays).toBe(90);
    expect(config.backup.retainDays).toBe(14);
    expect(config.ban).toEqual({ maxRetry: OPERATIONS_DEFAULTS.banMaxRetry, findTimeSeconds: 600, banTimeSeconds: 3600, ignoreCidrs: [] });
    expect(config.updates.rebootWindow).toBe('Sun 03:00');
    expect(config.alerts.email).toBeUndefined();
  });
});

describe('GIVEN operations settings', () => {
  test('THEN they are taken as written', () => {
    const config = validateConfig({
      ...base,
      alerts: { email: 'ops@example.com' },
      logs: { retentionDays: 365 },
      backup: { retainDays: 30 },
      ban: { maxRetry: 3, findTimeSeconds: 60, banTimeSeconds: 120, ignoreCidrs: ['192.0.2.0/24'] },
      updates: { rebootWindow: 'daily 02:15' },
    });
    expect(config.alerts.email).toBe('ops@example.com');
    expect(config.logs.retentionDays).toBe(365);
    expect(config.ban.ignoreCidrs).toEqual(['192.0.2.0/24']);
  });

  test.each([
    ['Sun 03:00', 'Sun *-*-* 03:00:00 UTC'],
    ['daily 23:59', '*-*-* 23:59:00 UTC'],
    ['Mon 00:00', 'Mon *-*-* 00:00:00 UTC'],
  ])('WHEN the reboot window is %s THEN systemd gets OnCalendar=%s', (window, calendar) => {
    expect(rebootWindowOnCalendar(window)).toBe(calendar);
  });
});

describe('bad operations settings: field and fix named', () => {
  test.each<[string, object, string, RegExp]>([
    ['the retention is not one CloudWatch accepts', { logs: { retentionDays: 10 } }, 'logs.retentionDays', /one of 1, 3, 5, 7, 14/],
    ['the e-mail address is not one', { alerts: { email: 'ops at example' } }, 'alerts.email', /ops@example\.com/],
    [
      'the e-mail address carries a Terraform template',
      { alerts: { email: '${file("/etc/passwd")}@x.com' } },
      'alerts.email',
      /e-mail address/,
    ],
    ['snapshots are kept 0 days', { backup: { retainDays: 0 } }, 'backup.retainDays', /1–1000/],
    ['maxRetry is 0', { ban: { maxRetry: 0 } }, 'ban.maxRetry', /1–100/],
    ['banTimeSeconds is fractional', { ban: { banTimeSeconds: 1.5 } }, 'ban.banTimeSeconds', /whole number/],
    ['an ignored range is no CIDR', { ban: { ignoreCidrs: ['office'] } }, 'ban.ignoreCidrs[0]', /CIDR/],
    ['the reboot window has no day', { updates: { rebootWindow: '03:00' } }, 'updates.rebootWindow', /Sun 03:00/],
    ['the reboot window hour is 24', { updates: { rebootWindow: 'Sun 24:00' } }, 'updates.rebootWindow', /HH:MM/],
    ['a field of ban is unknown', { ban: { max: 3 } }, 'ban.max', /spelling/],
  ])('fails when %s', (_name, override, field, fix) => {
    const problem = problemsOf({ ...base, ...override }).find((p) => p.field === field);
    expect(problem).toBeDefined();
    expect(`${problem!.problem} — ${problem!.fix}`).toMatch(fix);
  });
});
