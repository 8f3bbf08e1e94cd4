/* `ftp-kit preview` as users run it: the compiled CLI in its own process, stopped by a signal. */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from '../../lib/config';
import { defaultPamModuleDirs } from '../../lib/local/prerequisites';
import { directConnect, RawFtp } from '../support/ftp-raw';
import { CLI, pamServicesOf, startPreviewProcess } from '../support/preview-process';
import { eventually, loopbackConfig, processAlive } from '../local/helpers';
import { makeSelfSigned } from '../../lib/local/self-signed';

jest.setTimeout(60000);

const nftTables = () => execFileSync('nft', ['list', 'tables'], { encoding: 'utf8' });

describe('ftp-kit preview', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ftp-kit-cli-preview-'));
    // Readable by every account: the not-root case runs the CLI as nobody.
    chmodSync(dir, 0o755);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test.each(['SIGINT', 'SIGTERM'] as const)(
    'GIVEN a config WHEN it runs THEN it prints one ready line and serves; ' +
      'WHEN %s arrives THEN it exits 0 having removed its PAM service, table and vsftpd',
    async (signal) => {
      const config = await loopbackConfig(10);
      const preview = await startPreviewProcess({ config, dir });
      const pid = preview.child.pid!;
      try {
        expect(preview.readyLine).toBe(`ready ftp://127.0.0.1:${config.controlPort}`);
        expect(preview.output().match(/^ready /gm)).toHaveLength(1);
        expect(statSync(join(dir, 'credentials.json')).mode & 0o777).toBe(0o600);
        expect(Object.keys(preview.credentials)).toEqual(['alice', 'bob']);
        expect(pamServicesOf(pid)).toEqual([`ftp-kit-preview-${config.controlPort}-${pid}`]);
        expect(nftTables()).toContain(`table inet ftp_kit_preview_${config.controlPort}_${pid}`);
        const ftp = await RawFtp.open(directConnect, '127.0.0.1', config.controlPort);
        await ftp.authTls({ ca: preview.certificate });
        expect(await ftp.login('alice', preview.credentials.alice)).toMatchObject({ code: 230 });
        ftp.close();
        // vsftpd's log is forwarded to stdout.
        expect(await preview.waitForOutput('[alice] OK LOGIN: Client "127.0.0.1"')).toBe(true);
      } finally {
        expect(await preview.stop(signal)).toBe(0);
      }
      expect(preview.output()).toMatch(new RegExp(`stopped by ${signal} — vsftpd stopped; removed /etc/pam\\.d/ftp-kit-preview-`));
      expect(pamServicesOf(pid)).toEqual([]);
      expect(nftTables()).not.toContain(`_${pid}`);
      await expect(directConnect('127.0.0.1', config.controlPort)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      for (const password of Object.values(preview.credentials)) expect(preview.output()).not.toContain(password);
      // The folder given with --dir is kept, credentials and all.
      expect(JSON.parse(readFileSync(join(dir, 'credentials.json'), 'utf8'))).toEqual(preview.credentials);
    },
  );

  test('GIVEN no --dir WHEN it runs THEN it uses a fresh temporary folder, removed on exit', async () => {
    const preview = await startPreviewProcess({ config: await loopbackConfig(11), configDir: dir });
    expect(preview.output()).toContain(`server files in ${preview.dir} (temporary: removed on exit)`);
    expect(preview.dir.startsWith(tmpdir())).toBe(true);
    expect(existsSync(join(preview.dir, 'credentials.json'))).toBe(true);
    expect(await preview.stop('SIGTERM')).toBe(0);
    expect(existsSync(preview.dir)).toBe(false);
  });

  test(
    'WHEN the process that started it dies (npx forwards SIGTERM only to its shell) ' + 'THEN it stops and removes what it made',
    async () => {
      const config = await loopbackConfig(17);
      const file = join(dir, 'ftp-kit.config.json');
      writeFileSync(file, JSON.stringify(config));
      // A shell in between, as npx has: killing it orphans the preview.
      const shell = spawn('sh', ['-c', '"$0" "$@" & echo "preview $!"; wait', CLI, 'preview', '--config', file, '--dir', join(dir, 'd')], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      shell.stdout!.on('data', (d: Buffer) => {
        output += d.toString();
      });
      shell.stderr!.on('data', (d: Buffer) => {
        output += d.toString();
      });
      expect(await eventually(() => output.includes('ready ftp://'), 30000)).toBe(true);
      const pid = Number(/^preview (\d+)$/m.exec(output)![1]);
      expect(pamServicesOf(pid)).toHaveLength(1);
      shell.kill('SIGKILL');
      expect(await eventually(() => !processAlive(pid), 15000)).toBe(true);
      expect(output).toMatch(/stopped: the process that started it \(pid \d+\) exited — vsftpd stopped; removed/);
      expect(pamServicesOf(pid)).toEqual([]);
      expect(nftTables()).not.toContain(`_${pid}`);
    },
  );

  test(
    'WHEN it is killed outright (SIGKILL) THEN vsftpd and a logged-in session die with it ' +
      '(within 5 s); only its PAM service file, named after its pid, is left',
    async () => {
      const config = await loopbackConfig(18);
      const preview = await startPreviewProcess({ config, dir });
      const pid = preview.child.pid!;
      const pam = pamServicesOf(pid);
      expect(pam).toHaveLength(1);
      // A session that has logged in runs as the guest account: it lost the parent-death signal.
      const ftp = await RawFtp.open(directConnect, '127.0.0.1', config.controlPort);
      await ftp.authTls({ ca: preview.certificate });
      expect(await ftp.login('alice', preview.credentials.alice)).toMatchObject({ code: 230 });
      process.kill(pid, 'SIGKILL');
      expect(await ftp.closedWithin(5000)).toBe(true);
      expect(await eventually(() => !processAlive(pid), 15000)).toBe(true);
      // The listener is gone: nothing accepts on the control port any more.
      expect(await eventually(() => spawnSync('pgrep', ['-f', join(dir, 'etc', 'vsftpd.conf')]).status === 1)).toBe(true);
      await expect(directConnect('127.0.0.1', config.controlPort)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      await preview.stop();
      expect(pamServicesOf(pid)).toEqual([]);
      execFileSync('nft', ['delete', 'table', 'inet', `ftp_kit_preview_${config.controlPort}_${pid}`]);
    },
  );

  test(
    'WHEN the vsftpd listener dies THEN the preview exits 1 saying "vsftpd died (signal SIGKILL)", ' + 'and a logged-in session is ended',
    async () => {
      const config = await loopbackConfig(19);
      const preview = await startPreviewProcess({ config, dir });
      const ftp = await RawFtp.open(directConnect, '127.0.0.1', config.controlPort);
      await ftp.authTls({ ca: preview.certificate });
      expect(await ftp.login('alice', preview.credentials.alice)).toMatchObject({ code: 230 });
      // The listener is the oldest process whose command line is exactly vsftpd and this preview's config.
      const listener = Number(
        execFileSync('pgrep', ['-o', '-f', `^vsftpd ${join(dir, 'etc', 'vsftpd.conf')}$`], { encoding: 'utf8' }).trim(),
      );
      process.kill(listener, 'SIGKILL');
      expect(await ftp.closedWithin(5000)).toBe(true);
      expect(await preview.waitForOutput('vsftpd died', 10000)).toBe(true);
      expect(await eventually(() => preview.child.exitCode !== null, 10000)).toBe(true);
      expect(await preview.stop()).toBe(1);
      expect(preview.output()).toMatch(/ftp-kit: vsftpd died \(signal SIGKILL\): its sessions were ended .* start the preview again/);
      expect(preview.output()).not.toContain('internal error');
    },
  );

  test(
    'GIVEN a preview on a folder WHEN a second one is started on it THEN it is refused, ' +
      'naming the first; once the first is SIGKILLed the folder is free again',
    async () => {
      const first = await startPreviewProcess({ config: await loopbackConfig(20), dir });
      const firstPid = first.child.pid!;
      const credentials = readFileSync(join(dir, 'credentials.json'), 'utf8');
      const config = await loopbackConfig(21);
      const configFile = join(dir, 'second.json');
      writeFileSync(configFile, JSON.stringify(config));
      const second = spawnSync(CLI, ['preview', '--config', configFile, '--dir', dir], { encoding: 'utf8', timeout: 30000 });
      expect(second.status).toBe(1);
      expect(second.stderr).toContain(`is in use by another preview (pid ${firstPid})`);
      expect(second.stderr).toMatch(/stop that one, or pass another --dir/);
      // The first one's passwords are untouched, and it still serves.
      expect(readFileSync(join(dir, 'credentials.json'), 'utf8')).toBe(credentials);
      const firstPort = Number(/:(\d+)$/.exec(first.readyLine)![1]);
      const ftp = await RawFtp.open(directConnect, '127.0.0.1', firstPort);
      expect(ftp.greeting.code).toBe(220);
      ftp.close();
      process.kill(firstPid, 'SIGKILL');
      await first.stop();
      execFileSync('nft', ['delete', 'table', 'inet', `ftp_kit_preview_${firstPort}_${firstPid}`]);
      const third = await startPreviewProcess({ config, dir, configDir: dir });
      expect(await third.stop()).toBe(0);
    },
  );

  test(
    'GIVEN a fresh network namespace whose loopback is down WHEN it runs there ' +
      'THEN it brings loopback up until it stops, then down again',
    async () => {
      const ns = `fk${process.pid}-bare`;
      execFileSync('ip', ['netns', 'add', ns]);
      try {
        const config = await loopbackConfig(16);
        const loUp = () => /<[^>]*\bUP\b/.test(execFileSync('ip', ['-n', ns, '-o', 'link', 'show', 'lo'], { encoding: 'utf8' }));
        expect(loUp()).toBe(false);
        const preview = await startPreviewProcess({ config, dir: join(dir, 'd'), configDir: dir, netns: ns });
        expect(preview.output()).toContain(
          'the loopback interface was down in this network namespace: brought it up until the preview stops',
        );
        expect(preview.readyLine).toBe(`ready ftp://127.0.0.1:${config.controlPort}`);
        expect(loUp()).toBe(true);
        expect(await preview.stop('SIGTERM')).toBe(0);
        expect(loUp()).toBe(false);
      } finally {
        spawnSync('ip', ['netns', 'delete', ns]);
      }
    },
  );

  test('THEN --help documents the flags, the ready line and the cleanup', () => {
    const help = execFileSync(CLI, ['preview', '--help'], { encoding: 'utf8' });
    for (const text of [
      '--config',
      '--listen <addr>',
      '--pasv-address <addr>',
      '--dir <dir>',
      'ready ftp://ADDR:PORT',
      'credentials.json',
      'SIGTERM',
      'one preview at a time',
      'PID namespace',
    ])
      expect(help).toContain(text);
  });

  test('fails when not run as root, saying so', async () => {
    const config = await loopbackConfig(12);
    const file = join(dir, 'ftp-kit.config.json');
    writeFileSync(file, JSON.stringify(config), { mode: 0o644 });
    // A user namespace without a mapping: the CLI sees uid 65534, yet may still read this checkout
    // wherever it lies (a clone under a private 0700 folder stays readable to its owner, as CI's is).
    const result = spawnSync('unshare', ['--user', CLI, 'preview', '--config', file], { encoding: 'utf8', timeout: 30000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^ftp-kit: preview cannot run here:\n {2}it must run as root/);
  });

  test('fails when vsftpd, libpam-pwdfile and nftables are missing, naming each Debian package', async () => {
    const config = await loopbackConfig(13);
    const file = join(dir, 'ftp-kit.config.json');
    writeFileSync(file, JSON.stringify(config));
    // Hidden in a private mount namespace of the CLI only: the machine itself keeps them.
    const pamDir = defaultPamModuleDirs().find((d) => existsSync(join(d, 'pam_pwdfile.so')))!;
    const which = (name: string) => execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
    const hide = `mount --bind /dev/null ${which('vsftpd')} && mount --bind /dev/null ${which('nft')} && mount -t tmpfs tmpfs ${pamDir}`;
    const result = spawnSync(
      'unshare',
      ['--mount', '--propagation', 'private', 'sh', '-c', `${hide} && exec "$0" "$@"`, CLI, 'preview', '--config', file],
      { encoding: 'utf8', timeout: 30000 },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('vsftpd is missing — install the Debian package vsftpd');
    expect(result.stderr).toContain('nft (nftables) is missing — install the Debian package nftables');
    expect(result.stderr).toContain('the PAM module pam_pwdfile.so is missing — install the Debian package libpam-pwdfile');
    expect(result.stderr).toContain('apt-get install vsftpd nftables libpam-pwdfile');
  });

  test('fails when --listen or --pasv-address is not an IPv4 address, naming the flag', async () => {
    const config = await loopbackConfig(14);
    writeFileSync(join(dir, 'c.json'), JSON.stringify(config));
    const result = spawnSync(CLI, ['preview', '--config', join(dir, 'c.json'), '--listen', 'nope', '--pasv-address', '2001:db8::1'], {
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/--listen: "nope" — is not an IPv4 address[\s\S]*--pasv-address: "2001:db8::1" — is not an IPv4 address/);
  });

  test('GIVEN tls.mode imported and --cert-file/--key-file WHEN it runs THEN it serves that certificate', async () => {
    const base = await loopbackConfig(16);
    const config = validateConfig({
      ...JSON.parse(JSON.stringify(base)),
      tls: { mode: 'imported', secretArn: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:c-AbCdEf' },
    });
    const [certFile, keyFile] = [join(dir, 'partner.crt'), join(dir, 'partner.key')];
    makeSelfSigned({ certFile, keyFile, commonName: 'partner', altNames: ['IP:127.0.0.1'], days: 30 });
    const preview = await startPreviewProcess({ config, dir, extraArgs: ['--cert-file', certFile, '--key-file', keyFile] });
    try {
      const ftp = await RawFtp.open(directConnect, '127.0.0.1', config.controlPort);
      await ftp.authTls({ ca: readFileSync(certFile, 'utf8') });
      expect(ftp.tlsSocket!.getPeerCertificate().subject.CN).toBe('partner');
      ftp.close();
    } finally {
      expect(await preview.stop('SIGTERM')).toBe(0);
    }
  });

  test('fails when tls.mode imported lacks --cert-file/--key-file, or another mode is given them, naming the flags', async () => {
    const config = await loopbackConfig(17);
    writeFileSync(
      join(dir, 'imported.json'),
      JSON.stringify({ ...config, tls: { mode: 'imported', secretArn: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:c-AbCdEf' } }),
    );
    writeFileSync(join(dir, 'self.json'), JSON.stringify(config));
    const missing = spawnSync(CLI, ['preview', '--config', join(dir, 'imported.json')], { encoding: 'utf8', timeout: 30000 });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/--cert-file: \(missing\) — tls.mode imported needs the PEM files here[\s\S]*--key-file: \(missing\)/);
    const extra = spawnSync(CLI, ['preview', '--config', join(dir, 'self.json'), '--cert-file', '/x.pem'], {
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(extra.status).toBe(1);
    expect(extra.stderr).toContain('--cert-file: "/x.pem" — is only for tls.mode imported');
  });

  test('fails when the control port is taken, naming it, and leaves nothing behind', async () => {
    const config = await loopbackConfig(15);
    writeFileSync(join(dir, 'c.json'), JSON.stringify(config));
    const holder = net.createServer().listen(config.controlPort, '127.0.0.1');
    await new Promise((r) => holder.once('listening', r));
    try {
      const result = spawnSync(CLI, ['preview', '--config', join(dir, 'c.json'), '--dir', join(dir, 'd')], {
        encoding: 'utf8',
        timeout: 30000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`ftp-kit: control port ${config.controlPort} on 127.0.0.1 is taken`);
      expect(pamServicesOf(result.pid)).toEqual([]);
    } finally {
      holder.close();
    }
  });
});
