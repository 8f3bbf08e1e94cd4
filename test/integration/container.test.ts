/*
 * Target "ecs"'s image, built here from templates/container by `ftp-kit image build` (podman), run
 * as ECS runs it (read-only root, every capability dropped but the ones the task keeps, passwords in
 * the environment, files on a volume) inside the test bed's server namespace, behind its 1:1 NAT
 * standing in for the load balancer's Elastic IP. Real clients transfer over TLS through that
 * address, and the EC2 target's hardening holds.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateConfig } from '../../lib/config/load';
import { containerCapabilities } from '../../lib/render/container';
import { basicFtpSession, curlSession, lftpSession, SessionProps } from '../support/clients';
import { ftpKit } from '../support/cli';
import { RawFtp } from '../support/ftp-raw';
import { TestBed, TESTBED_ADDRESSES } from '../testbed/netns';
import { natConfig, scratchDir, Teardown } from './nat';
import { ensureBaseImage, podman, removeContainer, writeContainersConf } from './container-image';
import { makeSelfSigned } from '../../lib/local/self-signed';

jest.setTimeout(600000);

// 20 passive ports (an NLB listener each) carry 6 sessions at 3 ports a session: the most maxClients may be.
const INPUT = natConfig({
  name: 'ctr-test',
  target: 'ecs',
  passivePorts: { from: 50000, to: 50019 },
  limits: { maxClients: 6, maxPerIp: 3, maxLoginFails: 2, failedLoginDelaySeconds: 2 },
});
const CONFIG = validateConfig(INPUT);
const PASSWORDS = { alice: `alice-${Math.random().toString(36).slice(2, 14)}`, bob: `bob-${Math.random().toString(36).slice(2, 14)}` };

/** Two of the passive ports' target groups: enough to show the calls per group. */
const TARGET_GROUPS = [50000, 50001];
const ARN = (port: number) => `arn:aws:elasticloadbalancing:eu-central-1:111122223333:targetgroup/ctr-test-p${port}/0123456789abcdef`;
const registration = (verb: string) =>
  TARGET_GROUPS.map(
    (port) => `elbv2 ${verb} --region eu-central-1 --target-group-arn ${ARN(port)} --targets Id=${TESTBED_ADDRESSES.server},Port=${port}`,
  );

/** ECS's task metadata endpoint v4 in the bed's server namespace (the container's), answering with the task's address. */
async function startMetadataEndpoint(bed: TestBed): Promise<number> {
  const body = JSON.stringify({ Name: 'vsftpd', Networks: [{ NetworkMode: 'awsvpc', IPv4Addresses: [TESTBED_ADDRESSES.server] }] });
  const script =
    `require('node:http').createServer((q, s) => s.end(${JSON.stringify(body)}))` +
    `.listen(0, '127.0.0.1', function () { console.log(this.address().port); })`;
  const server = bed.spawn(bed.server, process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the metadata endpoint did not start within 10 s')), 10000);
    server.stdout!.once('data', (d: Buffer) => {
      clearTimeout(timer);
      resolve(Number(d.toString().trim()));
    });
  });
}

const outcome = (name: string, step: { code: number | null; stderr: string }) => ({
  step: name,
  code: step.code,
  log: step.code === 0 ? '' : step.stderr.trim().split('\n').slice(-40).join('\n'),
});

