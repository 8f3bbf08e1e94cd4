import { rule } from '../../lib/checks/anonymous-ftp';
import { Block } from '../constructs/helpers';
import { check, edited, serverJson, setVsftpd } from './helpers';

describe('FTPKIT-ANONYMOUS', () => {
  let json: Block;
  beforeAll(() => {
    json = serverJson();
  });

  test("GIVEN ftp-kit's vsftpd.conf (anonymous_enable=NO) THEN compliant", () => {
    expect(check(rule, json)).toEqual([]);
  });

  test('fails when anonymous_enable=YES with uploads', () => {
    const findings = check(
      rule,
      edited(json, (j) => {
        setVsftpd(j, 'anonymous_enable', 'YES');
        setVsftpd(j, 'anon_upload_enable', 'YES');
      }),
    );
    expect(findings).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('accepts anonymous logins (anonymous_enable=YES), and lets them upload'),
      }),
    ]);
  });

  test("fails when the line is missing: vsftpd's default is YES", () => {
    expect(
      check(
        rule,
        edited(json, (j) => setVsftpd(j, 'anonymous_enable', undefined)),
      )[0].message,
    ).toContain('anonymous_enable=unset, default YES');
  });
});
