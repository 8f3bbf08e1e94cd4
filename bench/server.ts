/*
 * What one server carries: N concurrent FTPS sessions against a real vsftpd with the rendered config,
 * one 1 GiB download over FTPS and over plain FTP, and the machine's AES-256-GCM limit.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, closeSync, openSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULTS, FtpKitConfig } from '../lib/config/schema';
import { validateConfig } from '../lib/config/load';
import { runLoad } from './load';
import { parseOpensslSpeed } from './parse';
import { PeakSampler } from './proctree';
import { percentile, summarize, Summary } from './stats';
import { BenchServer, Credentials } from './vsftpd';

const execFileAsync = promisify(execFile);

/** Plain FTP, for the throughput comparison only: vsftpd takes the last value of a repeated key. */
export const PLAIN_OVERRIDES = { ssl_enable: 'NO', force_local_logins_ssl: 'NO', force_local_data_ssl: 'NO' } as const;

/** Paced connects: below vsftpd's listen backlog (32, compiled in), so no connect is lost to it. */
export const CONNECT_CONCURRENCY = 16;

/**
 * The bench config: every default but limits high enough for 200+ sessions from loopback. The limits
 * are set after validation: the bench measures ranges with more sessions than the config accepts
 * (3 passive ports a session), to find where PASV starts to fail.
 */
export function benchConfig(passivePorts: { from: number; to: number } = { ...DEFAULTS.passivePorts }): FtpKitConfig {
  const config = validateConfig(
    {
      name: 'bench',
      allow: ['127.0.0.1/32'],
      users: [{ name: 'bench', write: true }],
      passivePorts,
    },
    'bench config',
  );
  return { ...config, limits: { ...config.limits, maxClients: 1000, maxPerIp: 1000 } };
}

export interface ConcurrencyFigures {
  readonly sessions: number;
  readonly passivePorts: number;
  readonly runs: number;
  /** Failed sessions in each run. */
  readonly failuresPerRun: number[];
  readonly failureReplies: ReadonlyArray<{ readonly reply: string; readonly count: number }>;
  /** Login (connect, TLS, USER/PASS) per session, over all runs, ms. */
  readonly loginMs: { readonly p50: number; readonly p99: number };
  /** Upload + download + SHA-256 of 1 MiB with all N sessions transferring at once, ms. */
  readonly transferMs: { readonly p50: number; readonly p99: number };
  /** Login + transfer (the wait for the other sessions' logins left out), ms. */
  readonly sessionMs: { readonly p50: number; readonly p99: number };
  /** vsftpd processes at the memory peak, per session (median over runs). */
  readonly processesPerSession: number;
  /** Sum of VmRSS of all vsftpd processes at the peak ÷ sessions, MiB. */
  readonly rssPerSessionMiB: Summary;
  /** Sum of Pss at the peak ÷ sessions, MiB: shared pages counted once. */
  readonly pssPerSessionMiB: Summary;
}

export interface BurstFigures {
  readonly sessions: number;
  readonly failures: number;
  readonly failureReplies: ReadonlyArray<{ readonly reply: string; readonly count: number }>;
}

export interface ThroughputFigures {
  readonly fileBytes: number;
  readonly client: string;
  readonly ftpsMBps: Summary;
  readonly plainMBps: Summary;
  /** openssl speed -evp aes-256-gcm, 16384-byte blocks, one core, MB/s. */
  readonly aesGcmMBps: Summary;
}

export interface ServerFigures {
  readonly concurrency: ConcurrencyFigures[];
  /** Passive range sizes tried at the highest concurrency when the default range failed. */
  readonly rangeSearch: ConcurrencyFigures[];
  /** The same failing load over plain FTP, where vsftpd's reply is readable (under TLS it is not). */
  readonly plainTextFailures: ReadonlyArray<{
    readonly sessions: number;
    readonly passivePorts: number;
    readonly failureReplies: ReadonlyArray<{ reply: string; count: number }>;
  }>;
  readonly burst: BurstFigures[];
  readonly throughput?: ThroughputFigures;
  readonly vsftpdListenBacklog: number | undefined;
}

export interface ServerBenchProps {
  readonly runs: number;
  readonly concurrencies: readonly number[];
  /** Passive range sizes to try at the highest concurrency when the default fails. */
  readonly rangeSizes: readonly number[];
  readonly bigFileBytes: number;
  readonly throughputRuns: number;
  readonly log: (line: string) => void;
  /** Registers a cleanup that must run even when the bench fails. */
  readonly onCleanup: (fn: () => void) => void;
}

function clearUploads(server: BenchServer): void {
  for (const name of readdirSync(server.filesDir)) {
    if (name.startsWith('session-')) rmSync(join(server.filesDir, name), { force: true });
  }
}

