/*
 * `ftp-kit doctor` as a partner runs it: the built CLI inside the test bed's client namespace, against
 * `ftp-kit preview` behind the 1:1 NAT (the Elastic IP), healthy and broken in each way a partner meets.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI } from '../support/preview-process';
import { BedHost, ExecResult, TestBed } from '../testbed/netns';
import { natConfig, NatServer, scratchDir, startNatServer, Teardown } from '../integration/nat';

jest.setTimeout(120000);

interface DoctorRun extends ExecResult {
  /** The --json report, when the doctor printed one. */
  readonly report?: { ok: boolean; checks: Array<{ id: string; status: string; detail: string; diagnosis?: string; fix?: string }> };
}

async function doctor(bed: TestBed, client: BedHost, args: readonly string[], password?: string): Promise<DoctorRun> {
  // The password reaches the doctor through the environment, as the CLI demands.
  const env = { PATH: process.env.PATH, ...(password === undefined ? {} : { FTP_PW: password }) };
  const result = await bed.exec(client, CLI, ['doctor', ...args], { env, timeoutMs: 90000 });
  let report: DoctorRun['report'];
  try {
    report = JSON.parse(result.stdout);
  } catch {
    // human output
  }
  return { ...result, report };
}

const statusOf = (run: DoctorRun, id: string) => run.report?.checks.find((c) => c.id === id);

