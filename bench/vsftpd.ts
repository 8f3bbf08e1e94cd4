/*
 * A real vsftpd on loopback with the config ftp-kit renders, for the bench: the same files as the EC2
 * server (renderServerFiles), rebased under a temp dir. The bench starts vsftpd itself rather than
 * through `ftp-kit preview` because it needs what a user never should: a plain-FTP variant of the same
 * config, several servers at once, and a server address its own clients' ephemeral ports cannot clash with.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FtpKitConfig } from '../lib/config/schema';
import {
  ensureGuestAccount,
  freePort,
  GuestAccount,
  generatePassword,
  hashPassword,
  installPamService,
  makeJail,
  makeSelfSignedCertificate,
  prepareServerTree,
  rebasedLayout,
  VsftpdProcess,
  writePasswordFile,
  writeUserConfigs,
} from '../lib/local';
import { DEFAULT_LAYOUT, renderServerFiles, ServerLayout } from '../lib/render';

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

/**
 * One prepared server directory (certificate, password file, jails, PAM service) that can run several
 * vsftpd processes: the rendered TLS config and variants of it. `close()` stops them all and removes
 * everything it made, including /etc/pam.d/<service>.
 */
export class BenchServer {
  readonly dir: string;
  readonly layout: ServerLayout;
  readonly user = 'bench';
  readonly password = generatePassword();
  readonly ca: string;
  private readonly children: VsftpdProcess[] = [];
  private readonly pamService: string;
  private pamFile: string | undefined;
  private readonly guest: GuestAccount;

  constructor(private readonly config: FtpKitConfig) {
    this.dir = mkdtempSync(join(tmpdir(), 'ftpkit-bench-'));
    // The guest account changes into the jail after dropping privileges: it must pass through.
    chmodSync(this.dir, 0o711);
    this.pamService = `ftpkit-bench-${process.pid}`;
    try {
      this.guest = ensureGuestAccount(DEFAULT_LAYOUT.guestUser);
      this.layout = rebasedLayout(this.dir, { pamServiceName: this.pamService, guestUser: this.guest.name, nftTable: 'ftp_kit_bench' });
      prepareServerTree(this.layout);
      makeJail(this.layout, this.user, this.guest);
      writePasswordFile(this.layout, { [this.user]: hashPassword(this.password) });
      this.ca = makeSelfSignedCertificate(this.layout, [SERVER_ADDRESS], 2).pem;
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
    // Every vsftpd of this server renders the same PAM service: install it once.
    if (!this.pamFile) {
      this.pamFile = installPamService(this.pamService, files.pamService);
      if (!this.pamFile) throw new Error(`/etc/pam.d/${this.pamService} exists already: a bench of the same pid left it — remove it`);
    }
    writeUserConfigs(this.layout, files.userConfigs);
    const extra = Object.entries(overrides)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n');
    const confFile = join(this.layout.etcDir, `${name}.conf`);
    writeFileSync(confFile, `${files.vsftpdConf}\n# --- bench overrides\n${extra}\n`);
    const vsftpd = await VsftpdProcess.start({ confFile, host: SERVER_ADDRESS, port, logFile: join(this.layout.logDir, 'vsftpd.log') });
    this.children.push(vsftpd);
    return { pid: vsftpd.pid, credentials: { host: SERVER_ADDRESS, port, user: this.user, password: this.password, ca: this.ca } };
  }

  /** Where the user's uploads land (to clear between runs). */
  get filesDir(): string {
    return join(this.layout.dataDir, 'jail', this.user, 'files');
  }

  /** Stops every vsftpd this server started (with its session processes), removes the PAM file and the dir. */
  close(): void {
    for (const child of this.children) child.kill();
    if (this.pamFile) rmSync(this.pamFile, { force: true });
    rmSync(this.dir, { recursive: true, force: true });
  }
}