function p50p99(values: number[]): { p50: number; p99: number } {
  return values.length === 0 ? { p50: NaN, p99: NaN } : { p50: percentile(values, 50), p99: percentile(values, 99) };
}

/** The listen backlog of the socket on `port` (ss shows it as Send-Q of a LISTEN socket). */
async function listenBacklog(port: number): Promise<number | undefined> {
  try {
    const { stdout } = await execFileAsync('ss', ['-Hltn', `sport = :${port}`]);
    const fields = stdout.trim().split(/\s+/);
    return fields.length >= 3 ? Number(fields[2]) : undefined;
  } catch {
    return undefined;
  }
}

async function concurrencyRuns(
  server: BenchServer,
  pid: number,
  credentials: Credentials,
  sessions: number,
  passivePorts: number,
  props: ServerBenchProps,
): Promise<ConcurrencyFigures> {
  const failuresPerRun: number[] = [];
  const counts = new Map<string, number>();
  const login: number[] = [];
  const transfer: number[] = [];
  const session: number[] = [];
  const rss: number[] = [];
  const pss: number[] = [];
  const procs: number[] = [];
  for (let run = 0; run < props.runs; run++) {
    clearUploads(server);
    const sampler = new PeakSampler(pid, 200);
    const result = await runLoad({ credentials, sessions, connectConcurrency: CONNECT_CONCURRENCY });
    const peak = sampler.stop();
    failuresPerRun.push(result.failures);
    for (const f of result.failureReplies) counts.set(f.reply, (counts.get(f.reply) ?? 0) + f.count);
    for (const s of result.sessions) {
      login.push(s.loginMs);
      if (s.ok) {
        transfer.push(s.transferMs);
        session.push(s.loginMs + s.transferMs);
      }
    }
    rss.push(peak.rssKiB / 1024 / sessions);
    pss.push(peak.pssKiB / 1024 / sessions);
    procs.push((peak.processes - 1) / sessions);
    props.log(
      `  ${sessions} sessions, ${passivePorts} passive ports, ` +
        `run ${run + 1}/${props.runs}: ${result.failures} ` +
        `failed, ${Math.round(result.wallMs)} ms, peak ${peak.processes} ` +
        `processes`,
    );
  }
  return {
    sessions,
    passivePorts,
    runs: props.runs,
    failuresPerRun,
    failureReplies: [...counts].map(([reply, count]) => ({ reply, count })).sort((a, b) => b.count - a.count),
    loginMs: p50p99(login),
    transferMs: p50p99(transfer),
    sessionMs: p50p99(session),
    processesPerSession: summarize(procs).median,
    rssPerSessionMiB: summarize(rss),
    pssPerSessionMiB: summarize(pss),
  };
}

/** A server with `passivePorts` ports from 40000; closed by the caller (and by the bench's cleanup). */
async function startServer(size: number, props: ServerBenchProps, variant: 'tls' | 'plain' = 'tls') {
  const server = new BenchServer(benchConfig({ from: DEFAULTS.passivePorts.from, to: DEFAULTS.passivePorts.from + size - 1 }));
  props.onCleanup(() => server.close());
  const started = await server.start(variant, variant === 'plain' ? PLAIN_OVERRIDES : {});
  return { server, ...started };
}

async function writeBigFile(file: string, bytes: number, uid: number, gid: number): Promise<void> {
  const block = randomBytes(1024 * 1024);
  const fd = openSync(file, 'w', 0o600);
  try {
    for (let written = 0; written < bytes; written += block.length) writeSync(fd, block, 0, Math.min(block.length, bytes - written));
  } finally {
    closeSync(fd);
  }
  chownSync(file, uid, gid);
}

/** Downloads with curl (a C client, so the client is not the bottleneck) into /dev/null; MB/s. */
async function curlDownload(credentials: Credentials, remote: string, secure: boolean, workDir: string): Promise<number> {
  // Credentials go through a netrc file, never argv (visible in ps).
  const netrc = join(workDir, 'netrc');
  writeFileSync(netrc, `machine ${credentials.host} login ${credentials.user} password ${credentials.password}\n`, { mode: 0o600 });
  const ca = join(workDir, 'ca.pem');
  writeFileSync(ca, credentials.ca);
  const args = [
    '-sS',
    '--netrc-file',
    netrc,
    '-o',
    '/dev/null',
    '-w',
    '%{size_download} %{time_total}',
    ...(secure ? ['--ssl-reqd', '--cacert', ca] : []),
    `ftp://${credentials.host}:${credentials.port}/${remote}`,
  ];
  const { stdout } = await execFileAsync('curl', args, { timeout: 300000 });
  const [size, seconds] = stdout.trim().split(' ').map(Number);
  return size / seconds / 1e6;
}

