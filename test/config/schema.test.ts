import { archOfInstanceType, ConfigError, DEFAULTS, validateConfig } from '../../lib/config';

const base = { allow: ['198.51.100.0/24'], users: [{ name: 'partner1', write: true }] };

/** Runs validation expecting failure; returns the problems. */
function problemsOf(raw: unknown) {
  try {
    validateConfig(raw);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

const ACK_DATA = { rule: 'FTPKIT-DESTRUCTIVE-CHANGE', resource: 'aws_ebs_volume.data', reason: 'the volume is replaced on purpose' };

describe('defaults', () => {
  // GIVEN the smallest valid config WHEN validated
  const config = validateConfig(base);
  test('THEN every default a careful admin would choose is applied', () => {
    expect(config.name).toBe('ftp');
    expect(config.region).toBe('us-east-1');
    expect(config.controlPort).toBe(21);
    expect(config.passivePorts).toEqual({ from: 40000, to: 40599 });
    expect(config.tls.mode).toBe('self-signed');
    expect(config.instance).toEqual({ type: 't4g.small', arch: 'arm64' });
    expect(config.storage.sizeGiB).toBe(20);
    expect(config.allowPublic).toBe(false);
    expect(config.banner).toBe(DEFAULTS.banner);
    expect(config.banner).not.toMatch(/vsftpd/i);
    expect(config.users[0]).toEqual({ name: 'partner1', write: true });
  });
  test('THEN a user without write is read-only', () => {
    expect(validateConfig({ ...base, users: [{ name: 'reader' }] }).users[0].write).toBe(false);
  });
  test('THEN the architecture follows the instance type', () => {
    expect(validateConfig({ ...base, instance: { type: 't3.small' } }).instance.arch).toBe('x86_64');
    expect(archOfInstanceType('c7gn.large')).toBe('arm64');
    expect(archOfInstanceType('m7i-flex.large')).toBe('x86_64');
    expect(archOfInstanceType('g5.xlarge')).toBe('x86_64');
  });
  test('THEN the default session limits fit the passive range: 3 ports a session, maxPerIp no more than maxClients', () => {
    expect(validateConfig(base).limits).toMatchObject({ maxClients: 200, maxPerIp: 10 });
    expect(validateConfig({ ...base, passivePorts: { from: 50000, to: 50049 } }).limits).toMatchObject({ maxClients: 16, maxPerIp: 10 });
    expect(validateConfig({ ...base, passivePorts: { from: 50000, to: 50005 } }).limits).toMatchObject({ maxClients: 2, maxPerIp: 2 });
  });
  test("THEN tags within AWS's rules are kept", () => {
    expect(validateConfig({ ...base, tags: { 'cost-center': 'a.b/c=d+e@f', 'x:y': '' } }).tags).toEqual({
      'cost-center': 'a.b/c=d+e@f',
      'x:y': '',
    });
  });
  test('THEN a banner with ftp in it but no software name is fine', () => {
    expect(validateConfig({ ...base, banner: 'ACME FTP drop box: authorized access only' }).banner).toMatch(/ACME/);
  });
  test('THEN allowPublic admits the whole internet', () => {
    expect(validateConfig({ ...base, allow: ['0.0.0.0/0', '::/0'], allowPublic: true }).allow).toHaveLength(2);
  });
});

describe('bad input: one rule per test, field and fix named', () => {
  test.each<[string, object, string, RegExp]>([
    ['0.0.0.0/0 is given without allowPublic', { allow: ['0.0.0.0/0'] }, 'allow[0]', /allowPublic/],
    ['::/0 is given without allowPublic', { allow: ['::/0'] }, 'allow[0]', /allowPublic/],
    ['passivePorts.from > passivePorts.to', { passivePorts: { from: 50049, to: 50000 } }, 'passivePorts', /swap/],
    ['the passive range spans more than 1000 ports', { passivePorts: { from: 40000, to: 41500 } }, 'passivePorts', /at most 1000/],
    ['a passive port is privileged', { passivePorts: { from: 80, to: 2000 } }, 'passivePorts.from', /1024–65535/],
    ['a passive port is above 65535', { passivePorts: { from: 65000, to: 70000 } }, 'passivePorts.to', /1024–65535/],
    ['controlPort lies inside the passive range', { controlPort: 50010, passivePorts: { from: 50000, to: 50049 } }, 'controlPort', /move/],
    ['controlPort is not a port', { controlPort: 70000 }, 'controlPort', /1–65535/],
    ['banner has a newline', { banner: 'hello\nlisten_port=22' }, 'banner', /one line/],
    ['banner is too long', { banner: 'x'.repeat(201) }, 'banner', /shorten/],
    ['a user is named root', { users: [{ name: 'root' }] }, 'users[0].name', /reserved/],
    ['a user is named admin', { users: [{ name: 'admin' }] }, 'users[0].name', /reserved/],
    ['a user name has capitals', { users: [{ name: 'Partner' }] }, 'users[0].name', /lowercase/],
    ['a user name is repeated', { users: [{ name: 'p1' }, { name: 'p1' }] }, 'users[1].name', /unique/],
    ['users is empty', { users: [] }, 'users', /at least one user/],
    ['allow is empty', { allow: [] }, 'allow', /at least one CIDR/],
    ['allow is missing', { allow: undefined }, 'allow', /is required/],
    ['a CIDR is invalid', { allow: ['198.51.100.300/24'] }, 'allow[0]', /valid IPv4 or IPv6 CIDR/],
    ['a CIDR has host bits set', { allow: ['198.51.100.7/24'] }, 'allow[0]', /198\.51\.100\.0\/24/],
    ['the TLS mode is unknown', { tls: { mode: 'acme' } }, 'tls.mode', /self-signed/],
    ['arch does not match the type', { instance: { type: 't3.small', arch: 'arm64' } }, 'instance.arch', /x86_64/],
    ['storage is 0 GiB', { storage: { sizeGiB: 0 } }, 'storage.sizeGiB', /at least 1 GiB/],
    ['subnetId is malformed', { subnetId: 'sub-1' }, 'subnetId', /subnet-/],
    ['a field is unknown', { controlport: 21 }, 'controlport', /spelling/],
    [
      'an acknowledgement has no reason',
      { acknowledge: [{ rule: 'FTPKIT-PUBLIC-INGRESS', reason: 'ok' }] },
      'acknowledge[0].reason',
      /why/,
    ],
    ['a rule and resource are acknowledged twice', { acknowledge: [ACK_DATA, ACK_DATA] }, 'acknowledge[1].rule', /once|one entry/],
    [
      'an acknowledgement names no rule',
      { acknowledge: [{ rule: 'FTPKIT-NO-SUCH-RULE', reason: 'a reason long enough' }] },
      'acknowledge[0].rule',
      /FTPKIT-PUBLIC-INGRESS/,
    ],
    ['the internet is allowed in two IPv4 halves', { allow: ['0.0.0.0/1', '128.0.0.0/1'] }, 'allow[0]', /allowPublic/],
    ['a /8 is allowed in two /9s', { allow: ['10.0.0.0/9', '10.128.0.0/9'] }, 'allow', /at least a \/8 of IPv4.*allowPublic/],
    ['a /16 of IPv6 is allowed in many slices', { allow: ['2001::/17', '2001:8000::/18', '2001:c000::/18'] }, 'allow', /\/16 of IPv6/],
    ['banner is all spaces (vsftpd 3.0.3 segfaults)', { banner: '   ' }, 'banner', /visible character/],
    ['banner is empty (vsftpd then names itself)', { banner: '' }, 'banner', /visible character/],
    ['banner names vsftpd', { banner: 'Welcome to VSFTPD 3.0.3' }, 'banner', /software.*remove the name/],
    ['banner names another FTP server', { banner: 'ProFTPD 1.3.8 Server ready' }, 'banner', /software/],
    ['a tag key has the aws: prefix', { tags: { 'aws:owner': 'ops' } }, 'tags["aws:owner"]', /reserves.*rename/],
    ['a tag key has a newline', { tags: { 'team\nx': 'ops' } }, 'tags["team\\nx"]', /1–128.*line breaks/],
    ['a tag key is longer than 128', { tags: { ['k'.repeat(129)]: 'ops' } }, `tags.${'k'.repeat(129)}`, /1–128/],
    ['a tag value is longer than 256', { tags: { team: 'v'.repeat(257) } }, 'tags.team', /0–256/],
    ['a tag value has a control character', { tags: { team: 'a\u0007' } }, 'tags.team', /control characters/],
    ['there are 50 tags', { tags: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`t${i}`, 'x'])) }, 'tags', /49/],
    [
      'state.path climbs out of the working folder',
      { state: { backend: 'local', path: '../../../../etc/cron.d/x' } },
      'state.path',
      /inside/,
    ],
    ['state.path is absolute', { state: { backend: 'local', path: '/etc/cron.d/x' } }, 'state.path', /inside/],
    ['maxPerIp is above maxClients', { limits: { maxClients: 5, maxPerIp: 6 } }, 'limits.maxPerIp', /at most 5/],
    [
      'maxClients is above what the passive range carries',
      { passivePorts: { from: 50000, to: 50049 }, limits: { maxClients: 200 } },
      'limits.maxClients',
      /lower maxClients to 16, or widen passivePorts to \{ "from": 50000, "to": 50599 \}/,
    ],
  ])('fails when %s', (_name, override, field, fix) => {
    const problems = problemsOf({ ...base, ...override });
    const problem = problems.find((p) => p.field === field);
    expect(problem).toBeDefined();
    expect(`${problem!.problem} — ${problem!.fix}`).toMatch(fix);
  });

  test('fails when several fields are wrong, reporting every one of them at once', () => {
    const problems = problemsOf({ allow: ['0.0.0.0/0', 'x'], users: [{ name: 'root' }], banner: 'a\nb', passivePorts: { from: 2, to: 1 } });
    expect(problems.map((p) => p.field).sort()).toEqual(
      ['allow[0]', 'allow[1]', 'banner', 'passivePorts', 'passivePorts.from', 'passivePorts.to', 'users[0].name'].sort(),
    );
  });

  test('fails when the message would not name field, value and fix', () => {
    try {
      validateConfig({ ...base, banner: 'a\nb' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect((err as Error).message).toContain('banner: "a\\nb" — must be one line of printable ASCII — remove line breaks');
    }
  });
});

describe('acknowledgements', () => {
  test('GIVEN one entry for a rule and one for a resource of it THEN both are kept', () => {
    const config = validateConfig({ ...base, acknowledge: [{ rule: ACK_DATA.rule, reason: 'all of them are reviewed' }, ACK_DATA] });
    expect(config.acknowledge).toEqual([{ rule: ACK_DATA.rule, reason: 'all of them are reviewed' }, ACK_DATA]);
  });
});

describe('an existing network or volume', () => {
  test('GIVEN subnetId, vpcId and availabilityZone THEN they are kept', () => {
    const config = validateConfig({
      ...base,
      subnetId: 'subnet-0123456789abcdef0',
      vpcId: 'vpc-0123456789abcdef0',
      availabilityZone: 'us-east-1b',
    });
    expect(config).toMatchObject({ subnetId: 'subnet-0123456789abcdef0', vpcId: 'vpc-0123456789abcdef0', availabilityZone: 'us-east-1b' });
  });
  test('GIVEN storage.volumeId and its zone THEN both are kept', () => {
    expect(
      validateConfig({ ...base, storage: { volumeId: 'vol-0123456789abcdef0' }, availabilityZone: 'us-east-1c' }).storage.volumeId,
    ).toBe('vol-0123456789abcdef0');
  });
  test.each<[string, object, string, RegExp]>([
    ['subnetId has no vpcId', { subnetId: 'subnet-0123456789abcdef0', availabilityZone: 'us-east-1a' }, 'vpcId', /required with subnetId/],
    [
      'subnetId has no availabilityZone',
      { subnetId: 'subnet-0123456789abcdef0', vpcId: 'vpc-0123456789abcdef0' },
      'availabilityZone',
      /required with subnetId/,
    ],
    ['vpcId has no subnetId', { vpcId: 'vpc-0123456789abcdef0' }, 'vpcId', /without subnetId/],
    ['the zone is in another region', { availabilityZone: 'eu-west-1a' }, 'availabilityZone', /not in region us-east-1/],
    [
      'storage.volumeId has no zone',
      { storage: { volumeId: 'vol-0123456789abcdef0' } },
      'availabilityZone',
      /required with storage.volumeId/,
    ],
    ['storage.volumeId is malformed', { storage: { volumeId: 'vol-1' }, availabilityZone: 'us-east-1a' }, 'storage.volumeId', /vol-/],
  ])('fails when %s', (_name, override, field, fix) => {
    const problems = problemsOf({ ...base, ...override });
    const problem = problems.find((p) => p.field === field);
    expect(problem).toBeDefined();
    expect(`${problem!.problem} — ${problem!.fix}`).toMatch(fix);
  });
});
