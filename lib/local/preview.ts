/*
 * The `local` target: exactly the files `render` produces (vsftpd.conf, PAM service, nftables table,
 * per-user configs), rebased under one folder and run by a real vsftpd on this machine. Everything it
 * makes outside that folder (the PAM service file, the nftables table, vsftpd and its sessions) is
 * removed by stop(), by a process 'exit' hook when the caller never gets to stop(), and on a failed start.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isIPv4 } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { FtpKitConfig } from '../config/schema';
import { banTableOf, DEFAULT_LAYOUT, renderServerFiles, ServerLayout } from '../render';
import { preparePreviewCertificate } from './certificate';
import { lockPreviewDir } from './dir-lock';
import { LocalTargetError } from './errors';
import { startFail2ban } from './fail2ban';
import { deleteNftTable, loadNftScript, nftTableExists } from './firewall';
import { LogTail } from './log-tail';
import { ensureLoopbackUp } from './loopback';
import { portProblem } from './ports';
import { checkPreviewPrerequisites } from './prerequisites';
import {
  Certificate,
  ensureGuestAccount,
  GuestAccount,
  generatePassword,
  hashPassword,
  installPamService,
  makeJail,
  pamServiceFile,
  prepareServerTree,
  rebasedLayout,
  writePasswordFile,
  writeUserConfigs,
} from './server-dir';
import { VsftpdExit, VsftpdProcess } from './vsftpd';

export const DEFAULT_LISTEN_ADDRESS = '127.0.0.1';

/**
 * listenAddress for every address of this machine (or namespace), IPv4 and IPv6: vsftpd.conf is
 * rendered without listen_address, as EC2 gets it (dual-stack `listen_ipv6=YES` when `allow` has IPv6).
 * IPv6 clients reach the server's own address and get EPSV; pasv_address stays the IPv4 one.
 */
export const LISTEN_EVERY_ADDRESS = '::';

/** The file in the preview's folder that holds each user's generated password: `{ "<user>": "<password>" }`, mode 0600. */
export const CREDENTIALS_FILE = 'credentials.json';

export interface PreviewProps {
  /** The validated config: its control port, passive range, allowlist, users and limits are used as they are. */
  readonly config: FtpKitConfig;
  /** The IPv4 address vsftpd listens on (listen_address), or LISTEN_EVERY_ADDRESS. @default DEFAULT_LISTEN_ADDRESS */
  readonly listenAddress?: string;
  /** The IPv4 address clients reach, put in every 227 reply (pasv_address): the Elastic IP in front of a NAT. @default listenAddress */
  readonly pasvAddress?: string;
  /** The folder the server's files are rebased under; kept after stop(). @default a fresh temporary folder, removed by stop() */
  readonly dir?: string;
  /** Receives every line vsftpd writes to its log (vsftpd.log: connects, logins, transfers; never a password). @default discarded */
  readonly onLog?: (line: string) => void;
  /** Bound of the readiness check. @default 15000 */
  readonly readyTimeoutMs?: number;
  /** Aborts the start: whatever was made so far is removed and the start rejects. */
  readonly signal?: AbortSignal;
  /** tls.mode imported: the PEM certificate (with chain) and key to serve, read again by renewCertificate(). @default none */
  readonly importedFiles?: { readonly certFile: string; readonly keyFile: string };
}

