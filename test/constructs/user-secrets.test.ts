import { TerraformOutput } from 'cdktf';
import { FtpUserSecrets } from '../../lib/constructs/user-secrets';
import { ref, Synth, synth } from './helpers';

describe('FtpUserSecrets', () => {
  describe('GIVEN two users', () => {
    let s: Synth;
    beforeAll(() => {
      s = synth((stack) => {
        const secrets = new FtpUserSecrets(stack, 'Secrets', { name: 'ftp', users: ['alice', 'bob'] });
        new TerraformOutput(stack, 'arns', { value: secrets.secretArns });
      });
    });

    test('THEN one secret per user exists, named under ftp-kit/<name>/, with a 7-day recovery window', () => {
      const all = s.all('aws_secretsmanager_secret');
      expect(all.map((x) => x.name_prefix).sort()).toEqual(['ftp-kit/ftp/alice-', 'ftp-kit/ftp/bob-']);
      for (const x of all) expect(x.recovery_window_in_days).toBe(7);
    });

    test('THEN no secret has a value: there is no secret version and no secret_string anywhere', () => {
      expect(s.json.resource.aws_secretsmanager_secret_version).toBeUndefined();
      expect(JSON.stringify(s.json)).not.toMatch(/secret_string|secret_binary/);
    });

    test('THEN secretArns maps each user to its secret ARN', () => {
      const names = Object.entries(s.resources('aws_secretsmanager_secret')).map(([name, x]) => [x.tags['ftp-kit:user'], name]);
      const expected = Object.fromEntries(names.map(([user, name]) => [user, ref('aws_secretsmanager_secret', name, 'arn')]));
      expect(s.json.output.arns.value).toEqual(expected);
      expect(Object.keys(expected).sort()).toEqual(['alice', 'bob']);
    });
  });

  test('fails when the recovery window is not 0 or 7–30', () => {
    expect(() => synth((stack) => new FtpUserSecrets(stack, 'Secrets', { name: 'ftp', users: ['alice'], recoveryWindowDays: 3 }))).toThrow(
      /recoveryWindowDays 3/,
    );
  });
});
