import { rule } from '../../lib/checks/secrets-in-config';
import { Block } from '../constructs/helpers';
import { check, edited, nameOf, serverJson } from './helpers';

describe('FTPKIT-SECRET-IN-CONFIG', () => {
  let json: Block;
  beforeAll(() => {
    json = serverJson();
  });

  test('GIVEN FtpServer (passwords made on the server, empty secrets) THEN compliant, user-data included', () => {
    expect(Object.keys(json.locals)).toHaveLength(1);
    expect(check(rule, json)).toEqual([]);
  });

  test('fails when user-data carries a private key, blaming the launch template that uses it', () => {
    const withKey = edited(json, (j) => {
      const [local] = Object.keys(j.locals);
      j.locals[local] += 'write_files:\n- path: /etc/ftp-kit/tls/key.pem\n  content: "-----BEGIN PRIVATE KEY-----\\nMIIE..."\n';
    });
    expect(check(rule, withKey)).toEqual([
      {
        resource: `aws_launch_template.${nameOf(json, 'aws_launch_template')}`,
        message: expect.stringMatching(/^local\.\S+, used by aws_launch_template\.\S+, holds a PEM private key$/),
      },
    ]);
  });

  test('fails when a password hash is written into a resource', () => {
    const withHash = edited(json, (j) => {
      j.resource.aws_ssm_parameter = {
        Hash: { name: 'h', type: 'String', value: 'alice:$6$saltsalt$0123456789abcdefghijklmnopqrstuvwxyzABCD' },
      };
    });
    expect(check(rule, withHash)).toEqual([
      { resource: 'aws_ssm_parameter.Hash', message: 'aws_ssm_parameter.Hash holds a crypt(3) password hash in value' },
    ]);
  });

  test('fails when a secret version puts a password into state', () => {
    const withVersion = edited(json, (j) => {
      const secret = nameOf(j, 'aws_secretsmanager_secret', 'alice');
      j.resource.aws_secretsmanager_secret_version = {
        Alice: { secret_id: `\${aws_secretsmanager_secret.${secret}.id}`, secret_string: '${random_password.p.result}' },
      };
    });
    expect(check(rule, withVersion)).toEqual([
      {
        resource: 'aws_secretsmanager_secret_version.Alice',
        message: 'aws_secretsmanager_secret_version.Alice keeps a secret in Terraform state and plan (secret_string/secret_binary)',
      },
    ]);
  });

  test('fails when an AWS access key id sits in a tag', () => {
    const withKey = edited(json, (j) => {
      j.resource.aws_eip[nameOf(j, 'aws_eip')].tags.Key = 'AKIAIOSFODNN7EXAMPLE';
    });
    expect(check(rule, withKey)).toEqual([
      expect.objectContaining({ message: expect.stringContaining('holds an AWS access key id in tags.Key') }),
    ]);
  });
});
