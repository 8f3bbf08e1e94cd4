import { ftpFailureReply, parseGnuTime, parseOpensslSpeed, parsePpid, parsePssKiB, parseVmRssKiB } from '../../bench/parse';

describe('parseGnuTime', () => {
  test('GIVEN "%e %M %U %S" output WHEN parsed THEN wall seconds, max RSS KiB and user + system CPU seconds are read', () => {
    expect(parseGnuTime('0.38 92908 0.31 0.05\n')).toEqual({ wallSeconds: 0.38, maxRssKiB: 92908, cpuSeconds: 0.36 });
  });

  test("GIVEN a failed command WHEN parsed THEN the figures come from the last line, after GNU time's status line", () => {
    expect(parseGnuTime('Command exited with non-zero status 1\n12.04 339272 20.5 1.5\n')).toEqual({
      wallSeconds: 12.04,
      maxRssKiB: 339272,
      cpuSeconds: 22,
    });
  });

  test('fails when the output is not "<seconds> <KiB> <user> <system>"', () => {
    expect(() => parseGnuTime('0:00.38elapsed 92908maxresident')).toThrow(/expected "<seconds> <KiB> <user> <system>"/);
  });
});

// openssl 3.0 `speed -evp aes-256-gcm` (all block sizes) and `-bytes 16384` (one column), verbatim shape.
const FULL_TABLE = `Doing AES-256-GCM for 3s on 16 size blocks: 95368122 AES-256-GCM's in 2.99s
version: 3.0.22
built on: Mon Aug 25 00:00:00 2026 UTC
options: bn(64,64)
compiler: gcc -fPIC -pthread -m64
CPUINFO: OPENSSL_ia32cap=0xfffa3203078bffff:0x405fc6f1bf07ab
The 'numbers' are in 1000s of bytes per second processed.
type             16 bytes     64 bytes    256 bytes   1024 bytes   8192 bytes  16384 bytes
AES-256-GCM     510331.76k  1431230.15k  2760540.93k  3602146.26k  4100221.84k  4199088.13k
`;
const ONE_COLUMN = `The 'numbers' are in 1000s of bytes per second processed.
type          16384 bytes
AES-256-GCM    4199088.13k
`;

describe('parseOpensslSpeed', () => {
  test('GIVEN the full table WHEN the 16384-byte column is read THEN it is in bytes per second', () => {
    expect(parseOpensslSpeed(FULL_TABLE, 'AES-256-GCM', 16384)).toBeCloseTo(4199088130, 0);
  });

  test('GIVEN the full table WHEN another column is read THEN that column is returned', () => {
    expect(parseOpensslSpeed(FULL_TABLE, 'aes-256-gcm', 16)).toBeCloseTo(510331760, 0);
  });

  test('GIVEN -bytes 16384 output WHEN read THEN its one column is returned', () => {
    expect(parseOpensslSpeed(ONE_COLUMN, 'AES-256-GCM')).toBeCloseTo(4199088130, 0);
  });

  test('fails when the block size has no column', () => {
    expect(() => parseOpensslSpeed(ONE_COLUMN, 'AES-256-GCM', 64)).toThrow(/no 64-byte column/);
  });

  test('fails when the cipher has no row', () => {
    expect(() => parseOpensslSpeed(ONE_COLUMN, 'ChaCha20-Poly1305')).toThrow(/no row for ChaCha20-Poly1305/);
  });

  test('fails when there is no header', () => {
    expect(() => parseOpensslSpeed('Error: unknown cipher', 'AES-256-GCM')).toThrow(/no "type ... bytes" header/);
  });
});

describe('/proc parsers', () => {
  const status = 'Name:\tvsftpd\nState:\tS (sleeping)\nPid:\t4242\nPPid:\t4100\nVmPeak:\t   10000 kB\nVmRSS:\t    7624 kB\n';

  test('GIVEN /proc/<pid>/status WHEN parsed THEN VmRSS and PPid are read', () => {
    expect(parseVmRssKiB(status)).toBe(7624);
    expect(parsePpid(status)).toBe(4100);
  });

  test("GIVEN a kernel thread's status (no VmRSS) WHEN parsed THEN RSS is undefined", () => {
    expect(parseVmRssKiB('Name:\tkworker/0:1\nPPid:\t2\n')).toBeUndefined();
  });

  test('GIVEN smaps_rollup WHEN parsed THEN Pss is read, not Pss_Anon', () => {
    expect(parsePssKiB('Rss:                7624 kB\nPss:                6300 kB\nPss_Anon:            900 kB\n')).toBe(6300);
  });
});

describe('ftpFailureReply', () => {
  test("GIVEN a basic-ftp FTPError WHEN named THEN the server's reply is returned once", () => {
    const err = Object.assign(new Error('500 OOPS: vsf_sysutil_bind'), { code: 500 });
    expect(ftpFailureReply(err)).toBe('500 OOPS: vsf_sysutil_bind');
  });

  test('GIVEN a code whose message lacks it WHEN named THEN the code is prefixed', () => {
    expect(ftpFailureReply(Object.assign(new Error('Login incorrect.'), { code: 530 }))).toBe('530 Login incorrect.');
  });

  test('GIVEN a client error WHEN named THEN its message is returned', () => {
    expect(ftpFailureReply(new Error('Timeout (control socket)'))).toBe('Timeout (control socket)');
  });
});
