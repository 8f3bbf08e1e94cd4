/*
 * The `ftp-kit` CLI as users run it: the built CLI (package.json `bin`) in a child process
 * (test/global-setup.js builds dist/ once per run), so exit codes,
 * stdout/stderr and what lands on disk are the real ones.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CliResult, ftpKit } from '../support/cli';

/** The acceptance config of issue 2. */
const ACCEPTANCE = {
  name: 'partners',
  controlPort: 2121,
  passivePorts: { from: 50000, to: 50049 },
  allow: ['198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32'],
  users: [
    { name: 'alice', write: true },
    { name: 'bob', write: false },
  ],
};

describe('ftp-kit --help', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-cli-help-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('GIVEN no verb THEN --help lists every verb and the exit codes', async () => {
    const result = await ftpKit(['--help'], dir);
    expect(result.code).toBe(0);
    for (const verb of ['synth', 'render', 'init', 'schema']) expect(result.stdout).toMatch(new RegExp(`^  ${verb}\\b`, 'm'));
    expect(result.stdout).toMatch(/Exit codes: 0 success, 1 user error/);
  });

  test.each(['synth', 'render', 'init', 'schema'])('GIVEN the verb %s THEN --help prints its usage and exits 0', async (verb) => {
    const result = await ftpKit([verb, '--help'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: ftp-kit ${verb}`);
  });

  test('fails when the verb is unknown: exit 1 and a hint', async () => {
    const result = await ftpKit(['deploi'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/unknown command 'deploi'/);
  });
});

describe('ftp-kit synth and render of the acceptance config', () => {
  let dir: string;
  let synth: CliResult;
  let render: CliResult;
  let conf: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-cli-'));
    // GIVEN the config at ./ftp-kit.config.json, found without --config
    writeFileSync(path.join(dir, 'ftp-kit.config.json'), JSON.stringify(ACCEPTANCE));
    // WHEN synth and render run
    [synth, render] = await Promise.all([
      ftpKit(['synth', '--out', 'out'], dir),
      ftpKit(['render', '--out', 'server', '--public-ip', '198.51.100.50'], dir),
    ]);
    conf = existsSync(path.join(dir, 'server', 'vsftpd.conf')) ? readFileSync(path.join(dir, 'server', 'vsftpd.conf'), 'utf8') : '';
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('THEN synth exits 0 and writes <out>/stacks/<name>/cdk.tf.json', () => {
    expect(synth).toMatchObject({ code: 0, stderr: '' });
    expect(synth.stdout).toContain(path.join('out', 'stacks', 'partners', 'cdk.tf.json'));
    const json = JSON.parse(readFileSync(path.join(dir, 'out', 'stacks', 'partners', 'cdk.tf.json'), 'utf8'));
    const ports = Object.values<Record<string, unknown>>(json.resource.aws_vpc_security_group_ingress_rule).map(
      (r) => `${r.from_port}-${r.to_port}`,
    );
    expect([...new Set(ports)].sort()).toEqual(['2121-2121', '50000-50049']);
  });

  test('THEN render exits 0 and writes vsftpd.conf and user-data', () => {
    expect(render).toMatchObject({ code: 0, stderr: '' });
    expect(existsSync(path.join(dir, 'server', 'user-data'))).toBe(true);
    for (const file of ['etc/fail2ban/jail.d/ftp-kit.conf', 'etc/logrotate.d/ftp-kit', 'etc/ftp-kit/cloudwatch-agent.json']) {
      expect(existsSync(path.join(dir, 'server', 'root', file))).toBe(true);
    }
  });

  test.each([
    'listen_port=2121',
    'pasv_min_port=50000',
    'pasv_max_port=50049',
    'pasv_address=198.51.100.50',
    'force_local_logins_ssl=YES',
    'force_local_data_ssl=YES',
    'anonymous_enable=NO',
    'ssl_enable=YES',
  ])('THEN vsftpd.conf has the line %s', (line) => {
    expect(conf.split('\n')).toContain(line);
  });
});

describe('ftp-kit synth and render refuse bad input', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-cli-bad-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cases: Array<[string, object, RegExp]> = [
    ['0.0.0.0/0 is allowed without allowPublic', { allow: ['0.0.0.0/0'] }, /allow\[0\]: "0\.0\.0\.0\/0" — .*allowPublic/],
    ['passivePorts.from > to', { passivePorts: { from: 50049, to: 50000 } }, /passivePorts: .*greater than/],
    ['controlPort lies in the passive range', { controlPort: 50010 }, /controlPort: 50010 — lies inside the passive range/],
    [
      'the banner has a newline',
      { banner: 'Welcome\nanonymous_enable=YES' },
      /banner: "Welcome\\nanonymous_enable=YES" — must be one line/,
    ],
    ['a user is named root', { users: [{ name: 'root', write: true }] }, /users\[0\]\.name: "root" — is a reserved/],
    ['a CIDR is invalid', { allow: ['198.51.100.0/33'] }, /allow\[0\]: "198\.51\.100\.0\/33" — is not a valid IPv4 or IPv6 CIDR/],
    // Hostile configs of issue 10: each once bricked the server, exposed it, or wrote before failing.
    [
      'the internet is allowed in two halves',
      { allow: ['0.0.0.0/1', '128.0.0.0/1'] },
      /allow\[0\]: "0\.0\.0\.0\/1" — .*public exposure.*allowPublic/,
    ],
    ['IPv6 /16 is allowed in slices', { allow: ['2001::/17', '2001:8000::/17'] }, /allow: .* — together cover at least a \/16 of IPv6/],
    ['the banner is all spaces', { banner: '   ' }, /banner: "   " — has no visible character/],
    ['the banner is empty', { banner: '' }, /banner: "" — has no visible character/],
    ['the banner names vsftpd', { banner: 'vsftpd 3.0.3 ready' }, /banner: "vsftpd 3\.0\.3 ready" — names FTP server software/],
    ['a tag key has the aws: prefix', { tags: { 'aws:cost': 'x' } }, /tags\["aws:cost"\]: "aws:cost" — starts with "aws:"/],
    ['a tag key has a newline', { tags: { 'a\nb': 'x' } }, /tags\["a\\nb"\]: "a\\nb" — is not a valid tag key/],
    [
      'state.path leaves the working folder',
      { state: { backend: 'local', path: '../../../../etc/cron.d/x' } },
      /state\.path: .* — leaves the working folder/,
    ],
    [
      'maxPerIp is above maxClients',
      { limits: { maxClients: 4, maxPerIp: 5 } },
      /limits\.maxPerIp: 5 — is greater than limits\.maxClients/,
    ],
    [
      'maxClients is above what the passive range carries',
      { limits: { maxClients: 100 } },
      /limits\.maxClients: 100 — is more than the passive range 50000–50049 carries/,
    ],
    [
      'an acknowledgement names no rule',
      { acknowledge: [{ rule: 'FTPKIT-TYPO', reason: 'accepted on purpose' }] },
      /acknowledge\[0\]\.rule: "FTPKIT-TYPO" — is not a known rule/,
    ],
  ];

  test.each(cases)('fails when %s: synth and render exit 1 naming the field, and write nothing', async (label, override, message) => {
    const cwd = path.join(dir, label.replace(/[^a-z0-9]+/gi, '-'));
    mkdirSync(cwd);
    writeFileSync(path.join(cwd, 'bad.json'), JSON.stringify({ ...ACCEPTANCE, ...override }));
    const [synth, render] = await Promise.all([
      ftpKit(['synth', '--config', 'bad.json', '--out', 'out'], cwd),
      ftpKit(['render', '--config', 'bad.json', '--out', 'server', '--public-ip', '198.51.100.50'], cwd),
    ]);
    for (const result of [synth, render]) {
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')[0]).toMatch(/^ftp-kit: invalid config bad\.json \(\d+ problems?\):$/);
      expect(result.stdout).toBe('');
    }
    expect(readdirSync(cwd)).toEqual(['bad.json']);
  });

  test.each(['198.51.100.50\npasv_address=1.2.3.4', '0.0.0.0', '255.255.255.255', '224.0.0.1'])(
    'fails when --public-ip is %j, no unicast IPv4 address: exit 1, nothing written',
    async (ip) => {
      const cwd = mkdtempSync(path.join(dir, 'public-ip-'));
      writeFileSync(path.join(cwd, 'ftp-kit.config.json'), JSON.stringify(ACCEPTANCE));
      const result = await ftpKit(['render', '--out', 'server', '--public-ip', ip], cwd);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/--public-ip: .* is not a unicast IPv4 address .* — pass the Elastic IP/);
      expect(existsSync(path.join(cwd, 'server'))).toBe(false);
    },
  );

  test('fails when there is no config: exit 1, suggesting --config or init', async () => {
    const cwd = path.join(dir, 'empty');
    mkdirSync(cwd);
    const result = await ftpKit(['synth'], cwd);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--config: .*no ftp-kit\.config\.json, ftp-kit\.config\.yaml, ftp-kit\.config\.yml .*ftp-kit init/);
  });
});

describe('ftp-kit verbs that work on AWS with a local target', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-cli-local-'));
    writeFileSync(path.join(dir, 'ftp-kit.config.json'), JSON.stringify({ ...ACCEPTANCE, target: 'local' }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each(['deploy', 'destroy', 'outputs'])(
    'fails when %s is asked for a config whose target is local: exit 1, pointing at preview',
    async (verb) => {
      const result = await ftpKit(
        [verb, '--yes'].filter((a) => verb !== 'outputs' || a !== '--yes'),
        dir,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`target: "local" — ${verb} works on AWS`);
      expect(result.stderr).toContain('ftp-kit preview');
      expect(readdirSync(dir)).toEqual(['ftp-kit.config.json']);
    },
  );
});