describe("GIVEN the ecs image built by ftp-kit image build and run read-only behind the test bed's Elastic IP", () => {
  const teardown = new Teardown();
  const container = `ftp-kit-ctr-test-${process.pid}`;
  let conf: string;
  let bed: TestBed;
  let dataDir: string;
  let workDir: string;
  let caFile: string;
  let certificate: string;
  let image: string;
  let session: (name: string, user?: 'alice' | 'bob') => SessionProps;
  let recordDir: string;
  const awsCalls = () => readFileSync(join(recordDir, 'calls'), 'utf8').trim().split('\n');

  const open = async () => RawFtp.open(bed.connectFrom(bed.allowedClient), bed.publicAddress, CONFIG.controlPort);
  const login = async (user: 'alice' | 'bob') => {
    const ftp = await open();
    await ftp.authTls({ ca: certificate, host: bed.publicAddress });
    expect(await ftp.login(user, PASSWORDS[user])).toEqual({ code: 230, text: '230 Login successful.' });
    return ftp;
  };

  beforeAll(async () => {
    try {
      const dir = scratchDir(teardown, 'ftp-kit-ctr-');
      conf = writeContainersConf(dir);
      dataDir = scratchDir(teardown, 'ftp-kit-ctr-data-');
      workDir = scratchDir(teardown, 'ftp-kit-ctr-work-');
      writeFileSync(join(dir, 'ftp-kit.config.json'), JSON.stringify(INPUT));
      await ensureBaseImage(conf);
      const built = await ftpKit(['image', 'build'], dir, { CONTAINERS_CONF: conf });
      if (built.code !== 0) throw new Error(`ftp-kit image build failed: ${built.stderr.slice(-3000)}`);
      image = /^built (\S+)$/m.exec(built.stdout)![1];
      teardown.add(() => podman(conf, ['rmi', '--force', image]).catch(() => undefined));

      bed = TestBed.create();
      teardown.add(() => bed.destroy());
      teardown.add(() => removeContainer(conf, container));
      // As in ECS: the task metadata endpoint (a small server in the task's namespace) and `aws` (a stand-in
      // that records its argv, on the image's PATH ahead of the real one: there is no AWS here).
      recordDir = scratchDir(teardown, 'ftp-kit-ctr-aws-');
      writeFileSync(join(recordDir, 'aws'), '#!/bin/sh\nprintf \'%s\\n\' "$*" >>/rec/calls\n', { mode: 0o755 });
      const metadataPort = await startMetadataEndpoint(bed);
      // bob's secret holds a hash, alice's the password itself: the entrypoint takes both.
      const bobHash = execFileSync('openssl', ['passwd', '-6', '-stdin'], { input: PASSWORDS.bob, encoding: 'utf8' }).trim();
      await podman(
        conf,
        [
          'run',
          '--detach',
          '--name',
          container,
          '--no-healthcheck',
          '--network',
          `ns:/run/netns/${bed.server.ns}`,
          '--read-only',
          '--tmpfs',
          '/run/ftp-kit:rw,mode=0700',
          '--volume',
          `${dataDir}:/srv/ftp-kit`,
          '--volume',
          `${recordDir}:/rec`,
          '--volume',
          `${join(recordDir, 'aws')}:/usr/local/bin/aws:ro`,
          '--cap-drop',
          'ALL',
          '--cap-add',
          containerCapabilities(CONFIG).join(','),
          '--env',
          `FTPKIT_PASV_ADDRESS=${bed.publicAddress}`,
          '--env',
          'FTPKIT_REGION=eu-central-1',
          '--env',
          `FTPKIT_TARGET_GROUPS=${TARGET_GROUPS.map((port) => `${port}=${ARN(port)}`).join(' ')}`,
          '--env',
          `ECS_CONTAINER_METADATA_URI_V4=http://127.0.0.1:${metadataPort}/v4/task-container`,
          // Values from podman's own environment, never argv: as ECS injects secrets.
          '--env',
          'FTPKIT_PASSWORD_1',
          '--env',
          'FTPKIT_PASSWORD_2',
          image,
        ],
        { FTPKIT_PASSWORD_1: PASSWORDS.alice, FTPKIT_PASSWORD_2: bobHash },
      );
      // Ready when the control port greets through the NAT (bounded).
      const deadline = Date.now() + 60000;
      for (;;) {
        try {
          (await open()).close();
          break;
        } catch (err) {
          if (Date.now() > deadline) {
            throw new Error(`the container never greeted: ${String(err)}\n${await podman(conf, ['logs', container]).catch(() => '')}`);
          }
          await new Promise((r) => setTimeout(r, 250));
        }
      }
      caFile = join(dataDir, 'state', 'tls', 'cert.pem');
      certificate = readFileSync(caFile, 'utf8');
      session = (name, user = 'alice') => ({
        bed,
        client: bed.allowedClient,
        host: bed.publicAddress,
        port: CONFIG.controlPort,
        user,
        password: PASSWORDS[user],
        caFile,
        workDir,
        name,
        tlsMax: '1.2',
      });
    } catch (err) {
      await teardown.run();
      throw err;
    }
  });
  afterAll(() => teardown.run());

  test('THEN the task joined each passive target group with its address from the metadata endpoint, before serving', () => {
    expect(awsCalls()).toEqual(registration('register-targets'));
  });

  test('THEN the 227 reply carries the Elastic IP and a port of the passive range', async () => {
    const ftp = await login('alice');
    try {
      const { host, port } = await ftp.pasv();
      expect(host).toBe(bed.publicAddress);
      expect(port).toBeGreaterThanOrEqual(50000);
      expect(port).toBeLessThanOrEqual(50019);
    } finally {
      ftp.close();
    }
  });

  test('WHEN strict curl uploads, lists and downloads over TLS THEN every step succeeds and the checksums are equal', async () => {
    const result = await curlSession(session('curl.bin'));
    for (const [name, step] of Object.entries(result.steps)) expect(outcome(name, step)).toEqual({ step: name, code: 0, log: '' });
    expect(result.receivedSha256).toBe(result.sentSha256);
    expect(result.steps.upload.stderr).toMatch(/227 Entering Passive Mode \(203,0,113,10,/);
  });

  test('WHEN strict lftp uploads, lists and downloads over TLS THEN the checksums are equal', async () => {
    const result = await lftpSession(session('lftp.bin'));
    for (const [name, step] of Object.entries(result.steps)) expect(outcome(name, step)).toEqual({ step: name, code: 0, log: '' });
    expect(result.receivedSha256).toBe(result.sentSha256);
  });

  test('WHEN basic-ftp (certificate pinned) uploads and downloads THEN the checksums are equal', async () => {
    const result = await basicFtpSession(session('basic-ftp.bin'));
    expect(result).toMatchObject({ ok: true, received: result.sent });
    for (const pasv of result.pasv) expect(pasv).toMatch(/^203,0,113,10,\d+,\d+$/);
  });

  test("THEN the uploads landed on the data volume in alice's files/, owned by the guest account, mode 0600", () => {
    for (const name of ['curl.bin', 'lftp.bin', 'basic-ftp.bin']) {
      const stat = statSync(join(dataDir, 'jail', 'alice', 'files', name));
      expect(stat.size).toBe(256 * 1024);
      expect(stat.mode & 0o777).toBe(0o600);
      expect(stat.uid).not.toBe(0);
    }
  });

  test('WHEN USER comes before AUTH TLS THEN 530; WHEN anonymous logs in THEN 530', async () => {
    const plain = await open();
    expect(await plain.command('USER alice')).toEqual({ code: 530, text: '530 Non-anonymous sessions must use encryption.' });
    plain.close();
    const anon = await open();
    expect(await anon.login('anonymous', 'guest@example.com')).toEqual({ code: 530, text: '530 Login incorrect.' });
    anon.close();
    const anonTls = await open();
    await anonTls.authTls({ ca: certificate, host: bed.publicAddress });
    expect(await anonTls.command('USER ftp')).toEqual({ code: 530, text: '530 Anonymous sessions may not use encryption.' });
    anonTls.close();
  });

  test('WHEN alice climbs out of her jail THEN she stays at / and cannot reach /etc', async () => {
    const ftp = await login('alice');
    try {
      expect(await ftp.command('CWD ..')).toEqual({ code: 250, text: '250 Directory successfully changed.' });
      expect(await ftp.command('PWD')).toEqual({ code: 257, text: '257 "/" is the current directory' });
      expect(await ftp.command('CWD /etc')).toEqual({ code: 550, text: '550 Failed to change directory.' });
    } finally {
      ftp.close();
    }
  });

  test('WHEN read-only bob stores a file THEN 550', async () => {
    const ftp = await login('bob');
    try {
      await ftp.command('PBSZ 0');
      await ftp.command('PROT P');
      const stored = await ftp.transfer('STOR files/nope.txt', { upload: Buffer.from('x') });
      expect(stored.final).toEqual({ code: 550, text: '550 Permission denied.' });
    } finally {
      ftp.close();
    }
  });

  test("THEN the HEALTHCHECK command passes, and vsftpd's log is the container's output, without passwords", async () => {
    await podman(conf, ['exec', container, '/usr/local/lib/ftp-kit/health.sh']);
    const logs = await podman(conf, ['logs', container]);
    expect(logs).toContain('[alice] OK LOGIN: Client "198.51.100.10"');
    expect(logs).toMatch(/OK UPLOAD: Client "198\.51\.100\.10", "\/files\/curl\.bin"/);
    expect(logs).not.toContain(PASSWORDS.alice);
    expect(logs).not.toContain(PASSWORDS.bob);
  });

  test('WHEN the container is stopped (SIGTERM) THEN the entrypoint ends it with exit 0, not the SIGKILL after 20 s (137)', async () => {
    await podman(conf, ['stop', '--time', '20', container]);
    expect((await podman(conf, ['inspect', '--format', '{{.State.ExitCode}}', container])).trim()).toBe('0');
    // It left the target groups first.
    expect(awsCalls()).toEqual([...registration('register-targets'), ...registration('deregister-targets')]);
  });

  test('GIVEN a certificate and key injected as FTPKIT_TLS_CERT/KEY THEN the server presents it, not the one on the volume', async () => {
    await podman(conf, ['stop', '--time', '20', container]);
    const dir = scratchDir(teardown, 'ftp-kit-ctr-cert-');
    makeSelfSigned({
      certFile: join(dir, 'cert.pem'),
      keyFile: join(dir, 'key.pem'),
      commonName: 'injected',
      altNames: [`IP:${bed.publicAddress}`],
      days: 2,
    });
    const injected = readFileSync(join(dir, 'cert.pem'), 'utf8');
    const second = `${container}-cert`;
    teardown.add(() => removeContainer(conf, second));
    await podman(
      conf,
      [
        'run',
        '--detach',
        '--name',
        second,
        '--no-healthcheck',
        '--network',
        `ns:/run/netns/${bed.server.ns}`,
        '--read-only',
        '--tmpfs',
        '/run/ftp-kit:rw,mode=0700',
        '--volume',
        `${dataDir}:/srv/ftp-kit`,
        '--cap-drop',
        'ALL',
        '--cap-add',
        containerCapabilities(CONFIG).join(','),
        '--env',
        `FTPKIT_PASV_ADDRESS=${bed.publicAddress}`,
        '--env',
        'FTPKIT_PASSWORD_1',
        '--env',
        'FTPKIT_PASSWORD_2',
        '--env',
        'FTPKIT_TLS_CERT',
        '--env',
        'FTPKIT_TLS_KEY',
        image,
      ],
      {
        FTPKIT_PASSWORD_1: PASSWORDS.alice,
        FTPKIT_PASSWORD_2: PASSWORDS.bob,
        FTPKIT_TLS_CERT: injected,
        FTPKIT_TLS_KEY: readFileSync(join(dir, 'key.pem'), 'utf8'),
      },
    );
    let ftp: RawFtp | undefined;
    for (const deadline = Date.now() + 60000; !ftp; await new Promise((r) => setTimeout(r, 250))) {
      ftp = await open().catch((err: unknown) => {
        if (Date.now() > deadline) throw err;
        return undefined;
      });
    }
    try {
      expect(await ftp.authTls({ ca: injected, host: bed.publicAddress })).toMatchObject({ code: 234 });
      expect(await ftp.login('bob', PASSWORDS.bob)).toMatchObject({ code: 230 });
    } finally {
      ftp.close();
    }
    expect(injected).not.toBe(certificate);
    await podman(conf, ['stop', '--time', '20', second]);
  });
});
