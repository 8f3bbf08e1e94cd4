/*
 * Every hardening claim, shown against `ftp-kit preview` behind the test bed's 1:1 NAT by real
 * clients, asserting the server's exact reply where there is one. One preview serves the whole file.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RawFtp } from '../support/ftp-raw';
import { ExecResult, TestBed, TESTBED_ADDRESSES } from '../testbed/netns';
import { natConfig, NatServer, startNatServer, Teardown } from './nat';

jest.setTimeout(120000);

const CONFIG = natConfig();
const LIMITS = CONFIG.limits as { maxPerIp: number; maxLoginFails: number; failedLoginDelaySeconds: number };

describe('GIVEN ftp-kit preview behind a 1:1 NAT, allowing 198.51.100.0/24', () => {
  const teardown = new Teardown();
  let bed: TestBed;
  let server: NatServer;
  let password: Record<string, string>;
  /** Control connections a test opened: closed after it, so that max_per_ip never counts them for the next. */
  const opened: RawFtp[] = [];
  const open = async (client = bed.allowedClient, timeoutMs?: number) => {
    const ftp = await RawFtp.open(bed.connectFrom(client, timeoutMs), bed.publicAddress, server.port);
    opened.push(ftp);
    return ftp;
  };
  /** vsftpd processes in the server namespace: the listener plus the sessions' processes. */
  const vsftpdProcesses = () =>
    execFileSync('ip', ['netns', 'pids', bed.server.ns], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .filter((pid) => {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          return stat.includes('(vsftpd)') && !/\) Z /.test(stat);
        } catch {
          return false;
        }
      }).length;
  /** Waits (bounded) until only the listener is left: every session of the earlier tests has ended. */
  const sessionsEnded = async () => {
    const deadline = Date.now() + 15000;
    while (vsftpdProcesses() > 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    return vsftpdProcesses() === 1;
  };
  /** A TLS session logged in as `user`. */
  const session = async (user: string) => {
    const ftp = await open();
    expect(await ftp.authTls({ ca: server.preview.certificate, host: bed.publicAddress })).toMatchObject({ code: 234 });
    expect(await ftp.login(user, password[user])).toEqual({ code: 230, text: '230 Login successful.' });
    return ftp;
  };
  const jailFile = (user: string, name: string) => join(server.preview.dir, 'data', 'jail', user, 'files', name);

  beforeAll(async () => {
    try {
      bed = TestBed.create();
      teardown.add(() => bed.destroy());
      server = await startNatServer(bed, teardown, CONFIG, bed.publicAddress);
      password = { ...server.preview.credentials };
    } catch (err) {
      await teardown.run();
      throw err;
    }
  });
  afterEach(async () => {
    for (const ftp of opened.splice(0)) ftp.close();
    await sessionsEnded();
  });
  afterAll(() => teardown.run());

  describe('login', () => {
    test('WHEN USER comes before AUTH TLS THEN 530 and the server closes the connection', async () => {
      const ftp = await open();
      expect(ftp.greeting).toEqual({ code: 220, text: '220 Authorized access only. Activity is logged.' });
      expect(await ftp.command('USER alice')).toEqual({ code: 530, text: '530 Non-anonymous sessions must use encryption.' });
      expect(await ftp.closedWithin(5000)).toBe(true);
    });

    test('WHEN anonymous logs in over TLS THEN 530', async () => {
      for (const user of ['anonymous', 'ftp']) {
        const ftp = await open();
        await ftp.authTls({ ca: server.preview.certificate, host: bed.publicAddress });
        expect(await ftp.command(`USER ${user}`)).toEqual({ code: 530, text: '530 Anonymous sessions may not use encryption.' });
      }
    });

    test('WHEN anonymous logs in without TLS THEN 530', async () => {
      const ftp = await open();
      expect(await ftp.login('anonymous', 'guest@example.com')).toEqual({ code: 530, text: '530 Login incorrect.' });
    });

    test(
      `WHEN the password is wrong THEN 530 comes after ≥ ${LIMITS.failedLoginDelaySeconds} s; ` +
        `after ${LIMITS.maxLoginFails} failures the connection closes and vsftpd logs FAIL LOGIN with ` +
        `the client's address`,
      async () => {
        const ftp = await open();
        await ftp.authTls({ ca: server.preview.certificate, host: bed.publicAddress });
        for (let attempt = 1; attempt <= LIMITS.maxLoginFails; attempt++) {
          expect(await ftp.command('USER alice')).toMatchObject({ code: 331 });
          const started = performance.now();
          expect(await ftp.command('PASS not-the-password', 30000)).toEqual({ code: 530, text: '530 Login incorrect.' });
          expect(performance.now() - started).toBeGreaterThanOrEqual(LIMITS.failedLoginDelaySeconds * 1000);
        }
        expect(await ftp.closedWithin(5000)).toBe(true);
        const failLine = `[alice] FAIL LOGIN: Client "${TESTBED_ADDRESSES.allowedClient}"`;
        expect(await server.preview.waitForOutput(failLine)).toBe(true);
        expect(readFileSync(join(server.preview.dir, 'log', 'vsftpd.log'), 'utf8')).toContain(failLine);
      },
    );
  });

  describe('commands after login', () => {
    test('WHEN PROT C then LIST THEN 522', async () => {
      const ftp = await session('alice');
      expect(await ftp.command('PBSZ 0')).toMatchObject({ code: 200 });
      expect(await ftp.command('PROT C')).toEqual({ code: 200, text: '200 PROT now Clear.' });
      const { final } = await ftp.transfer('LIST', { tls: false });
      expect(final).toEqual({ code: 522, text: '522 Data connections must be encrypted.' });
    });

    test('WHEN PORT or EPRT asks for an active data connection THEN 550', async () => {
      const ftp = await session('alice');
      const [a, b, c, d] = TESTBED_ADDRESSES.allowedClient.split('.');
      expect(await ftp.command(`PORT ${a},${b},${c},${d},195,80`)).toEqual({ code: 550, text: '550 Permission denied.' });
      expect(await ftp.command(`EPRT |1|${TESTBED_ADDRESSES.allowedClient}|50000|`)).toEqual({ code: 550, text: '550 Permission denied.' });
    });

    test.each(['GET / HTTP/1.1', 'POST /upload HTTP/1.1', 'HEAD / HTTP/1.1', 'CONNECT example.com:443 HTTP/1.1'])(
      'WHEN an HTTP verb comes after login (%s) THEN 500 and the connection closes',
      async (line) => {
        const ftp = await session('alice');
        expect(await ftp.command(line)).toEqual({ code: 500, text: '500 HTTP protocol commands not allowed.' });
        expect(await ftp.closedWithin(5000)).toBe(true);
      },
    );

    test(
      "WHEN a data connection does not reuse the control connection's TLS session " +
        'THEN 522 and the session ends; WHEN it does THEN 226',
      async () => {
        const fresh = await session('alice');
        await fresh.command('PBSZ 0');
        expect(await fresh.command('PROT P')).toEqual({ code: 200, text: '200 PROT now Private.' });
        const refused = await fresh.transfer('LIST', { reuseSession: false });
        expect(refused.final).toEqual({ code: 522, text: '522 SSL connection failed: session reuse required' });
        expect(await fresh.closedWithin(5000)).toBe(true);
        const reusing = await session('alice');
        await reusing.command('PBSZ 0');
        await reusing.command('PROT P');
        const listed = await reusing.transfer('LIST files');
        expect(listed.final).toEqual({ code: 226, text: '226 Directory send OK.' });
      },
    );

    test('WHEN Python ftplib (no TLS session reuse) lists THEN it gets 522', async () => {
      const script = [
        'import ftplib, json, ssl, sys',
        'i = json.load(sys.stdin)',
        'f = ftplib.FTP_TLS(context=ssl.create_default_context(cadata=i["ca"]), timeout=15)',
        'f.connect(i["host"], i["port"]); f.login(i["user"], i["password"]); f.prot_p()',
        'try:\n    f.nlst("files"); print("listed")\nexcept ftplib.error_perm as e:\n    print(e)',
      ].join('\n');
      const input = JSON.stringify({
        host: bed.publicAddress,
        port: server.port,
        user: 'alice',
        password: password.alice,
        ca: server.preview.certificate,
      });
      const result = await bed.exec(bed.allowedClient, 'python3', ['-c', script], { input, timeoutMs: 30000 });
      expect(result.stdout.trim()).toBe('522 SSL connection failed: session reuse required');
    });
  });

  describe('jail', () => {
    test('WHEN CWD .. from / THEN the user stays at /', async () => {
      const ftp = await session('alice');
      expect(await ftp.command('PWD')).toEqual({ code: 257, text: '257 "/" is the current directory' });
      expect(await ftp.command('CWD ..')).toEqual({ code: 250, text: '250 Directory successfully changed.' });
      expect(await ftp.command('PWD')).toEqual({ code: 257, text: '257 "/" is the current directory' });
    });

    test('WHEN a path outside the jail is asked for THEN 550', async () => {
      const ftp = await session('alice');
      expect(await ftp.command('SIZE /etc/passwd')).toEqual({ code: 550, text: '550 Could not get file size.' });
      expect(await ftp.command('CWD /etc')).toEqual({ code: 550, text: '550 Failed to change directory.' });
      await ftp.command('PBSZ 0');
      await ftp.command('PROT P');
      const retr = await ftp.transfer('RETR /etc/passwd');
      expect(retr.final).toEqual({ code: 550, text: '550 Failed to open file.' });
    });

    test('WHEN a user with write uploads into files/ THEN 226 and the file is mode 0600; SITE CHMOD is refused', async () => {
      const ftp = await session('alice');
      await ftp.command('PBSZ 0');
      await ftp.command('PROT P');
      const data = Buffer.from('uploaded over TLS through the NAT\n');
      const stor = await ftp.transfer('STOR files/raw.txt', { upload: data });
      expect(stor.replies[0]).toEqual({ code: 150, text: '150 Ok to send data.' });
      expect(stor.final).toEqual({ code: 226, text: '226 Transfer complete.' });
      expect(readFileSync(jailFile('alice', 'raw.txt'))).toEqual(data);
      expect(statSync(jailFile('alice', 'raw.txt')).mode & 0o777).toBe(0o600);
      expect(await ftp.command('SITE CHMOD 0777 files/raw.txt')).toEqual({ code: 550, text: '550 Permission denied.' });
      expect(statSync(jailFile('alice', 'raw.txt')).mode & 0o777).toBe(0o600);
      // The jail's root is read-only even for a user with write.
      expect((await ftp.transfer('STOR raw.txt', { upload: data })).final).toEqual({ code: 553, text: '553 Could not create file.' });
    });

    test(
      'WHEN a user sends SITE UMASK 000 then uploads and makes a folder THEN SITE is refused, ' + 'the file is 0600, the folder 0700',
      async () => {
        const ftp = await session('alice');
        expect(await ftp.command('SITE UMASK 000')).toEqual({ code: 550, text: '550 Permission denied.' });
        await ftp.command('PBSZ 0');
        await ftp.command('PROT P');
        const stor = await ftp.transfer('STOR files/umask.txt', { upload: Buffer.from('after SITE UMASK 000\n') });
        expect(stor.final).toEqual({ code: 226, text: '226 Transfer complete.' });
        expect(statSync(jailFile('alice', 'umask.txt')).mode & 0o777).toBe(0o600);
        expect((await ftp.command('MKD files/umask-dir')).code).toBe(257);
        expect(statSync(jailFile('alice', 'umask-dir')).mode & 0o777).toBe(0o700);
      },
    );

    test('WHEN a write: false user uploads, makes a folder or deletes THEN 550', async () => {
      const ftp = await session('bob');
      await ftp.command('PBSZ 0');
      await ftp.command('PROT P');
      const stor = await ftp.transfer('STOR files/nope.txt', { upload: Buffer.from('x') });
      expect(stor.final).toEqual({ code: 550, text: '550 Permission denied.' });
      expect(() => statSync(jailFile('bob', 'nope.txt'))).toThrow();
      expect(await ftp.command('MKD files/dir')).toEqual({ code: 550, text: '550 Permission denied.' });
      expect(await ftp.command('DELE files/anything')).toEqual({ code: 550, text: '550 Permission denied.' });
    });
  });

  describe('TLS (openssl s_client -starttls ftp)', () => {
    const sClient = (args: string[]): Promise<ExecResult> =>
      bed.exec(bed.allowedClient, 'openssl', ['s_client', '-starttls', 'ftp', '-connect', `${bed.publicAddress}:${server.port}`, ...args], {
        timeoutMs: 20000,
      });
    // The client's own floor is lowered (SECLEVEL=0) so that a refusal is the server's.
    const legacy = 'DEFAULT:@SECLEVEL=0';

    test.each([
      ['TLS 1.0', '-tls1'],
      ['TLS 1.1', '-tls1_1'],
    ])('WHEN the client offers only %s THEN the handshake is refused', async (_name, flag) => {
      const result = await sClient([flag, '-cipher', legacy]);
      expect(result.code).not.toBe(0);
      expect(result.stdout + result.stderr).toMatch(/alert (protocol version|handshake failure)/);
      expect(result.stdout).toContain('Cipher is (NONE)');
    });

    test('WHEN the client offers only non-AEAD TLS 1.2 ciphers (CBC, SHA-1/SHA-2 MACs) THEN the handshake is refused', async () => {
      const cbc =
        'ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES256-SHA384:ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA:' +
        'ECDHE-RSA-AES128-SHA256:ECDHE-RSA-AES128-SHA:AES128-SHA256:AES256-SHA256:AES128-SHA:@SECLEVEL=0';
      const result = await sClient(['-tls1_2', '-cipher', cbc]);
      expect(result.code).not.toBe(0);
      expect(result.stdout + result.stderr).toMatch(/alert handshake failure/);
    });

    test.each(['ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384'])(
      'WHEN the client offers TLS 1.2 %s THEN it is accepted',
      async (cipher) => {
        const result = await sClient(['-tls1_2', '-cipher', cipher]);
        expect(result.code).toBe(0);
        expect(result.stdout).toContain(`New, TLSv1.2, Cipher is ${cipher}`);
      },
    );

    test('WHEN the client offers only TLS 1.3 THEN it is refused: the default tls.maxVersion is 1.2 (docs/tls.md)', async () => {
      const result = await sClient(['-tls1_3']);
      expect(result.code).not.toBe(0);
      expect(result.stdout).toContain('Cipher is (NONE)');
    });

    test('WHEN the client offers TLS 1.2 THEN it gets the certificate preview generated, valid for the public address', async () => {
      const result = await sClient([
        '-tls1_2',
        '-showcerts',
        '-CAfile',
        server.caFile,
        '-verify_ip',
        bed.publicAddress,
        '-verify_return_error',
      ]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/New, TLSv1\.2, Cipher is ECDHE-ECDSA-(AES256-GCM-SHA384|AES128-GCM-SHA256|CHACHA20-POLY1305)/);
      expect(result.stdout).toContain('Verify return code: 0 (ok)');
      const presented = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(result.stdout)![0];
      expect(`${presented}\n`).toBe(readFileSync(server.caFile, 'utf8'));
    });
  });

  describe('limits and allowlist', () => {
    test(`WHEN one address opens max_per_ip (${LIMITS.maxPerIp}) + 1 connections THEN the last one is greeted with 421`, async () => {
      // vsftpd counts live session processes per address: no earlier test's may be left.
      expect(await sessionsEnded()).toBe(true);
      for (let i = 0; i < LIMITS.maxPerIp; i++) expect((await open()).greeting.code).toBe(220);
      const extra = await open();
      expect(extra.greeting).toEqual({ code: 421, text: '421 There are too many connections from your internet address.' });
      expect(await extra.closedWithin(5000)).toBe(true);
    });

    test(
      'WHEN a client outside the allowlist connects THEN it gets no connection at all (dropped by the ' +
        'host firewall); the one inside does',
      async () => {
        const tables = execFileSync('ip', ['netns', 'exec', bed.server.ns, 'nft', 'list', 'tables'], { encoding: 'utf8' });
        const table = /table inet (ftp_kit_preview_\w+)/.exec(tables)![1];
        const dropped = () => {
          const text = execFileSync('ip', ['netns', 'exec', bed.server.ns, 'nft', 'list', 'table', 'inet', table], { encoding: 'utf8' });
          return Number(/counter packets (\d+) bytes \d+ drop/.exec(text)![1]);
        };
        const before = dropped();
        await expect(open(bed.deniedClient, 3000)).rejects.toMatchObject({ code: 'ETIMEDOUT' });
        expect(dropped()).toBeGreaterThan(before);
        expect((await open()).greeting.code).toBe(220);
      },
    );
  });

  test("THEN neither the preview's output nor vsftpd's log carries a password", async () => {
    const log = readFileSync(join(server.preview.dir, 'log', 'vsftpd.log'), 'utf8');
    expect(log).toMatch(/OK LOGIN/);
    for (const secret of Object.values(password)) {
      expect(server.preview.output()).not.toContain(secret);
      expect(log).not.toContain(secret);
    }
  });
});