describe('GIVEN ftp-kit preview behind a 1:1 NAT with pasv_address = the public address', () => {
  const teardown = new Teardown();
  let bed: TestBed;
  let server: NatServer;
  let login: (extra?: readonly string[]) => string[];
  beforeAll(async () => {
    try {
      bed = TestBed.create();
      teardown.add(() => bed.destroy());
      server = await startNatServer(bed, teardown, natConfig(), bed.publicAddress);
      login = (extra = []) => [
        bed.publicAddress,
        '--port',
        String(server.port),
        '--user',
        'alice',
        '--password-env',
        'FTP_PW',
        '--expect-passive',
        `${server.passivePorts.from}-${server.passivePorts.to}`,
        '--ca',
        server.caFile,
        ...extra,
      ];
    } catch (err) {
      await teardown.run();
      throw err;
    }
  });
  afterAll(() => teardown.run());

  test('WHEN the server is healthy THEN every check passes and the doctor exits 0', async () => {
    const run = await doctor(bed, bed.allowedClient, login(['--json']), server.preview.credentials.alice);
    expect(run.code).toBe(0);
    expect(run.report!.checks.map((c) => [c.id, c.status])).toEqual([
      ['dns', 'pass'],
      ['tcp', 'pass'],
      ['banner', 'pass'],
      ['auth-tls', 'pass'],
      ['certificate', 'pass'],
      ['login', 'pass'],
      ['pasv-address', 'pass'],
      ['passive-range', 'pass'],
      ['epsv', 'pass'],
      ['tls-reuse', 'pass'],
      ['round-trip', 'pass'],
    ]);
    // 50 ports, sampled until a blocked quarter would be missed with odds under 0.1 %.
    expect(statusOf(run, 'passive-range')!.detail).toMatch(
      /^27 PASV replies, \d+ distinct ports of 50: 500\d\d–500\d\d connect; a blocked quarter of the range would go unnoticed with odds 0\.04\d %$/,
    );
    expect(statusOf(run, 'epsv')!.detail).toMatch(
      /^229 Entering Extended Passive Mode \(\|\|\|500\d\d\|\): port 500\d\d inside the passive range 50000–50049, connected$/,
    );
    expect(statusOf(run, 'pasv-address')!.detail).toMatch(/^227 Entering Passive Mode \(203,0,113,10,\d+,\d+\)/);
    expect(statusOf(run, 'tls-reuse')!.detail).toContain("resumed the control channel's TLS session");
    expect(run.stdout + run.stderr).not.toContain(server.preview.credentials.alice);
  });

  test('WHEN the human output is asked for THEN each check is a PASS line with its timing, and a summary', async () => {
    const run = await doctor(bed, bed.allowedClient, login(), server.preview.credentials.alice);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^PASS {2}round-trip {7}uploaded, downloaded and deleted files\/ftp-kit-doctor-[0-9a-f]+\.bin .*\(\d+ ms\)$/m,
    );
    expect(run.stdout).toMatch(/^11 passed, 0 warnings, 0 failed, 0 skipped: the server works from here$/m);
    expect(run.stdout).not.toContain('\u001b[');
  });

  test('WHEN --verbose is given THEN stderr carries the control-channel transcript with the password masked', async () => {
    const run = await doctor(bed, bed.allowedClient, login(['--verbose']), server.preview.credentials.alice);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^ {2}> USER alice$/m);
    expect(run.stderr).toMatch(/^ {2}> PASS \*{8}$/m);
    expect(run.stderr).toMatch(/^ {2}< 230 Login successful\.$/m);
    expect(run.stdout + run.stderr).not.toContain(server.preview.credentials.alice);
  });

  test('WHEN the NAT drops the passive range THEN passive-range FAILs naming the passive range, exit 1', async () => {
    bed.blockPortsAtNat(server.passivePorts);
    try {
      const run = await doctor(bed, bed.allowedClient, login(['--timeout', '3']), server.preview.credentials.alice);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^FAIL {2}passive-range +3 PASV replies/m);
      expect(run.stdout).toContain(
        `why: the passive range ${server.passivePorts.from}–${server.passivePorts.to} is blocked between you and the server`,
      );
      expect(run.stdout).toMatch(/^ {8}nc -vz -w 5 203\.0\.113\.10 500\d\d$/m);
      expect(run.stdout).toContain('        openssl s_client -starttls ftp -connect 203.0.113.10:2121 </dev/null');
      expect(run.stdout).toContain('        curl -v --ssl-reqd --disable-epsv --no-ftp-skip-pasv-ip --user alice ftp://203.0.113.10:2121/');
      expect(run.stdout).toMatch(/^SKIP {2}tls-reuse, round-trip: no data connection$/m);
    } finally {
      bed.unblockPortsAtNat();
    }
  });

  test('WHEN the NAT drops a quarter of the passive range THEN passive-range FAILs naming the dropped ports, exit 1', async () => {
    const dropped = { from: server.passivePorts.to - 12, to: server.passivePorts.to };
    bed.blockPortsAtNat(dropped);
    try {
      const run = await doctor(bed, bed.allowedClient, login(['--json']), server.preview.credentials.alice);
      expect(run.code).toBe(1);
      const check = statusOf(run, 'passive-range')!;
      expect(check.status).toBe('fail');
      expect(check.diagnosis).toMatch(
        new RegExp(
          `^a firewall between you and the server drops part of the passive range 50000–50049: ` +
            `[\\d–, ]*500[34]\\d time out, while \\d+ other ports connect`,
        ),
      );
      // Every port named as timing out lies in the dropped quarter.
      const timedOut = /: (.*) time out, while/
        .exec(check.diagnosis!)![1]
        .split(', ')
        .flatMap((r) => r.split('–').map(Number));
      for (const p of timedOut) expect(p).toBeGreaterThanOrEqual(dropped.from);
      expect(statusOf(run, 'round-trip')).toMatchObject({
        status: 'skip',
        detail: expect.stringMatching(/^part of the passive range is dropped/),
      });
    } finally {
      bed.unblockPortsAtNat();
    }
  });

  test('WHEN the password is wrong THEN login FAILs naming the credentials, exit 1', async () => {
    const run = await doctor(bed, bed.allowedClient, login(['--json']), 'not-the-password');
    expect(run.code).toBe(1);
    expect(statusOf(run, 'login')).toMatchObject({ status: 'fail', detail: '530 Login incorrect.' });
    expect(statusOf(run, 'login')!.diagnosis).toMatch(/^wrong credentials/);
    expect(statusOf(run, 'pasv-address')!.status).toBe('skip');
  });

  test('WHEN no --user is given THEN the doctor stops after the TLS checks, says so once, and never says "works"', async () => {
    const run = await doctor(bed, bed.allowedClient, [bed.publicAddress, '--port', String(server.port), '--ca', server.caFile]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^PASS {2}certificate/m);
    expect(run.stdout.match(/no --user given/g)).toHaveLength(1);
    expect(run.stdout).toMatch(
      /^SKIP {2}login, pasv-address, passive-range, epsv, tls-reuse, round-trip: no --user given: doctor stopped after the TLS checks/m,
    );
    expect(run.stdout).not.toContain('works');
    expect(run.stdout.trimEnd().split('\n').pop()).toBe(
      '5 passed, 0 warnings, 0 failed, 6 skipped: not tested: passive mode and data connections need --user',
    );
  });

  test('WHEN the host name has an AAAA record that does not answer THEN dns reports the IPv6 address with a warning', async () => {
    // `ip netns exec` reads /etc/netns/NS/hosts as the namespace's /etc/hosts: a name only this client resolves.
    const dir = `/etc/netns/${bed.allowedClient.ns}`;
    mkdirSync(dir, { recursive: true });
    teardown.add(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'hosts'), '127.0.0.1 localhost\n203.0.113.10 ftp.example.test\n2001:db8::10 ftp.example.test\n');
    try {
      const run = await doctor(bed, bed.allowedClient, ['ftp.example.test', '--port', String(server.port), '--insecure', '--json']);
      expect(run.code).toBe(0);
      expect(statusOf(run, 'dns')).toMatchObject({
        status: 'warn',
        detail: expect.stringMatching(/^ftp\.example\.test → .*2001:db8::10.*; IPv6 \[2001:db8::10\]:2121: /),
      });
      expect(statusOf(run, 'dns')!.diagnosis).toContain('the host has an AAAA record, but port 2121 does not answer over IPv6');
      expect(statusOf(run, 'tcp')).toMatchObject({ status: 'pass', detail: 'connected to 203.0.113.10:2121' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('WHEN no --ca is given THEN the self-signed certificate is a warning with its fingerprint, and the checks go on', async () => {
    const run = await doctor(
      bed,
      bed.allowedClient,
      [bed.publicAddress, '--port', String(server.port), '--user', 'alice', '--password-env', 'FTP_PW', '--json'],
      server.preview.credentials.alice,
    );
    expect(run.code).toBe(0);
    expect(statusOf(run, 'certificate')).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(/SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
    });
    expect(statusOf(run, 'certificate')!.diagnosis).toMatch(/is not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
    expect(statusOf(run, 'round-trip')!.status).toBe('pass');
  });

  test('fails when --ca names another certificate: no password is sent to a server that may not be yours', async () => {
    const run = await doctor(
      bed,
      bed.allowedClient,
      [
        bed.publicAddress,
        '--port',
        String(server.port),
        '--user',
        'alice',
        '--password-env',
        'FTP_PW',
        '--ca',
        '/etc/ssl/certs/ca-certificates.crt',
        '--json',
      ],
      server.preview.credentials.alice,
    );
    expect(run.code).toBe(1);
    expect(statusOf(run, 'certificate')!.diagnosis).toMatch(/although --ca was given: this may not be your server/);
    expect(statusOf(run, 'login')).toMatchObject({
      status: 'skip',
      detail: expect.stringContaining('doctor does not send a password to a server that may not be yours'),
    });
  });

  test('WHEN nothing listens on the port THEN tcp FAILs with "nothing listens", exit 1', async () => {
    const run = await doctor(bed, bed.allowedClient, [bed.publicAddress, '--port', String(server.port + 7), '--timeout', '5']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL {2}tcp/m);
    expect(run.stdout).toContain(`why: nothing listens on port ${server.port + 7}`);
  });

  test('WHEN the client is outside the allowlist THEN tcp FAILs as filtered by a firewall, exit 1', async () => {
    const run = await doctor(bed, bed.deniedClient, [bed.publicAddress, '--port', String(server.port), '--timeout', '3']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('why: filtered: a firewall or security group drops it');
  });

  test('fails when the flags are wrong: exit 2, the flag named', async () => {
    const run = await doctor(bed, bed.allowedClient, [bed.publicAddress, '--user', 'alice']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--user: needs --password-env VAR');
  });

  describe('AND a second preview that advertises its private address (no --pasv-address)', () => {
    let wrong: NatServer;
    beforeAll(async () => {
      wrong = await startNatServer(bed, teardown, natConfig({ controlPort: 2122, passivePorts: { from: 50100, to: 50149 } }), undefined);
    });

    test('WHEN the doctor checks it THEN pasv-address FAILs naming the advertised address and pasv_address, exit 1', async () => {
      const run = await doctor(
        bed,
        bed.allowedClient,
        [bed.publicAddress, '--port', '2122', '--user', 'alice', '--password-env', 'FTP_PW', '--expect-passive', '50100-50149'],
        wrong.preview.credentials.alice,
      );
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^FAIL {2}pasv-address +227 Entering Passive Mode \(10,99,0,2,/m);
      expect(run.stdout).toMatch(/^PASS {2}passive-range/m);
      expect(run.stdout).toContain(
        'why: the server advertises 10.99.0.2, not 203.0.113.10 that you connected to: ' +
          'pasv_address is wrong or missing — on EC2 it must be the Elastic IP',
      );
    });
  });

  describe('AND a vsftpd without TLS on the same server', () => {
    const port = 2123;
    beforeAll(async () => {
      // Plain FTP, as a hand-built server often is: the doctor must refuse to go on and say why.
      const dir = scratchDir(teardown, 'ftp-kit-plain-');
      mkdirSync(join(dir, 'empty'), { mode: 0o755 });
      const conf = join(dir, 'vsftpd.conf');
      writeFileSync(
        conf,
        [
          'listen=YES',
          `listen_address=${bed.server.address}`,
          `listen_port=${port}`,
          'background=NO',
          'anonymous_enable=NO',
          'local_enable=YES',
          'pam_service_name=ftp-kit-test-deny-all',
          'ssl_enable=NO',
          'seccomp_sandbox=NO',
          `secure_chroot_dir=${join(dir, 'empty')}`,
          '',
        ].join('\n'),
      );
      const child = bed.spawn(bed.server, 'vsftpd', [conf], { stdio: 'ignore' });
      teardown.add(() => child.kill('SIGKILL'));
      // Bounded readiness: the port is listening inside the server namespace.
      const ready = await bed.exec(bed.server, 'bash', [
        '-c',
        `for i in $(seq 100); do ss -Hltn "sport = :${port}" | grep -q . && exit 0; sleep 0.1; done; exit 1`,
      ]);
      if (ready.code !== 0) throw new Error('the plain vsftpd did not listen within 10 s');
    });

    test('WHEN the doctor checks it THEN auth-tls FAILs naming the missing TLS, and no password is sent', async () => {
      const run = await doctor(
        bed,
        bed.allowedClient,
        [bed.publicAddress, '--port', String(port), '--user', 'alice', '--password-env', 'FTP_PW', '--json'],
        'whatever',
      );
      expect(run.code).toBe(1);
      expect(statusOf(run, 'auth-tls')).toMatchObject({
        status: 'fail',
        diagnosis: 'the server does not offer TLS: passwords and files would cross the network in clear text',
      });
      expect(statusOf(run, 'login')).toMatchObject({ status: 'skip', detail: 'doctor never sends a password without TLS' });
    });
  });
});
