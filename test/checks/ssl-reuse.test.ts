import { rule } from '../../lib/checks/ssl-reuse';
import { Block } from '../constructs/helpers';
import { check, edited, SERVER_INPUT, serverJson, setVsftpd } from './helpers';

describe('FTPKIT-SSL-REUSE', () => {
  let json: Block;
  beforeAll(() => {
    json = serverJson();
  });

  test("GIVEN ftp-kit's vsftpd.conf (require_ssl_reuse=YES) THEN compliant", () => {
    expect(check(rule, json)).toEqual([]);
  });

  test("GIVEN the line removed THEN vsftpd's default (YES) applies: compliant", () => {
    expect(
      check(
        rule,
        edited(json, (j) => setVsftpd(j, 'require_ssl_reuse', undefined)),
      ),
    ).toEqual([]);
  });

  test('fails when the config sets tls.sessionReuse "optional": the rendered server is reported', () => {
    expect(check(rule, serverJson({ ...SERVER_INPUT, tls: { sessionReuse: 'optional' } }))).toEqual([
      expect.objectContaining({ message: expect.stringContaining('sets require_ssl_reuse=NO') }),
    ]);
  });

  test('fails when require_ssl_reuse=NO', () => {
    expect(
      check(
        rule,
        edited(json, (j) => setVsftpd(j, 'require_ssl_reuse', 'NO')),
      ),
    ).toEqual([
      expect.objectContaining({ message: expect.stringContaining('sets require_ssl_reuse=NO: data connections can be hijacked') }),
    ]);
  });
});
