/*
 * fail2ban over IPv6, as EC2 runs it: the preview listens dual-stack (`--listen ::`, vsftpd.conf with
 * `listen_ipv6=YES` and no listen_address) in the test bed's server namespace, which has a global IPv6
 * address of its own beside the NAT's IPv4 one. An IPv6 client logs in over TLS and transfers with
 * EPSV; `ban.maxRetry` wrong passwords from it put its address in the ban table's `ban6` set and
 * drop it on the control port and the passive range, while the same host's IPv4 address still logs
 * in and transfers; the ban lifts after `ban.banTimeSeconds`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseVsftpdConf } from '../../lib/render/vsftpd-conf';
import { RawFtp } from '../support/ftp-raw';
import { BedHost, TestBed, TESTBED_ADDRESSES } from '../testbed/netns';
import { CLI } from '../support/preview-process';
import { connectOutcome, failLogins, natConfig, NatServer, startNatServer, Teardown, waitForBan } from './nat';

jest.setTimeout(120000);

const A = TESTBED_ADDRESSES;
const BAN = { maxRetry: 3, findTimeSeconds: 120, banTimeSeconds: 10 };
// Two wrong passwords per connection, 1 s apart: the third one comes on a second connection.
const CONFIG = natConfig({
  allow: [A.allowedSubnet, A.allowedSubnet6],
  ban: BAN,
  limits: { maxClients: 16, maxPerIp: 3, maxLoginFails: 2, failedLoginDelaySeconds: 1 },
});

const GIVEN =
  `GIVEN ftp-kit preview listening dual-stack (--listen ::) with fail2ban (maxRetry ${BAN.maxRetry}, ` +
  `banTime ${BAN.banTimeSeconds} s), IPv4 behind a 1:1 NAT and IPv6 on the server's own address, allow ` +
  `${A.allowedSubnet} and ${A.allowedSubnet6}`;

describe(GIVEN, () => {
  const teardown = new Teardown();
  let bed: TestBed;
  let server: NatServer;
  const attacker = A.allowedClient6;

  /** A TLS control connection from `client` to `host` (the certificate names the public IPv4 address, as on EC2). */
  const tlsSession = async (client: BedHost, host: string) => {
    const ftp = await RawFtp.open(bed.connectFrom(client), host, server.port);
    teardown.add(() => ftp.close());
    expect(await ftp.authTls({ ca: server.preview.certificate, host: bed.publicAddress })).toMatchObject({ code: 234 });
    return ftp;
  };
  /**
   * Logs in as alice over TLS, stores a file and reads it back with EPSV, over either family: vsftpd
   * 3.0.3 on a listen_ipv6 socket answers an IPv4 client's PASV with 0,0,0,0, not pasv_address (see
   * docs/preview.md), so IPv4 clients of a dual-stack server need EPSV too (curl's and lftp's default).
   */
  const loginAndTransfer = async (client: BedHost, host: string, name: string) => {
    const ftp = await tlsSession(client, host);
    expect(await ftp.login('alice', server.preview.credentials.alice)).toEqual({ code: 230, text: '230 Login successful.' });
    await ftp.command('PBSZ 0');
    expect(await ftp.command('PROT P')).toMatchObject({ code: 200 });
    const payload = Buffer.from(`${name} over ${host}\n`);
    expect((await ftp.transfer(`STOR files/${name}`, { upload: payload, epsv: true })).final).toMatchObject({ code: 226 });
    const back = await ftp.transfer(`RETR files/${name}`, { epsv: true });
    expect(back.final).toMatchObject({ code: 226 });
    expect(back.data).toEqual(payload);
    ftp.close();
  };

  beforeAll(async () => {
    try {
      bed = TestBed.create();
      teardown.add(() => bed.destroy());
      server = await startNatServer(bed, teardown, CONFIG, bed.publicAddress, '::');
    } catch (err) {
      await teardown.run();
      throw err;
    }
  });
  afterAll(() => teardown.run());

  test('THEN vsftpd.conf is the dual-stack one EC2 gets: listen_ipv6=YES, no listen_address, pasv_address the IPv4 one', () => {
    const conf = parseVsftpdConf(readFileSync(join(server.preview.dir, 'etc', 'vsftpd.conf'), 'utf8'));
    expect(conf).toMatchObject({ listen_ipv6: 'YES', pasv_address: bed.publicAddress });
    expect(conf.listen_address).toBeUndefined();
    expect(conf.listen).not.toBe('YES');
  });

  test(
    'WHEN the allowed client logs in over IPv6 and over IPv4 THEN both transfer over TLS with EPSV, ' +
      'and the denied client gets nothing over IPv6',
    async () => {
      await loginAndTransfer(bed.allowedClient, A.server6, 'before-ban-6.txt');
      await loginAndTransfer(bed.allowedClient, bed.publicAddress, 'before-ban-4.txt');
      expect(await connectOutcome(bed, bed.deniedClient, A.server6, server.port)).toBe('ETIMEDOUT');
    },
  );

  test('WHEN an IPv4 client asks for PASV THEN vsftpd 3.0.3 announces 0,0,0,0, not pasv_address (docs/preview.md: a limit)', async () => {
    const ftp = await tlsSession(bed.secondAllowedClient, bed.publicAddress);
    expect(await ftp.login('bob', server.preview.credentials.bob)).toMatchObject({ code: 230 });
    expect((await ftp.command('PASV')).text).toMatch(/^227 Entering Passive Mode \(0,0,0,0,\d+,\d+\)\.$/);
    ftp.close();
  });

  test(
    'WHEN a partner runs ftp-kit doctor over IPv4 THEN the pasv-address check fails naming the dual-stack cause, ' +
      'not a wrong pasv_address; over IPv6 it passes with EPSV',
    async () => {
      const doctor = async (client: BedHost, host: string, trust: readonly string[]) => {
        const args = [host, '--port', String(server.port), '--user', 'alice', '--password-env', 'FTP_PW', ...trust, '--json'];
        const run = await bed.exec(client, CLI, ['doctor', ...args], {
          env: { PATH: process.env.PATH, FTP_PW: server.preview.credentials.alice },
          timeoutMs: 90000,
        });
        const report = JSON.parse(run.stdout) as { checks: Array<{ id: string; status: string; diagnosis?: string; fix?: string }> };
        return report.checks.find((c) => c.id === 'pasv-address');
      };
      const overIpv4 = await doctor(bed.allowedClient, bed.publicAddress, ['--ca', server.caFile]);
      expect(overIpv4).toMatchObject({ status: 'fail' });
      expect(overIpv4?.diagnosis).toMatch(/^the server advertises 0\.0\.0\.0: vsftpd 3\.0\.3 listening dual-stack/);
      expect(overIpv4?.fix).toMatch(/use EPSV, or take the IPv6 ranges out of `allow`/);
      // The certificate names the public IPv4 address, as on EC2: over IPv6 the doctor is told not to check it.
      expect(await doctor(bed.allowedClient, A.server6, ['--insecure'])).toMatchObject({ status: 'pass' });
    },
  );

  test(
    `WHEN the IPv6 client fails ${BAN.maxRetry} logins THEN its address is in ban6 and gets nothing on the control port ` +
      `and the passive range, the same host over IPv4 and the second client log in and transfer, ` +
      `and the ban lifts after ${BAN.banTimeSeconds} s`,
    async () => {
      const { from, to } = server.passivePorts;
      // Before: a passive port with no transfer open answers IPv6 with a reset, not silence.
      expect(await connectOutcome(bed, bed.allowedClient, A.server6, to)).toBe('ECONNREFUSED');

      const lastFailureSentAt = await failLogins(() => tlsSession(bed.allowedClient, A.server6), BAN.maxRetry);
      expect(await server.preview.waitForOutput(`fail2ban: Ban ${attacker}`, 20000)).toBe(true);
      expect(await waitForBan(server, attacker, true)).toBe(true);
      // Its IPv4 address made no failure: never banned.
      expect(await waitForBan(server, A.allowedClient, false, 0)).toBe(true);

      expect(await connectOutcome(bed, bed.allowedClient, A.server6, server.port)).toBe('ETIMEDOUT');
      expect(await connectOutcome(bed, bed.allowedClient, A.server6, from)).toBe('ETIMEDOUT');
      expect(await connectOutcome(bed, bed.allowedClient, A.server6, to)).toBe('ETIMEDOUT');

      await loginAndTransfer(bed.allowedClient, bed.publicAddress, 'banned-6-over-4.txt');
      await loginAndTransfer(bed.secondAllowedClient, bed.publicAddress, 'not-collateral.txt');

      expect(await server.preview.waitForOutput(`fail2ban: Unban ${attacker}`, (BAN.banTimeSeconds + 20) * 1000)).toBe(true);
      expect(await waitForBan(server, attacker, false)).toBe(true);
      // The ban runs from the failure's log time (whole seconds, written after the PASS was sent): never lifted early.
      expect(Date.now() - lastFailureSentAt).toBeGreaterThanOrEqual((BAN.banTimeSeconds - 1) * 1000);
      await loginAndTransfer(bed.allowedClient, A.server6, 'after-ban-6.txt');
    },
  );

  test(
    `WHEN an IPv4 client of the dual-stack socket (logged as ::ffff:${A.secondAllowedClient}) fails ${BAN.maxRetry} logins ` +
      'THEN fail2ban bans its IPv4 address in ban4, where the drop rule matches it',
    async () => {
      const second = A.secondAllowedClient;
      await failLogins(() => tlsSession(bed.secondAllowedClient, bed.publicAddress), BAN.maxRetry);
      const log = readFileSync(join(server.preview.dir, 'log', 'vsftpd.log'), 'utf8');
      expect(log).toContain(`FAIL LOGIN: Client "::ffff:${second}"`);
      expect(await server.preview.waitForOutput(`fail2ban: Ban ${second}`, 20000)).toBe(true);
      expect(await waitForBan(server, second, true)).toBe(true);
      expect(await connectOutcome(bed, bed.secondAllowedClient, bed.publicAddress, server.port)).toBe('ETIMEDOUT');
    },
  );
});