export async function runServer(props: ServerBenchProps, workDir: string): Promise<ServerFigures> {
  const defaultSize = DEFAULTS.passivePorts.to - DEFAULTS.passivePorts.from + 1;
  const concurrency: ConcurrencyFigures[] = [];
  const rangeSearch: ConcurrencyFigures[] = [];
  const plainTextFailures: ServerFigures['plainTextFailures'][number][] = [];
  const burst: BurstFigures[] = [];
  let vsftpdListenBacklog: number | undefined;

  const main = await startServer(defaultSize, props);
  try {
    vsftpdListenBacklog = await listenBacklog(main.credentials.port);
    for (const sessions of props.concurrencies) {
      props.log(`concurrent sessions: ${sessions} (paced connects, then all transfer at once)`);
      concurrency.push(await concurrencyRuns(main.server, main.pid, main.credentials, sessions, defaultSize, props));
    }
    for (const sessions of props.concurrencies) {
      props.log(`burst: ${sessions} sessions connecting in the same instant`);
      clearUploads(main.server);
      const result = await runLoad({ credentials: main.credentials, sessions, timeoutMs: 15000 });
      burst.push({ sessions, failures: result.failures, failureReplies: result.failureReplies });
    }
  } finally {
    main.server.close();
  }

  // Under TLS vsftpd writes its "500 OOPS" line unencrypted, so the client only sees a TLS record
  // error: repeat a failing load over plain FTP to read vsftpd's own words.
  for (const failed of concurrency.filter((c) => c.failuresPerRun.some((n) => n > 0))) {
    const plain = await startServer(failed.passivePorts, props, 'plain');
    try {
      props.log(`plain FTP, ${failed.sessions} sessions: reading the failure reply`);
      const result = await runLoad({
        credentials: plain.credentials,
        sessions: failed.sessions,
        secure: false,
        connectConcurrency: CONNECT_CONCURRENCY,
      });
      plainTextFailures.push({ sessions: failed.sessions, passivePorts: failed.passivePorts, failureReplies: result.failureReplies });
    } finally {
      plain.server.close();
    }
  }

  // The default range failed at the highest concurrency: find the range size that carries it.
  const top = concurrency[concurrency.length - 1];
  if (top && top.failuresPerRun.some((n) => n > 0)) {
    for (const size of props.rangeSizes.filter((s) => s > defaultSize)) {
      const s = await startServer(size, props);
      try {
        props.log(`passive range of ${size} ports, ${top.sessions} sessions`);
        const figures = await concurrencyRuns(s.server, s.pid, s.credentials, top.sessions, size, props);
        rangeSearch.push(figures);
        if (figures.failuresPerRun.every((n) => n === 0)) break;
      } finally {
        s.server.close();
      }
    }
  }

  let throughput: ThroughputFigures | undefined;
  if (props.throughputRuns > 0) throughput = await runThroughput(props, workDir);
  return { concurrency, rangeSearch, plainTextFailures, burst, throughput, vsftpdListenBacklog };
}

async function runThroughput(props: ServerBenchProps, workDir: string): Promise<ThroughputFigures> {
  const server = new BenchServer(benchConfig());
  props.onCleanup(() => server.close());
  try {
    const tls = await server.start('tls');
    const plain = await server.start('plain', PLAIN_OVERRIDES);
    const file = join(server.filesDir, 'big.bin');
    props.log(`writing a ${props.bigFileBytes} byte file`);
    const { uid, gid } = statSync(server.filesDir);
    await writeBigFile(file, props.bigFileBytes, uid, gid);
    const ftps: number[] = [];
    const clear: number[] = [];
    for (let i = 0; i < props.throughputRuns; i++) {
      props.log(`download ${i + 1}/${props.throughputRuns}: FTPS, then plain FTP`);
      ftps.push(await curlDownload(tls.credentials, 'files/big.bin', true, workDir));
      clear.push(await curlDownload(plain.credentials, 'files/big.bin', false, workDir));
    }
    const aes: number[] = [];
    for (let i = 0; i < props.throughputRuns; i++) {
      const { stdout } = await execFileAsync('openssl', ['speed', '-seconds', '1', '-bytes', '16384', '-evp', 'aes-256-gcm'], {
        timeout: 60000,
      });
      aes.push(parseOpensslSpeed(stdout, 'AES-256-GCM', 16384) / 1e6);
    }
    return {
      fileBytes: props.bigFileBytes,
      client: 'curl (FTPS: explicit TLS, --ssl-reqd) to /dev/null',
      ftpsMBps: summarize(ftps),
      plainMBps: summarize(clear),
      aesGcmMBps: summarize(aes),
    };
  } finally {
    server.close();
  }
}