export interface LocalPreview {
  /** The listen address. */
  readonly address: string;
  /** The address in 227 replies. */
  readonly pasvAddress: string;
  /** The control port (config.controlPort). */
  readonly port: number;
  readonly passivePorts: { readonly from: number; readonly to: number };
  /** `ftp://<pasvAddress>:<port>`: what clients are given. */
  readonly url: string;
  /** The folder everything lives under. */
  readonly dir: string;
  readonly layout: ServerLayout;
  /** Each user's generated password (also in credentialsFile). */
  readonly credentials: Readonly<Record<string, string>>;
  /** `<dir>/credentials.json`, mode 0600. */
  readonly credentialsFile: string;
  /** tls.mode lets-encrypt: the local ACME server's root certificate (PEM), for clients to trust. */
  readonly acmeRootPem?: string;
  /** The certificate vsftpd presents to new sessions (read when asked). */
  readonly certificate: Certificate;
  /**
   * Runs the certificate script as the EC2 timer does (renewal when it expires within `renewDays`,
   * default 30; imported files picked up when they changed) and, when a new pair was installed,
   * restarts the listener only: sessions in flight finish on the old certificate, new ones get the new
   * one. Resolves true when the certificate changed.
   */
  renewCertificate(renewDays?: number): Promise<boolean>;
  /** vsftpd.log: FAIL LOGIN lines name the client. */
  readonly logFile: string;
  /** fail2ban's log: `Ban <address>` / `Unban <address>` lines. */
  readonly fail2banLogFile: string;
  /** The nftables table (family inet) fail2ban's bans go into; removed by stop(). */
  readonly banTable: string;
  /** /etc/pam.d/<layout.pamServiceName>: this preview's own PAM service. */
  readonly pamServiceFile: string;
  /** The vsftpd listener's pid. */
  readonly pid: number;
  /** True when the loopback interface was down here (a fresh network namespace) and the preview brought it up until stop(). */
  readonly broughtUpLoopback: boolean;
  /** Resolves if vsftpd exits (after stop(), or on its own; not when renewCertificate() restarts it). */
  readonly exited: Promise<VsftpdExit>;
  /** Stops vsftpd with its sessions and removes what was made outside `dir` (and `dir` itself when it was a temporary one). Idempotent. */
  stop(): Promise<void>;
}

const SAFE_DIR = /^\/[A-Za-z0-9._/-]*$/;

const LISTEN_ANY = '0.0.0.0';

/** Listening on more than one address: pasv_address must be given, the readiness check goes to loopback. */
const listensOnAny = (listen: string) => listen === LISTEN_ANY || listen === LISTEN_EVERY_ADDRESS;

/** Undo steps, run last-first; each is synchronous so that a process 'exit' hook can run them too. */
class Cleanup {
  private readonly steps: Array<() => void> = [];
  add(step: () => void): void {
    this.steps.push(step);
  }
  runSync(): void {
    while (this.steps.length > 0) {
      try {
        this.steps.pop()!();
      } catch {
        // keep undoing the rest
      }
    }
  }
}

function checkAddresses(listen: string, pasv: string | undefined): void {
  const problems: string[] = [];
  if (!isIPv4(listen) && listen !== LISTEN_EVERY_ADDRESS)
    problems.push(
      `listenAddress: ${JSON.stringify(listen)} — is not an IPv4 address nor ${LISTEN_EVERY_ADDRESS} — ` +
        `use an address of this machine, e.g. 127.0.0.1, or ${LISTEN_EVERY_ADDRESS} for all of them, IPv4 and IPv6`,
    );
  if (pasv !== undefined && (!isIPv4(pasv) || pasv === LISTEN_ANY))
    problems.push(
      `pasvAddress: ${JSON.stringify(pasv)} — is not an IPv4 address ` +
        `clients can reach — use the address clients connect to, e.g. the ` +
        `Elastic IP`,
    );
  if (listensOnAny(listen) && pasv === undefined)
    problems.push(`pasvAddress: (missing) — is required when listening on ${listen} — give the IPv4 address clients connect to`);
  if (problems.length > 0) throw new LocalTargetError(problems.join('\n'));
}

async function checkControlPort(listen: string, port: number): Promise<void> {
  const err = await portProblem(listen, port);
  if (!err) return;
  if (err.code === 'EADDRINUSE')
    throw new LocalTargetError(
      `control port ${port} on ${listen} is taken (another preview or FTP server?) — stop it, or set another controlPort in the config`,
    );
  if (err.code === 'EADDRNOTAVAIL')
    throw new LocalTargetError(
      `listen address ${listen} is not an address of this machine — use one that \`ip -brief address\` lists, e.g. 127.0.0.1`,
    );
  throw new LocalTargetError(`cannot listen on ${listen}:${port}: ${err.message}`);
}

/** The highest folder above `dir` that other accounts cannot enter, if any. */
function blockedAncestor(dir: string): string | undefined {
  let blocked: string | undefined;
  for (let parent = dirname(dir); ; parent = dirname(parent)) {
    if ((statSync(parent).mode & 0o001) === 0) blocked = parent;
    if (parent === dirname(parent)) return blocked;
  }
}

