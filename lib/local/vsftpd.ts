/* Running a real vsftpd 3.0.3 in the foreground: its errors, its readiness, its stop. */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { LocalTargetError } from './errors';
import { childrenOf, killTree } from './process-tree';
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
 * The shell is the first process of vsftpd's own PID namespace: it runs vsftpd, waits for it and
 * exits with its status (128 + the signal when one killed it). When it exits, the kernel kills
 * everything left in the namespace: every session, whatever user it changed to (a session that
 * drops privileges loses the parent-death signal, so it would otherwise outlive its listener).
 * SIGUSR1 to the shell replaces the listener (a new certificate: vsftpd 3.0.3 reads it once, at
 * start): the old one gets SIGTERM, its logged-in sessions stay in the namespace and finish, and a
 * new listener starts. (`wait` returns early when a trapped signal arrives: hence the inner loop.)
 * vsftpd 3.0.3 writes its "500 OOPS" start-up errors to fd 0 (its control connection to be), which
 * reaches a person only on a terminal: fd 0 is pointed at the stderr pipe so that they can be read.
 */
const RUN_AND_WAIT =
  'trap \'restart=1; kill -TERM "$child" 2>/dev/null\' USR1; ' +
  'while :; do restart=0; "$@" 0>&2 & child=$!; ' +
  'while :; do wait "$child"; status=$?; kill -0 "$child" 2>/dev/null || break; done; ' +
  '[ "$restart" = 1 ] || exit "$status"; done';

/*
 * Run by sh with the positional parameters DIR ANCESTOR VSFTPD CONF. The directory is opened before
 * the tmpfs hides it, and mounted back from that descriptor (--no-canonicalize: the path would now
 * resolve into the tmpfs).
 */
const PRIVATE_VIEW_SCRIPT =
  'set -e; umask 022; dir=$1; ancestor=$2; shift 2; exec 3<"$dir"; ' +
  'mount -t tmpfs -o mode=0755,size=1m ftp-kit-preview "$ancestor"; mkdir -p "$dir"; ' +
  `mount --no-canonicalize --bind /proc/self/fd/3 "$dir"; exec 3<&-; set +e; ${RUN_AND_WAIT}`;
const PLAIN_SCRIPT = RUN_AND_WAIT;

/**
 * The command line that runs vsftpd in the foreground in a PID namespace of its own. `unshare` dies
 * with the process that started it (`setpriv --pdeathsig`, kept across the exec) and takes the
 * namespace's first process with it (`--kill-child`), so even a SIGKILLed preview leaves no listener
 * and no session behind.
 */
export function vsftpdCommand(confFile: string, executable = 'vsftpd', privateView?: PrivateView): [string, string[]] {
  const namespace = ['unshare', '--pid', '--fork', '--kill-child', ...(privateView ? ['--mount', '--propagation', 'private'] : [])];
  const run = privateView
    ? ['/bin/sh', '-c', PRIVATE_VIEW_SCRIPT, 'sh', privateView.dir, privateView.blockedAncestor, executable, confFile]
    : ['/bin/sh', '-c', PLAIN_SCRIPT, 'sh', executable, confFile];
  return ['setpriv', ['--pdeathsig', 'KILL', ...namespace, ...run]];
}

/** `signal SIGKILL` or `exit code 1`: how vsftpd ended (the namespace's shell exits 128 + the signal). */
export function describeExit(exit: VsftpdExit): string {
  if (exit.signal) return `signal ${exit.signal}`;
  const signal =
    exit.code !== null && exit.code > 128 ? Object.entries(constants.signals).find(([, n]) => n === exit.code! - 128)?.[0] : undefined;
  return signal ? `signal ${signal}` : `exit code ${exit.code}`;
}

/** A running vsftpd listener. */
export class VsftpdProcess {
  /** Resolves when the listener exits, for whatever reason. */
  readonly exited: Promise<VsftpdExit>;
  private exit: VsftpdExit | undefined;
  private terminal = '';

  private constructor(
    readonly pid: number,
    child: ReturnType<typeof spawn>,
  ) {
    child.stderr?.on('data', (d: Buffer) => {
      this.terminal = (this.terminal + d.toString()).slice(-4000);
    });
    this.exited = new Promise((resolve) =>
      child.on('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      }),
    );
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
    void server.exited.then((exit) =>
      stopWaiting.abort(
        new LocalTargetError(server.describeFailure(`vsftpd exited (${describeExit(exit)}) before it accepted connections`, props.logFile)),
      ),
    );
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

  /**
   * SIGKILLs the listener's namespace: every session process with it. Safe to call more than once.
   * `unshare` is spared: it exits once its namespace is empty, so `exited` means every vsftpd is gone
   * (its sockets closed), not only the wrapper.
   */
  kill(): void {
    if (this.running) killTree(this.pid, { spareRoot: true });
  }

  /**
   * Replaces the listener inside its namespace (see RUN_AND_WAIT): logged-in sessions keep their
   * connections and finish; new ones meet the new listener. Resolves once the new listener greets.
   */
  async restartListener(props: { readonly host: string; readonly port: number; readonly timeoutMs?: number }): Promise<void> {
    // The tree: setpriv/unshare (this.pid) → the namespace's shell → listeners and sessions.
    const shell = childrenOf(this.pid)[0];
    if (!this.running || shell === undefined) throw new LocalTargetError('vsftpd is not running: nothing to restart');
    const before = new Set(childrenOf(shell));
    process.kill(shell, 'SIGUSR1');
    // The shell starts the new listener only once the old one has exited: a new child means the port is the new one's.
    const deadline = Date.now() + (props.timeoutMs ?? 15000);
    while (!childrenOf(shell).some((pid) => !before.has(pid))) {
      if (Date.now() > deadline || !this.running) throw new LocalTargetError('vsftpd did not restart its listener');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await waitForGreeting(props.host, props.port, { timeoutMs: Math.max(1000, deadline - Date.now()) });
  }

  /** Resolves once the listener has exited, or after `timeoutMs`; true when it exited. */
  async waitForExit(timeoutMs: number): Promise<boolean> {
    if (!this.running) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
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
    ]
      .filter(Boolean)
      .join('\n  ');
  }
}
