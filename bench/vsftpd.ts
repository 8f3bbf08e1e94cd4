/*
 * A real vsftpd on loopback with the config ftp-kit renders, for the bench: the same files as the EC2
 * server (renderServerFiles), rebased under a temp dir. The bench starts vsftpd itself rather than
 * through `ftp-kit preview` because it needs what a user never should: a plain-FTP variant of the same
 * config, several servers at once, and a server address its own clients' ephemeral ports cannot clash with.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FtpKitConfig } from '../lib/config/schema';
import { renderServerFiles, ServerLayout } from '../lib/render';
import { killTree } from './proctree';

export interface Credentials {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** PEM of the self-signed certificate, to pin instead of turning verification off. */
  readonly ca: string;
}

/**
 * The server's address. The bench's clients connect from 127.0.0.1 (the kernel's source address for
 * all of 127/8), so their ephemeral ports — which overlap the passive range — never take a port from
 * vsftpd's passive listeners on this address; on a real server clients are remote and cannot either.
 */
export const SERVER_ADDRESS = '127.0.0.2';

/** Picks a free port on `host` outside `avoid` by binding port 0; the tiny race with other processes is acceptable for a bench. */
export async function freePort(host: string, avoid: { from: number; to: number }): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.on('error', reject);
      server.listen(0, host, () => {
        const { port: p } = server.address() as net.AddressInfo;
        server.close(() => resolve(p));
      });
    });
    if (port < avoid.from || port > avoid.to) return port;
  }
  throw new Error(`no free port on ${host} outside ${avoid.from}–${avoid.to} after 50 tries`);
}

