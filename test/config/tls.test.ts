import { ConfigError, validateConfig } from '../../lib/config';

const BASE = { allow: ['198.51.100.0/24'], users: [{ name: 'alice', write: true }] };
const LE = { mode: 'lets-encrypt', domain: 'ftp.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ', email: 'ops@example.com' };
const ARN = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:ftp-cert-AbCdEf';

/** The problem lines of a refused config. */
function problems(tls: unknown): string[] {
  try {
    validateConfig({ ...BASE, tls });
  } catch (err) {
    if (err instanceof ConfigError)
      return err.message
        .split('\n')
        .slice(1)
        .map((l) => l.trim());
    throw err;
  }
  throw new Error('the config was accepted');
}

describe('tls', () => {
  test('GIVEN no tls THEN self-signed, TLS 1.2 at most, session reuse required', () => {
    expect(validateConfig(BASE).tls).toEqual({ mode: 'self-signed', maxVersion: '1.2', sessionReuse: 'required' });
  });

  test('GIVEN only policy fields THEN the mode is self-signed', () => {
    expect(validateConfig({ ...BASE, tls: { maxVersion: '1.3', sessionReuse: 'optional' } }).tls).toEqual({
      mode: 'self-signed',
      maxVersion: '1.3',
      sessionReuse: 'optional',
    });
  });

  test('GIVEN lets-encrypt with domain, zone and e-mail THEN it is accepted as written', () => {
    expect(validateConfig({ ...BASE, tls: LE }).tls).toEqual({ ...LE, maxVersion: '1.2', sessionReuse: 'required' });
  });

  test('GIVEN a domain in capitals THEN it is kept lowercase', () => {
    expect(validateConfig({ ...BASE, tls: { ...LE, domain: 'FTP.Example.COM' } }).tls).toMatchObject({ domain: 'ftp.example.com' });
  });

  test('GIVEN imported with a secret ARN THEN it is accepted', () => {
    expect(validateConfig({ ...BASE, tls: { mode: 'imported', secretArn: ARN } }).tls).toMatchObject({ mode: 'imported', secretArn: ARN });
  });

  test('fails when the lets-encrypt fields are malformed, naming each field, value and fix at once', () => {
    expect(problems({ ...LE, domain: 'https://ftp.example.com', hostedZoneId: '/hostedzone/Z1', email: 'ops' })).toEqual([
      expect.stringMatching(/^tls\.domain: "https:\/\/ftp\.example\.com" — is not a DNS name — use .*"ftp\.example\.com"/),
      expect.stringMatching(/^tls\.hostedZoneId: "\/hostedzone\/Z1" — is not a Route 53 hosted zone id — use the id without/),
      expect.stringMatching(/^tls\.email: "ops" — is not an e-mail address — use /),
    ]);
  });

  test.each([
    'ftp',
    'ftp.example.com.',
    '*.example.com',
    '-a.example.com',
    'a_b.example.com',
    'ftp.${file("x")}.com',
    `${'a'.repeat(64)}.com`,
  ])('fails when the domain is %s', (domain) => {
    expect(problems({ ...LE, domain })).toEqual([expect.stringMatching(/^tls\.domain: .* — is not a DNS name/)]);
  });

  test('fails when lets-encrypt lacks its fields', () => {
    expect(problems({ mode: 'lets-encrypt' })).toEqual([
      expect.stringMatching(/^tls\.domain: \(missing\) — is required/),
      expect.stringMatching(/^tls\.hostedZoneId: \(missing\) — is required/),
      expect.stringMatching(/^tls\.email: \(missing\) — is required/),
    ]);
  });

  test.each(['arn:aws:s3:::bucket', 'arn:aws:secretsmanager:us-east-1:1111:secret:x', `${ARN}\nx`, 'ftp-cert'])(
    'fails when the secret ARN is %j',
    (secretArn) => {
      expect(problems({ mode: 'imported', secretArn })).toEqual([
        expect.stringMatching(/^tls\.secretArn: .* — is not a Secrets Manager secret ARN — use the full ARN/),
      ]);
    },
  );

  test('fails when a field of another mode is given', () => {
    expect(problems({ mode: 'self-signed', domain: 'ftp.example.com' })).toEqual([
      expect.stringMatching(/^tls\.domain: "ftp\.example\.com" — is not a known field/),
    ]);
  });

  test('fails when the mode, version or reuse setting is unknown', () => {
    expect(problems({ mode: 'acme' })).toEqual([
      expect.stringMatching(/^tls\.mode: "acme" — is not a supported TLS mode — use one of: self-signed, lets-encrypt, imported/),
    ]);
    expect(problems({ maxVersion: '1.1', sessionReuse: 'never' })).toEqual([
      expect.stringMatching(/^tls\.maxVersion: "1\.1" — is not a TLS version/),
      expect.stringMatching(/^tls\.sessionReuse: "never" — is not a session-reuse setting/),
    ]);
  });
});
