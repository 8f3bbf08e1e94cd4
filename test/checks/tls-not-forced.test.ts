import { rule } from '../../lib/checks/tls-not-forced';
import { Block } from '../constructs/helpers';
import { check, edited, resourceOf, serverJson, setVsftpd } from './helpers';

describe('FTPKIT-TLS-NOT-FORCED', () => {
  let json: Block;
  beforeAll(() => {
    json = serverJson();
  });

  test("GIVEN ftp-kit's vsftpd.conf THEN TLS is forced for logins and data: compliant", () => {
    expect(check(rule, json)).toEqual([]);
  });

  test("fails when ssl_enable is missing (vsftpd's default is NO)", () => {
    const findings = check(
      rule,
      edited(json, (j) => setVsftpd(j, 'ssl_enable', undefined)),
    );
    expect(findings).toEqual([expect.objectContaining({ message: expect.stringContaining('ssl_enable=NO — TLS is off') })]);
  });

  test('fails when plain-FTP data connections are allowed', () => {
    const findings = check(
      rule,
      edited(json, (j) => setVsftpd(j, 'force_local_data_ssl', 'NO')),
    );
    expect(findings[0].message).toContain('force_local_data_ssl=NO — transfers without TLS are accepted');
  });

  test('fails when a per-user file turns forced TLS off for one user', () => {
    const findings = check(
      rule,
      edited(json, (j) => {
        const record = resourceOf(j, 'terraform_data');
        record.input.user_configs.bob += 'force_local_logins_ssl=NO\n';
      }),
    );
    expect(findings).toEqual([
      expect.objectContaining({ message: expect.stringContaining('(per-user file of bob): force_local_logins_ssl=NO') }),
    ]);
  });

  test('fails when SSLv3 is allowed', () => {
    expect(
      check(
        rule,
        edited(json, (j) => setVsftpd(j, 'ssl_sslv3', 'YES')),
      )[0].message,
    ).toContain('ssl_sslv3=YES — SSLv3 is allowed');
  });
});