/** Resolves when a TCP connect to host:port gets an FTP "220" greeting; bounded by `timeoutMs`. */
export async function waitForGreeting(host: string, port: number, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no attempt';
  while (Date.now() < deadline) {
    try {
      await new Promise<void>((resolve, reject) => {
        const socket = net.connect({ host, port });
        const timer = setTimeout(() => socket.destroy(new Error('no greeting within 2 s')), 2000);
        socket.once('data', (data) => {
          clearTimeout(timer);
          socket.destroy();
          if (data.toString().startsWith('220')) resolve();
          else reject(new Error(`greeting ${JSON.stringify(data.toString().trim())}`));
        });
        socket.once('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
      });
      return;
    } catch (err) {
      last = (err as Error).message;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`vsftpd on ${host}:${port} did not greet within ${timeoutMs} ms (last: ${last})`);
}

/** The local account virtual users act as: ftp-kit's own when this machine has it (home /), else daemon (home exists). */
function guestUser(): { name: string; uid: number; gid: number } {
  for (const name of ['ftpkit', 'daemon']) {
    try {
      const line = execFileSync('getent', ['passwd', name], { encoding: 'utf8' }).trim();
      const [, , uid, gid, , home] = line.split(':');
      if (name === 'daemon' || home === '/') return { name, uid: Number(uid), gid: Number(gid) };
    } catch {
      // not on this machine
    }
  }
  throw new Error('neither the ftpkit nor the daemon account exists on this machine');
}

/**
 * One prepared server directory (certificate, password file, jails, PAM service) that can run several
 * vsftpd processes: the rendered TLS config and variants of it. `close()` stops them all and removes
 * everything it made, including /etc/pam.d/<service>.
 */
export class BenchServer {
  readonly dir: string;
  readonly layout: ServerLayout;
  readonly user = 'bench';
  readonly password = randomBytes(18).toString('base64url');
  readonly ca: string;
  private readonly children: ChildProcess[] = [];
  private readonly pamFile: string;
  private readonly guest: { name: string; uid: number; gid: number };

  constructor(private readonly config: FtpKitConfig) {
    this.dir = mkdtempSync(join(tmpdir(), 'ftpkit-bench-'));
    chmodSync(this.dir, 0o755);
    this.guest = guestUser();
    const service = `ftpkit-bench-${process.pid}`;
    this.layout = {
      etcDir: join(this.dir, 'etc'),
      dataDir: join(this.dir, 'data'),
      logDir: join(this.dir, 'log'),
      secureChrootDir: join(this.dir, 'empty'),
      pamServiceName: service,
      guestUser: this.guest.name,
      nftTable: 'ftp_kit_bench',
    };
    this.pamFile = `/etc/pam.d/${service}`;
    try {
      for (const d of [this.layout.etcDir, join(this.layout.etcDir, 'users'), join(this.layout.etcDir, 'tls'), this.layout.logDir, this.layout.secureChrootDir]) {
        mkdirSync(d, { recursive: true, mode: 0o755 });
      }
      const jail = join(this.layout.dataDir, 'jail', this.user);
      mkdirSync(join(jail, 'files'), { recursive: true, mode: 0o755 });
      chmodSync(this.layout.dataDir, 0o755);
      chmodSync(join(this.layout.dataDir, 'jail'), 0o755);
      chmodSync(jail, 0o755);
      chownSync(join(jail, 'files'), this.guest.uid, this.guest.gid);
      chmodSync(join(jail, 'files'), 0o700);
      // The password travels through stdin only, as on the server.
      const hash = execFileSync('openssl', ['passwd', '-6', '-stdin'], { input: this.password, encoding: 'utf8' }).trim();
      writeFileSync(join(this.layout.etcDir, 'passwd'), `${this.user}:${hash}\n`, { mode: 0o600 });
      const tls = join(this.layout.etcDir, 'tls');
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
        '-subj', `/CN=${SERVER_ADDRESS}`, '-addext', `subjectAltName=IP:${SERVER_ADDRESS}`,
        '-keyout', join(tls, 'key.pem'), '-out', join(tls, 'cert.pem')], { stdio: 'ignore' });
      chmodSync(join(tls, 'key.pem'), 0o600);
      this.ca = readFileSync(join(tls, 'cert.pem'), 'utf8');
    } catch (err) {
      this.close();
      throw err;
    }
  }

  /** Starts one vsftpd with the rendered config (plus `overrides`) on a free loopback port. */
  async start(name: string, overrides: Readonly<Record<string, string>> = {}): Promise<{ pid: number; credentials: Credentials }> {
    const port = await freePort(SERVER_ADDRESS, this.config.passivePorts);
    const config: FtpKitConfig = { ...this.config, controlPort: port, users: [{ name: this.user, write: true }] };
    const files = renderServerFiles(config, { publicAddress: SERVER_ADDRESS, listenAddress: SERVER_ADDRESS, layout: this.layout });
    writeFileSync(this.pamFile, files.pamService);
    for (const [user, text] of Object.entries(files.userConfigs)) writeFileSync(join(this.layout.etcDir, 'users', user), text);
    const extra = Object.entries(overrides).map(([k, v]) => `${k}=${v}`).join('\n');
    const confFile = join(this.layout.etcDir, `${name}.conf`);
    writeFileSync(confFile, `${files.vsftpdConf}\n# --- bench overrides\n${extra}\n`);
    const child = spawn('vsftpd', [confFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.children.push(child);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
    try {
      await waitForGreeting(SERVER_ADDRESS, port);
    } catch (err) {
      throw new Error(`${(err as Error).message}${stderr ? `; vsftpd said: ${stderr.trim()}` : ''}`);
    }
    return { pid: child.pid!, credentials: { host: SERVER_ADDRESS, port, user: this.user, password: this.password, ca: this.ca } };
  }

  /** Where the user's uploads land (to clear between runs). */
  get filesDir(): string {
    return join(this.layout.dataDir, 'jail', this.user, 'files');
  }

  /** Stops every vsftpd this server started (with its session processes), removes the PAM file and the dir. */
  close(): void {
    for (const child of this.children) {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) killTree(child.pid);
    }
    rmSync(this.pamFile, { force: true });
    rmSync(this.dir, { recursive: true, force: true });
  }
}
