import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FtpKitConfig } from '../../lib/config/schema';
import { nftTableExists } from '../../lib/local/firewall';
import { LISTEN_EVERY_ADDRESS, LocalPreview, startPreview } from '../../lib/local/preview';
import { renderServerFiles } from '../../lib/render';
import { directConnect, RawFtp } from '../support/ftp-raw';
import { pamServicesOf } from '../support/preview-process';
import { eventually, loopbackConfig, processAlive } from './helpers';

jest.setTimeout(60000);

/** Logs in on loopback over TLS, verifying the preview's certificate. */
async function login(preview: LocalPreview, user: string): Promise<RawFtp> {
  const ftp = await RawFtp.open(directConnect, preview.address, preview.port);
  await ftp.authTls({ ca: preview.certificate.pem });
  const reply = await ftp.login(user, preview.credentials[user]);
  if (reply.code !== 230) throw new Error(`login as ${user}: ${reply.text}`);
  return ftp;
}

describe('startPreview', () => {
  // GIVEN a config whose allowlist does not list loopback, and a folder of the test's own
  let config: FtpKitConfig;
  let dir: string;
  let preview: LocalPreview;
  const logLines: string[] = [];
  beforeAll(async () => {
    config = await loopbackConfig(0);
    dir = mkdtempSync(join(tmpdir(), 'ftp-kit-preview-test-'));
    // WHEN started
    preview = await startPreview({ config, dir, onLog: (line) => logLines.push(line) });
  });
  afterAll(async () => {
    await preview?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('THEN it runs exactly the files render produces, rebased under the folder, with its own PAM service and nftables table', () => {
    const files = renderServerFiles(config, { publicAddress: '127.0.0.1', listenAddress: '127.0.0.1', layout: preview.layout });
    expect(readFileSync(join(dir, 'etc', 'vsftpd.conf'), 'utf8')).toBe(files.vsftpdConf);
    expect(readFileSync(join(dir, 'etc', 'firewall.nft'), 'utf8')).toBe(files.nftables);
    expect(readFileSync(preview.pamServiceFile, 'utf8')).toBe(files.pamService);
    for (const user of ['alice', 'bob']) expect(readFileSync(join(dir, 'etc', 'users', user), 'utf8')).toBe(files.userConfigs[user]);
    for (const key of ['etcDir', 'dataDir', 'logDir', 'secureChrootDir'] as const)
      expect(preview.layout[key].startsWith(`${dir}/`)).toBe(true);
    expect(preview.layout.pamServiceName).toBe(`ftp-kit-preview-${config.controlPort}-${process.pid}`);
    expect(preview.layout.nftTable).toBe(`ftp_kit_preview_${config.controlPort}_${process.pid}`);
    expect(nftTableExists(preview.layout.nftTable)).toBe(true);
    const loaded = execFileSync('nft', ['list', 'table', 'inet', preview.layout.nftTable], { encoding: 'utf8' });
    // Loopback always in, and only the control port and the passive range matched (nft lists set elements sorted).
    const portSets = [...loaded.matchAll(/tcp dport \{ ([^}]+) \}/g)].map((m) => new Set(m[1].split(', ')));
    expect(portSets.length).toBe(4);
    for (const set of portSets)
      expect(set).toEqual(new Set([String(config.controlPort), `${config.passivePorts.from}-${config.passivePorts.to}`]));
    expect(loaded).toMatch(/\} iif "lo" accept\n/);
    expect(preview.url).toBe(`ftp://127.0.0.1:${config.controlPort}`);
  });

  test(
    'THEN credentials.json (mode 0600) holds a generated password per user, ' + 'and etc/passwd (mode 0600) their SHA-512 crypt hashes',
    () => {
      const file = join(dir, 'credentials.json');
      expect(preview.credentialsFile).toBe(file);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const credentials = JSON.parse(readFileSync(file, 'utf8'));
      expect(credentials).toEqual(preview.credentials);
      expect(Object.keys(credentials)).toEqual(['alice', 'bob']);
      expect(credentials.alice).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(credentials.alice).not.toBe(credentials.bob);
      const passwd = join(dir, 'etc', 'passwd');
      expect(statSync(passwd).mode & 0o777).toBe(0o600);
      for (const line of readFileSync(passwd, 'utf8').trim().split('\n')) {
        const [user, hash] = line.split(':');
        expect(hash).toMatch(/^\$6\$/);
        const salt = hash.split('$')[2];
        const again = execFileSync('openssl', ['passwd', '-6', '-salt', salt, '-stdin'], {
          input: credentials[user],
          encoding: 'utf8',
        }).trim();
        expect(again).toBe(hash);
      }
    },
  );

  test(
    'THEN a user logs in over TLS on loopback although the allowlist does not name it, ' + 'and uploads into files/ (mode 0600)',
    async () => {
      const ftp = await login(preview, 'alice');
      try {
        await ftp.command('PBSZ 0');
        await ftp.command('PROT P');
        const stor = await ftp.transfer('STOR files/hello.txt', { upload: Buffer.from('hello\n') });
        expect(stor.final).toEqual({ code: 226, text: '226 Transfer complete.' });
        const file = join(dir, 'data', 'jail', 'alice', 'files', 'hello.txt');
        expect(readFileSync(file, 'utf8')).toBe('hello\n');
        expect(statSync(file).mode & 0o777).toBe(0o600);
      } finally {
        ftp.close();
      }
    },
  );

  test('THEN the certificate names the address clients reach', () => {
    const san = execFileSync('openssl', ['x509', '-noout', '-ext', 'subjectAltName', '-in', preview.certificate.certFile], {
      encoding: 'utf8',
    });
    expect(san).toContain('IP Address:127.0.0.1');
  });

  test("THEN vsftpd's log lines reach onLog, and none carries a password", async () => {
    expect(await eventually(() => logLines.some((line) => line.includes('[alice] OK LOGIN: Client "127.0.0.1"')))).toBe(true);
    for (const password of Object.values(preview.credentials)) expect(logLines.join('\n')).not.toContain(password);
  });

  describe('WHEN a second preview starts beside it on another port, without a folder', () => {
    let second: LocalPreview;
    beforeAll(async () => {
      second = await startPreview({ config: await loopbackConfig(1) });
    });
    afterAll(() => second?.stop());

    test('THEN both serve, each with its own PAM service and table', async () => {
      expect(second.port).not.toBe(preview.port);
      expect(second.pamServiceFile).not.toBe(preview.pamServiceFile);
      expect(second.layout.nftTable).not.toBe(preview.layout.nftTable);
      for (const p of [preview, second]) (await login(p, 'bob')).close();
    });

    test('THEN stopping it removes its temporary folder, PAM service and table, and leaves the first one serving', async () => {
      await second.stop();
      expect(existsSync(second.dir)).toBe(false);
      expect(existsSync(second.pamServiceFile)).toBe(false);
      expect(nftTableExists(second.layout.nftTable)).toBe(false);
      (await login(preview, 'bob')).close();
    });
  });

  test('fails when the control port is taken, leaving nothing behind', async () => {
    const before = pamServicesOf(process.pid);
    await expect(startPreview({ config })).rejects.toThrow(`control port ${config.controlPort} on 127.0.0.1 is taken`);
    expect(pamServicesOf(process.pid)).toEqual(before);
  });

  test("fails when the listen address is not one of this machine's", async () => {
    await expect(startPreview({ config: await loopbackConfig(2), listenAddress: '192.0.2.99' })).rejects.toThrow(
      'listen address 192.0.2.99 is not an address of this machine',
    );
  });

  test('fails when an address is not IPv4, naming each', async () => {
    await expect(startPreview({ config, listenAddress: 'localhost', pasvAddress: '0.0.0.0' })).rejects.toThrow(
      /listenAddress: "localhost" — is not an IPv4 address[\s\S]*pasvAddress: "0\.0\.0\.0"/,
    );
  });

  test('fails when listenAddress is an IPv6 address other than :: (every address), or :: comes without pasvAddress', async () => {
    await expect(startPreview({ config, listenAddress: '2001:db8::1', pasvAddress: '127.0.0.1' })).rejects.toThrow(
      'listenAddress: "2001:db8::1" — is not an IPv4 address nor :: — use an address of this machine, e.g. 127.0.0.1, or :: for all',
    );
    await expect(startPreview({ config, listenAddress: LISTEN_EVERY_ADDRESS })).rejects.toThrow(
      'pasvAddress: (missing) — is required when listening on :: — give the IPv4 address clients connect to',
    );
  });

  test(
    'GIVEN a folder under one that other accounts cannot enter ' +
      'THEN users still log in and list files/, and that folder is left as it was',
    async () => {
      const closed = mkdtempSync(join(tmpdir(), 'ftp-kit-closed-'));
      let inside: LocalPreview | undefined;
      try {
        chmodSync(closed, 0o700);
        inside = await startPreview({ config: await loopbackConfig(3), dir: join(closed, 'a', 'preview') });
        const ftp = await login(inside, 'alice');
        await ftp.command('PBSZ 0');
        await ftp.command('PROT P');
        expect((await ftp.transfer('LIST files')).final).toEqual({ code: 226, text: '226 Directory send OK.' });
        ftp.close();
        expect(statSync(closed).mode & 0o777).toBe(0o700);
      } finally {
        await inside?.stop();
        rmSync(closed, { recursive: true, force: true });
      }
      // The private view's mounts ended with vsftpd.
      expect(readFileSync('/proc/self/mountinfo', 'utf8')).not.toContain(closed);
    },
  );

  test('WHEN the start is aborted THEN it rejects with the reason and leaves nothing behind', async () => {
    const before = pamServicesOf(process.pid);
    const abort = new AbortController();
    const starting = startPreview({ config: await loopbackConfig(4), signal: abort.signal });
    setImmediate(() => abort.abort(new Error('stop requested')));
    await expect(starting).rejects.toThrow('stop requested');
    expect(pamServicesOf(process.pid)).toEqual(before);
  });

  test(
    'WHEN stopped THEN vsftpd and its sessions are gone, the PAM service and table removed, ' +
      'the folder kept; stopping again is harmless',
    async () => {
      const session = await login(preview, 'alice');
      const { pid } = preview;
      await preview.stop();
      await preview.stop();
      expect(await eventually(() => !processAlive(pid))).toBe(true);
      expect(await session.closedWithin(5000)).toBe(true);
      expect(existsSync(preview.pamServiceFile)).toBe(false);
      expect(nftTableExists(preview.layout.nftTable)).toBe(false);
      expect(nftTableExists(preview.banTable)).toBe(false);
      expect(existsSync(join(dir, 'credentials.json'))).toBe(true);
      expect(spawnSync('pgrep', ['-f', preview.layout.etcDir]).status).toBe(1);
    },
  );
});

describe('startPreview, when its process exits without stop()', () => {
  test('THEN the exit hook stops vsftpd and removes the PAM service and table', async () => {
    const config = await loopbackConfig(5);
    const script = `
      const { startPreview } = require(${JSON.stringify(join(__dirname, '..', '..', 'dist', 'lib', 'local', 'preview.js'))});
      startPreview({ config: ${JSON.stringify(config)} }).then((p) => {
        process.stdout.write(JSON.stringify({ pid: p.pid, pam: p.pamServiceFile, table: p.layout.nftTable, dir: p.dir }));
        process.exit(0);
      }, (err) => { console.error(err.message); process.exit(1); });`;
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30000 });
    expect(result.stderr).toBe('');
    const made = JSON.parse(result.stdout);
    expect(await eventually(() => !processAlive(made.pid))).toBe(true);
    expect(existsSync(made.pam)).toBe(false);
    expect(nftTableExists(made.table)).toBe(false);
    expect(existsSync(made.dir)).toBe(false);
  });
});
