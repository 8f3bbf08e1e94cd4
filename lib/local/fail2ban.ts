/*
 * The preview's own fail2ban: a fail2ban-server of its own (socket, pid file and in-memory database
 * in a private folder, its config under <etcDir>/fail2ban), running the same jail, filter, action
 * and ban table EC2 gets. Its bans go into table inet <nftTable>_ban, removed when it stops.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FtpKitConfig } from '../config/schema';
import { banTableFileOf, banTableOf, FAIL2BAN_NAMES, renderFail2ban, renderFail2banServerConf, ServerLayout } from '../render';
import { LocalTargetError } from './errors';
import { deleteNftTable } from './firewall';

export interface Fail2banProps {
  readonly config: FtpKitConfig;
  readonly layout: ServerLayout;
  /** Bound of the wait until the jail runs. @default 15000 */
  readonly timeoutMs?: number;
}

export interface LocalFail2ban {
  /** fail2ban's own log (Ban/Unban lines name the address). */
  readonly logFile: string;
  /** The nftables table (family inet) holding the bans. */
  readonly banTable: string;
  /** Stops the server (its action deletes the ban table; deleted here too if it did not). Synchronous, idempotent. */
  stop(): void;
}

const client = (socket: string, args: readonly string[], timeoutMs = 10000) =>
  spawnSync('fail2ban-client', ['-s', socket, ...args], { stdio: 'ignore', timeout: timeoutMs }).status === 0;

/** Writes the config, starts fail2ban-server in the foreground and resolves once the jail runs. */
export async function startFail2ban(props: Fail2banProps): Promise<LocalFail2ban> {
  const { layout } = props;
  const confDir = join(layout.etcDir, 'fail2ban');
  const files = renderFail2ban(props.config, layout);
  mkdirSync(join(confDir, 'filter.d'), { recursive: true });
  mkdirSync(join(confDir, 'action.d'), { recursive: true });
  // A socket path must stay under ~108 bytes, whatever --dir is: it lives in a short private folder.
  const runDir = mkdtempSync(join(tmpdir(), 'ftp-kit-f2b-'));
  const socket = join(runDir, 'fail2ban.sock');
  const logFile = join(layout.logDir, 'fail2ban.log');
  const pidFile = join(runDir, 'fail2ban.pid');
  writeFileSync(join(confDir, 'fail2ban.conf'), renderFail2banServerConf({ logFile, socket, pidFile, dbFile: ':memory:' }));
  writeFileSync(join(confDir, 'jail.conf'), files.jail);
  writeFileSync(join(confDir, 'filter.d', `${FAIL2BAN_NAMES.filter}.conf`), files.filter);
  writeFileSync(join(confDir, 'action.d', `${FAIL2BAN_NAMES.action}.conf`), files.action);
  writeFileSync(banTableFileOf(layout), files.banTable, { mode: 0o644 });
  // The jail reads vsftpd.log from the start: it must exist.
  writeFileSync(join(layout.logDir, 'vsftpd.log'), '', { flag: 'a' });

  const banTable = banTableOf(layout);
  // --pdeathsig TERM: fail2ban outlives no preview, and on TERM it still runs its actionstop.
  const args = ['--pdeathsig', 'TERM', 'fail2ban-server', '-f', '-x', '-c', confDir, '-s', socket, '-p', pidFile];
  const child: ChildProcess = spawn('setpriv', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-2000);
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (running()) client(socket, ['stop']);
    if (running()) child.kill('SIGKILL');
    deleteNftTable(banTable);
    rmSync(runDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (props.timeoutMs ?? 15000);
  while (!client(socket, ['status', FAIL2BAN_NAMES.jail], 2000)) {
    if (!running() || Date.now() > deadline) {
      stop();
      const why = running()
        ? `did not start the jail within ${props.timeoutMs ?? 15000} ms`
        : `exited (${child.exitCode ?? child.signalCode})`;
      throw new LocalTargetError(`fail2ban-server ${why}${stderr.trim() ? `: ${stderr.trim()}` : ''} — see ${logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { logFile, banTable, stop };
}
