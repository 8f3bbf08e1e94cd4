import { ReplyParser, parseEpsv, parsePasv } from '../../lib/ftp/reply';

describe('ReplyParser', () => {
  test('GIVEN single-line replies split across chunks THEN each comes out whole', () => {
    const parser = new ReplyParser();
    expect(parser.push('220 Autho')).toEqual([]);
    const replies = parser.push('rized only.\r\n331 Password?\r\n');
    expect(replies.map((r) => [r.code, r.text])).toEqual([
      [220, '220 Authorized only.'],
      [331, '331 Password?'],
    ]);
  });

  test('GIVEN a multi-line reply THEN it is one reply with every line', () => {
    const parser = new ReplyParser();
    const [feat] = parser.push('211-Features:\r\n EPSV\r\n AUTH TLS\r\n211-not the end\r\n211 End\r\n');
    expect(feat.code).toBe(211);
    expect(feat.lines).toEqual(['211-Features:', ' EPSV', ' AUTH TLS', '211-not the end', '211 End']);
  });

  test('GIVEN noise before a reply THEN it is ignored', () => {
    expect(new ReplyParser().push('garbage\r\n200 OK\r\n').map((r) => r.code)).toEqual([200]);
  });
});

describe('parsePasv / parseEpsv', () => {
  test('GIVEN a 227 reply THEN address and port are read from it', () => {
    expect(parsePasv('227 Entering Passive Mode (203,0,113,10,195,80).')).toEqual({ address: '203.0.113.10', port: 195 * 256 + 80 });
  });
  test('fails when the numbers are not bytes', () => {
    expect(parsePasv('227 Entering Passive Mode (300,0,113,10,195,80).')).toBeUndefined();
    expect(parsePasv('500 OOPS: vsf_sysutil_bind')).toBeUndefined();
  });
  test('GIVEN a 229 reply THEN the port is read from it', () => {
    expect(parseEpsv('229 Entering Extended Passive Mode (|||50007|)')).toBe(50007);
    expect(parseEpsv('229 nothing here')).toBeUndefined();
  });
});
