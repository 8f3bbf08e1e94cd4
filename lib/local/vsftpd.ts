/* Running a real vsftpd 3.0.3 in the foreground: its errors, its readiness, its stop. */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { LocalTargetError } from './errors';
import { descendants, killTree } from './process-tree';
import { waitForGreeting } from '../ftp/greeting';

export interface VsftpdExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface StartVsftpdProps {
  /** The rendered vsftpd.conf (with `background=NO`). */
  readonly confFile: string;
  /** Where to check readiness: the listen address (127.0.0.1 when it listens on every address). */
  readonly host: string;
  readonly port: number;
  /** vsftpd_log_file, quoted in the error when vsftpd does not come up. */
  readonly logFile?: string;
  /** Bound of the readiness check. @default 15000 */
  readonly timeoutMs?: number;
  /** Aborts the start (vsftpd is stopped). */
  readonly signal?: AbortSignal;
  /** @default vsftpd (from PATH) */
  readonly executable?: string;
  /**
   * Makes `dir` reachable for vsftpd's guest account although `blockedAncestor`, a folder above it,
   * lets no other account in (vsftpd changes into a jail after dropping privileges): vsftpd runs in a
   * private mount namespace where a tmpfs covers `blockedAncestor` and `dir` is bind-mounted back at
   * its own path. Nothing changes on the machine; the mounts end with vsftpd. @default none
   */
  readonly privateView?: PrivateView;
  /** Added to vsftpd's environment (OPENSSL_CONF: the TLS version cap). @default none */
  readonly env?: Readonly<Record<string, string>>;
}

export interface PrivateView {
  readonly dir: string;
  readonly blockedAncestor: string;
}

/*
 * Run by sh with the positional parameters DIR ANCESTOR VSFTPD CONF. The directory is opened before
 * the tmpfs hides it, and mounted back from that descriptor (--no-canonicalize: the path would now
 * resolve into the tmpfs). Last, vsftpd 3.0.3 writes its "500 OOPS" start-up errors to fd 0 (its
 * control connection to be), which reaches a person only on a terminal: fd 0 is pointed at the
 * stderr pipe so that they can be read.
 */
const PRIVATE_VIEW_SCRIPT = 'set -e; umask 022; dir=$1; ancestor=$2; shift 2; exec 3<"$dir"; '
  + 'mount -t tmpfs -o mode=0755,size=1m ftp-kit-preview "$ancestor"; mkdir -p "$dir"; '
  + 'mount --no-canonicalize --bind /proc/self/fd/3 "$dir"; exec 3<&-; exec "$@" 0>&2';
const PLAIN_SCRIPT = 'exec "$@" 0>&2';

/**
 * The command line that runs vsftpd in the foreground, as its own pid (every step execs the next).
 * It dies with the process that started it (`setpriv --pdeathsig`, kept across the execs), so even a
 * SIGKILLed preview leaves no listener behind; vsftpd's sessions die with their listener by themselves.
 */
export function vsftpdCommand(confFile: string, executable = 'vsftpd', privateView?: PrivateView): [string, string[]] {
  const run = privateView
    ? ['unshare', '--mount', '--propagation', 'private', '/bin/sh', '-c', PRIVATE_VIEW_SCRIPT, 'sh', privateView.dir, privateView.blockedAncestor, executable, confFile]
    : ['/bin/sh', '-c', PLAIN_SCRIPT, 'sh', executable, confFile];
  return ['setpriv', ['--pdeathsig', 'KILL', ...run]];
}

/** A running vsftpd listener. */
export class VsftpdProcess {
  /** Resolves when the listener exits, for whatever reason. */
  readonly exited: Promise<VsftpdExit>;
  private exit: VsftpdExit | undefined;
  private terminal = '';

  private constructor(readonly pid: number, child: ReturnType<typeof spawn>) {
    child.stderr?.on('data', (d: Buffer) => { this.terminal = (this.terminal + d.toString()).slice(-4000); });
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => {
      this.exit = { code, signal };
      resolve(this.exit);
    }));
  }

  /**
   * Starts vsftpd and resolves once it greets on host:port (a bounded check). When it exits or does
   * not greet in time, it is stopped and the error carries what vsftpd said and its last log lines.
   */
  static async start(props: StartVsftpdProps): Promise<VsftpdProcess> {
    const [command, args] = vsftpdCommand(props.confFile, props.executable, props.privateView);
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...props.env } });
    const spawned = await new Promise<Error | undefined>((resolve) => {
      child.once('spawn', () => resolve(undefined));
      child.once('error', (err) => resolve(err));
    });
    if (spawned) throw new LocalTargetError(`could not start vsftpd: ${spawned.message}`);
    const server = new VsftpdProcess(child.pid!, child);
    const stopWaiting = new AbortController();
    const onAbort = () => stopWaiting.abort(props.signal!.reason);
    props.signal?.addEventListener('abort', onAbort, { once: true });
    void server.exited.then((exit) => stopWaiting.abort(new LocalTargetError(server.describeFailure(`vsftpd exited (${exit.signal ?? `code ${exit.code}`}) before it accepted connections`, props.logFile))));
    try {
      await waitForGreeting(props.host, props.port, { timeoutMs: props.timeoutMs ?? 15000, signal: stopWaiting.signal });
      return server;
    } catch (err) {
      server.kill();
      await server.waitForExit(5000);
      if (err instanceof LocalTargetError || props.signal?.aborted) throw err;
      throw new LocalTargetError(server.describeFailure((err as Error).message, props.logFile));
    } finally {
      props.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** True until the listener exits. */
  get running(): boolean {
    return this.exit === undefined;
  }

  /** What vsftpd wrote to its terminal (its start-up errors). */
  get terminalOutput(): string {
    return this.terminal.trim();
  }

  /** SIGKILLs the listener and every session process it forked. Safe to call more than once. */
  kill(): void {
    if (this.running) killTree(this.pid);
  }

  /**
   * Stops the listener only (SIGTERM): its logged-in sessions are processes of their own that keep
   * their connections and finish what they do. Returns their pids, for the caller to stop later.
   */
  stopListenerOnly(): number[] {
    if (!this.running) return [];
    const sessions = descendants(this.pid).slice(1);
    process.kill(this.pid, 'SIGTERM');
    return sessions;
  }

  /** Resolves once the listener has exited, or after `timeoutMs`; true when it exited. */
  async waitForExit(timeoutMs: number): Promise<boolean> {
    if (!this.running) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), timeoutMs); });
    const result = await Promise.race([this.exited.then(() => true), timeout]);
    clearTimeout(timer);
    return result;
  }

  private describeFailure(what: string, logFile: string | undefined): string {
    const said = this.terminalOutput;
    const log = logFile && existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n').slice(-5).join('\n    ') : '';
    return [
      what,
      said ? `vsftpd said: ${said.replace(/\r/g, '')}` : 'vsftpd said nothing',
      log ? `last lines of ${logFile}:\n    ${log}` : '',
    ].filter(Boolean).join('\n  ');
  }
}