/** The folder: given (created if missing) or a fresh temporary one, which the guest account may pass through. */
function prepareDir(given: string | undefined, cleanup: Cleanup): string {
  let dir: string;
  if (given === undefined) {
    dir = mkdtempSync(join(tmpdir(), 'ftp-kit-preview-'));
    cleanup.add(() => rmSync(dir, { recursive: true, force: true }));
  } else {
    mkdirSync(resolve(given), { recursive: true });
    dir = realpathSync(resolve(given));
  }
  if (!SAFE_DIR.test(dir)) {
    throw new LocalTargetError(
      `dir: ${JSON.stringify(dir)} — its path has characters vsftpd.conf cannot carry — use a path of A-Z a-z 0-9 . _ - /`,
    );
  }
  // Before anything is written into it; released by stop() and the exit hook, stale once this process is gone.
  if (given !== undefined) cleanup.add(lockPreviewDir(dir));
  // vsftpd changes into the jail as the guest account: the folder itself must let others pass
  // (folders above it that do not are handled by VsftpdProcess's private view).
  chmodSync(dir, (statSync(dir).mode & 0o7777) | 0o711);
  return dir;
}

/** A PAM service and nftables table name of this preview's own, never one that exists (another preview's). */
function uniqueNames(port: number): Pick<ServerLayout, 'pamServiceName' | 'nftTable'> {
  for (let n = 0; n < 20; n++) {
    const suffix = `${port}-${process.pid}${n === 0 ? '' : `-${n}`}`;
    const names = { pamServiceName: `ftp-kit-preview-${suffix}`, nftTable: `ftp_kit_preview_${suffix.replaceAll('-', '_')}` };
    if (!existsSync(pamServiceFile(names.pamServiceName)) && !nftTableExists(names.nftTable)) return names;
  }
  throw new LocalTargetError(`20 PAM services /etc/pam.d/ftp-kit-preview-${port}-${process.pid}* exist already — remove the stale ones`);
}

/** Users, passwords (SHA-512 crypt in etc/passwd), jails and credentials.json. */
function makeUsers(
  config: FtpKitConfig,
  layout: ServerLayout,
  guest: GuestAccount,
  dir: string,
): { credentials: Record<string, string>; credentialsFile: string } {
  const credentials: Record<string, string> = {};
  const hashes: Record<string, string> = {};
  for (const user of config.users) {
    makeJail(layout, user.name, guest);
    credentials[user.name] = generatePassword();
    hashes[user.name] = hashPassword(credentials[user.name]);
  }
  writePasswordFile(layout, hashes);
  const credentialsFile = join(dir, CREDENTIALS_FILE);
  rmSync(credentialsFile, { force: true });
  writeFileSync(credentialsFile, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return { credentials, credentialsFile };
}

/**
 * Starts a preview and resolves once vsftpd greets on the control port. Needs root, vsftpd,
 * libpam-pwdfile and nftables (checked first: one error names what is missing). On any failure
 * everything made so far is removed before the promise rejects.
 */
export async function startPreview(props: PreviewProps): Promise<LocalPreview> {
  const { config } = props;
  const listen = props.listenAddress ?? DEFAULT_LISTEN_ADDRESS;
  checkPreviewPrerequisites();
  checkAddresses(listen, props.pasvAddress);
  const pasvAddress = props.pasvAddress ?? listen;
  const readinessHost = listensOnAny(listen) ? '127.0.0.1' : listen;
  await checkControlPort(listen, config.controlPort);
  props.signal?.throwIfAborted();

  const cleanup = new Cleanup();
  const exitHook = () => cleanup.runSync();
  process.on('exit', exitHook);
  try {
    const dir = prepareDir(props.dir, cleanup);
    const guest = ensureGuestAccount(DEFAULT_LAYOUT.guestUser);
    const layout = rebasedLayout(dir, { ...uniqueNames(config.controlPort), guestUser: guest.name });
    const listenAddress = listen === LISTEN_EVERY_ADDRESS ? undefined : listen;
    const files = renderServerFiles(config, { publicAddress: pasvAddress, listenAddress, layout });

    prepareServerTree(layout);
    writeUserConfigs(layout, files.userConfigs);
    const confFile = join(layout.etcDir, 'vsftpd.conf');
    writeFileSync(confFile, files.vsftpdConf, { mode: 0o644 });
    // Kept beside the config for reference: what was loaded into nftables.
    writeFileSync(join(layout.etcDir, 'firewall.nft'), files.nftables, { mode: 0o644 });
    const { credentials, credentialsFile } = makeUsers(config, layout, guest, dir);
    const tls = await preparePreviewCertificate({
      config,
      layout,
      dir,
      addresses: listensOnAny(listen) ? [pasvAddress] : [pasvAddress, listen],
      importedFiles: props.importedFiles,
    });
    cleanup.add(() => tls.stop());
    props.signal?.throwIfAborted();

    const pamFile = installPamService(layout.pamServiceName, files.pamService);
    if (!pamFile) throw new LocalTargetError(`/etc/pam.d/${layout.pamServiceName} appeared meanwhile (another preview?) — start again`);
    cleanup.add(() => rmSync(pamFile, { force: true }));
    // Checked again right before loading: the rendered script replaces a table of its name.
    if (nftTableExists(layout.nftTable))
      throw new LocalTargetError(`nftables table inet ${layout.nftTable} appeared meanwhile (another preview?) — start again`);
    cleanup.add(() => deleteNftTable(layout.nftTable));
    loadNftScript(files.nftables);
    props.signal?.throwIfAborted();

    const logFile = join(layout.logDir, 'vsftpd.log');
    if (props.onLog) {
      const tail = new LogTail(logFile, props.onLog);
      cleanup.add(() => tail.stop());
    }
    const restoreLoopback = ensureLoopbackUp();
    if (restoreLoopback) cleanup.add(restoreLoopback);
    const blocked = blockedAncestor(dir);
    if (nftTableExists(banTableOf(layout))) {
      throw new LocalTargetError(`nftables table inet ${banTableOf(layout)} exists (another preview?) — start again`);
    }
    // fail2ban (a Python start of ~1–2 s) comes up beside vsftpd, both before `ready`: a client never
    // meets a server without its ban. Whatever started is cleaned up, whichever of them failed.
    const [started, banning] = await Promise.allSettled([
      VsftpdProcess.start({
        confFile,
        host: readinessHost,
        port: config.controlPort,
        logFile,
        timeoutMs: props.readyTimeoutMs,
        signal: props.signal,
        privateView: blocked ? { dir, blockedAncestor: blocked } : undefined,
        env: { OPENSSL_CONF: tls.opensslConf },
      }),
      startFail2ban({ config, layout, timeoutMs: props.readyTimeoutMs }),
    ]);
    if (started.status === 'fulfilled') cleanup.add(() => started.value.kill());
    if (banning.status === 'fulfilled') cleanup.add(() => banning.value.stop());
    if (started.status === 'rejected') throw started.reason;
    if (banning.status === 'rejected') throw banning.reason;
    const vsftpd = started.value;
    const fail2ban = banning.value;
    if (props.onLog) {
      const onLog = props.onLog;
      // fail2ban's own lines are noisy: only its decisions are shown, e.g. "fail2ban: Ban 198.51.100.10".
      const tail = new LogTail(fail2ban.logFile, (line) => {
        const decision = /\] (Ban|Unban) (\S+)/.exec(line);
        if (decision) onLog(`fail2ban: ${decision[1]} ${decision[2]}`);
      });
      cleanup.add(() => tail.stop());
    }
    // A new certificate needs a new listener (vsftpd 3.0.3 loads it once, at start): the listener is
    // replaced inside its PID namespace, so sessions in flight finish on the old certificate.
    const renewCertificate = async (renewDays?: number) => {
      if (!(await tls.renew(renewDays))) return false;
      await vsftpd.restartListener({ host: readinessHost, port: config.controlPort, timeoutMs: props.readyTimeoutMs });
      return true;
    };

    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        vsftpd.kill();
        await vsftpd.waitForExit(5000);
        cleanup.runSync();
        process.off('exit', exitHook);
      })();
      return stopping;
    };
    return {
      address: listen,
      pasvAddress,
      port: config.controlPort,
      passivePorts: { ...config.passivePorts },
      url: `ftp://${pasvAddress}:${config.controlPort}`,
      dir,
      layout,
      credentials,
      credentialsFile,
      acmeRootPem: tls.acmeRootPem,
      get certificate() {
        return tls.current();
      },
      renewCertificate,
      logFile,
      fail2banLogFile: fail2ban.logFile,
      banTable: fail2ban.banTable,
      pamServiceFile: pamFile,
      pid: vsftpd.pid,
      broughtUpLoopback: restoreLoopback !== undefined,
      exited: vsftpd.exited,
      stop,
    };
  } catch (err) {
    cleanup.runSync();
    process.off('exit', exitHook);
    throw err;
  }
}
