/* docs/benchmarks.md from the figures: the machine, the method, then one table per question. */
import { DEFAULTS } from '../lib/config/schema';
import { meetsSynthTarget, SYNTH_TARGET, type KitFigures } from './kit';
import type { MachineInfo } from './machine';
import type { ConcurrencyFigures, ServerFigures } from './server';
import { effectivePortsPerSession, SizingProps, SizingRow } from './sizing';
import { round, Summary } from './stats';

export interface BenchResults {
  readonly date: string;
  readonly quick: boolean;
  readonly runs: number;
  readonly totalSeconds: number;
  readonly machine: MachineInfo;
  readonly kit?: KitFigures;
  readonly server?: ServerFigures;
  readonly sizing?: { readonly props: SizingProps; readonly rows: SizingRow[] };
  /** Figures this run did not measure, taken from the earlier run of `date` (--only, --skip-npm-test). @default none */
  readonly carried?: ReadonlyArray<{ readonly section: string; readonly date: string }>;
  /** Sections that failed, with the error, so a partial report says what is missing and why. */
  readonly errors: ReadonlyArray<{ readonly section: string; readonly error: string }>;
}

const fmt = (n: number, digits = 3) => (Number.isFinite(n) ? String(round(n, digits)) : '–');
const mmm = (s: Summary, unit = '', digits = 3) => `${fmt(s.median, digits)}${unit} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;
const pct = (x: number) => `${fmt(x * 100, 2)} %`;

function kitSection(kit: KitFigures): string[] {
  const lines = [
    '## 1. The kit',
    '',
    "Median (min–max) of the runs. Peak RSS is GNU time's maximum resident set size: for commands that start",
    "child processes (jest workers, terraform's provider plugin, npm) it is the **largest single process**, not",
    'the sum of the tree.',
    '',
    '| Figure | Wall time (s) | Peak RSS (MiB) | n |',
    '|---|---|---|---|',
  ];
  for (const sp of kit.synthPlan) {
    lines.push(
      `| cold \`ftp-kit synth\`, ${sp.config} config ` +
        `| ${mmm(sp.synth.wallSeconds)} | ${mmm(sp.synth.maxRssMiB)} ` +
        `| ${sp.synth.wallSeconds.n} |`,
    );
    lines.push(
      `| \`terraform plan\` (offline, provider mirror) of that output ` +
        `| ${mmm(sp.plan.wallSeconds)} | ${mmm(sp.plan.maxRssMiB)} ` +
        `| ${sp.plan.wallSeconds.n} |`,
    );
  }
  lines.push(
    `| unit-test layer: \`${kit.unitTests.command}\` ` +
      `| ${mmm(kit.unitTests.wallSeconds)} | ${mmm(kit.unitTests.maxRssMiB)} ` +
      `| ${kit.unitTests.wallSeconds.n} |`,
  );
  if (kit.npmTest) {
    lines.push(
      `| whole \`npm test\` (lint, typecheck, all tests)` +
        `${kit.npmTest.exitCode === 0 ? '' : ` — exited ${kit.npmTest.exitCode}`} ` +
        `| ${mmm(kit.npmTest.wallSeconds)} | ${mmm(kit.npmTest.maxRssMiB)} ` +
        `| ${kit.npmTest.wallSeconds.n} |`,
    );
  }
  lines.push(
    '',
    "`ftp-kit synth` is the command users run: package.json's `bin` (dist/bin/ftp-kit.js), a plain node",
    "process started in the bench's own environment.",
    '',
  );
  for (const sp of kit.synthPlan) {
    const cpu = sp.synth.cpuSeconds
      ? ` Synth CPU time (user + system): ${mmm(sp.synth.cpuSeconds)} s (it changes less than wall time when other work shares the CPU).`
      : '';
    const target =
      sp.config !== 'default'
        ? ''
        : ` Target: ≤ ${SYNTH_TARGET.seconds} s and ≤ ${pct(SYNTH_TARGET.shareOfPlan)} — ${meetsSynthTarget(sp) ? 'met' : '**missed**'}.`;
    lines.push(
      `- ${sp.config} config: synth is **${pct(sp.synthShareOfPlan)}** of ` +
        `\`terraform plan\` (medians); \`terraform init\` through the mirror ` +
        `took ${fmt(sp.initSeconds)} s once, not counted in the plan ` +
        `figure.${cpu}${target}`,
    );
  }
  if (kit.npmTest?.note) lines.push(`- \`npm test\`: ${kit.npmTest.note}`);
  lines.push('');
  return lines;
}

const portsLabel = (c: ConcurrencyFigures) => `${c.passivePorts}`;

function concurrencyRow(c: ConcurrencyFigures): string {
  const failures = c.failuresPerRun.reduce((a, b) => a + b, 0);
  return (
    `| ${c.sessions} | ${portsLabel(c)} | ${failures} ` +
    `of ${c.sessions * c.runs} (${c.failuresPerRun.join(', ')}) ` +
    `| ${fmt(c.loginMs.p50, 3)} / ${fmt(c.loginMs.p99, 3)} ` +
    `| ${fmt(c.transferMs.p50, 3)} / ${fmt(c.transferMs.p99, 3)} ` +
    `| ${fmt(c.sessionMs.p50, 3)} / ${fmt(c.sessionMs.p99, 3)} ` +
    `| ${fmt(c.processesPerSession, 2)} ` +
    `| ${mmm(c.rssPerSessionMiB, '', 3)} ` +
    `| ${mmm(c.pssPerSessionMiB, '', 3)} |`
  );
}

const CONCURRENCY_HEADER = [
  '| Sessions | Passive ports | Failed sessions (per run) | Login p50 / ' +
    'p99 (ms) | Transfer p50 / p99 (ms) | Session p50 / p99 (ms) | vsftpd ' +
    'processes per session | RSS per session (MiB) | PSS per session (MiB) ' +
    '|',
  '|---|---|---|---|---|---|---|---|---|',
];

function replies(list: ReadonlyArray<{ reply: string; count: number }>): string[] {
  return list.map((f) => `  - ${f.count}× \`${f.reply.replace(/\s+/g, ' ').slice(0, 300)}\``);
}

function serverSection(server: ServerFigures): string[] {
  const lines = [
    '## 2. One server',
    '',
    `A real vsftpd with the config ftp-kit renders (TLS forced, the ` +
      `default passive range ${DEFAULTS.passivePorts.from}–${DEFAULTS.passivePorts.to} ` +
      `unless`,
    'the table says otherwise, `max_clients` and `max_per_ip` raised to 1000 so that one address can open',
    'every session) on loopback. Each session logs in over TLS, uploads a 1 MiB random file, downloads it and',
    "compares SHA-256. Sessions connect at most 16 at a time (below vsftpd's listen backlog, see the burst",
    'figures); each waits until all are logged in, then all transfer at once, so every session is open at the',
    'memory peak. Memory is sampled every 200 ms from /proc over all vsftpd processes; "per session" is the sum',
    'at the peak ÷ sessions. RSS counts shared library pages once per process and overstates; PSS divides',
    'shared pages among the processes and is what a session really costs (kernel socket buffers not included).',
    'Login, transfer and session times are p50 / p99 over all sessions of all runs; session = login + transfer',
    '(the wait for the other logins left out).',
    '',
    ...CONCURRENCY_HEADER,
    ...server.concurrency.map(concurrencyRow),
    '',
  ];
  const failing = server.concurrency.filter((c) => c.failuresPerRun.some((n) => n > 0));
  for (const c of failing) {
    lines.push(
      `Failures at ${c.sessions} sessions with ${c.passivePorts} passive ports, as the FTPS client saw them:`,
      ...replies(c.failureReplies),
      '',
    );
  }
  for (const p of server.plainTextFailures) {
    lines.push(
      `The same load over plain FTP (${p.sessions} ` +
        `sessions, ${p.passivePorts} ports), where vsftpd's reply is readable ` +
        `— under TLS vsftpd writes its \`500 OOPS\` line unencrypted into the ` +
        `TLS channel, so the client can only report a TLS record error:`,
      ...replies(p.failureReplies),
      '',
    );
  }
  if (server.rangeSearch.length > 0) {
    lines.push(
      '### Passive range size for the highest concurrency',
      '',
      `The default range failed, so the same load ran with larger ranges (from ${DEFAULTS.passivePorts.from}) until a run had no failure:`,
      '',
      ...CONCURRENCY_HEADER,
      ...server.rangeSearch.map(concurrencyRow),
      '',
    );
    for (const c of server.rangeSearch.filter((r) => r.failureReplies.length > 0)) {
      lines.push(`Failures with ${c.passivePorts} ports:`, ...replies(c.failureReplies), '');
    }
  }
  lines.push(
    '### Burst: every session connects in the same instant',
    '',
    `vsftpd listens with a backlog ` +
      `of ${server.vsftpdListenBacklog ?? 'unknown'} (compiled in; \`ss ` +
      `-ltn\` shows it). A burst of connects larger than that`,
    'overflows the accept queue; with SYN cookies on (the Linux default) the client believes it is connected and',
    'waits for a greeting that never comes. One run each (client timeout 15 s):',
    '',
    '| Sessions | Failed | Failures |',
    '|---|---|---|',
    ...server.burst.map(
      (b) =>
        `| ${b.sessions} | ${b.failures} | ${b.failureReplies.map((f) => `${f.count}× \`${f.reply.replace(/\s+/g, ' ').slice(0, 160)}\``).join('; ') || '–'} |`,
    ),
    '',
  );
  if (server.throughput) {
    const t = server.throughput;
    lines.push(
      '### One large download',
      '',
      `${round(t.fileBytes / 2 ** 30, 3)} GiB from the same vsftpd binary and data, once with the rendered TLS config and once with a`,
      `variant that only sets \`ssl_enable=NO\` (plain FTP, loopback only). Client: ${t.client}. Client and server share the`,
      "machine's cores. The physical limit is `openssl speed -evp aes-256-gcm` at 16384-byte blocks on one core.",
      '',
      '| Figure | MB/s (10^6 bytes) | n |',
      '|---|---|---|',
      `| FTPS download | ${mmm(t.ftpsMBps, '', 4)} | ${t.ftpsMBps.n} |`,
      `| plain FTP download | ${mmm(t.plainMBps, '', 4)} | ${t.plainMBps.n} |`,
      `| AES-256-GCM, one core (openssl speed) | ${mmm(t.aesGcmMBps, '', 4)} | ${t.aesGcmMBps.n} |`,
      '',
      `FTPS reaches ${pct(t.ftpsMBps.median / t.plainMBps.median)} of plain ` +
        `FTP and ${pct(t.ftpsMBps.median / t.aesGcmMBps.median)} of the ` +
        `AES-256-GCM limit (medians).`,
      '',
    );
  }
  return lines;
}

function sizingSection(sizing: NonNullable<BenchResults['sizing']>): string[] {
  const p = sizing.props;
  return [
    '## 3. Sizing',
    '',
    `Derived from the figures above: ${fmt(p.sessionMiB)} MiB per session (PSS of the smallest passing range at the highest`,
    `concurrency) and ${fmt(effectivePortsPerSession(p))} passive ports ` +
      `per session: the measured ${fmt(p.measuredPortsPerSession)} (ports ÷ ` +
      `sessions of that run),`,
    `but at least ${p.minPortsPerSession ?? 3}: vsftpd 3.0.3 tries 9 ` +
      `random ports of the range, then gives up (\`500 OOPS: ` +
      `vsf_sysutil_bind\`),`,
    'so S sessions opening data connections at once in N ports fail a PASV with odds (S/N)^9: 1 in 512 at 2 ports per',
    'session, under 1 in 19,000 at 3. A nearly full range fails by chance, so one passing run is no proof. Every',
    "session may transfer at once. The config's defaults follow this table: `maxClients` 200 with 600 passive ports.",
    `Memory budget: (instance memory − ${p.reservedMiB ?? 256} MiB for ` +
      `the OS and agents) × ${1 - (p.kernelShare ?? 0.5)}, the rest left to ` +
      `the`,
    `kernel's TCP/TLS buffers and page cache. The schema caps the passive range at ${p.maxPassivePorts ?? 1000} ports.`,
    '',
    '| Instance type | Memory (MiB) | vCPUs | Sessions the memory carries | max_clients | Passive ports | Limited by |',
    '|---|---|---|---|---|---|---|',
    ...sizing.rows.map(
      (r) =>
        `| ${r.type} | ${r.memoryMiB} | ${r.vcpus} | ${r.memoryBoundSessions} | ${r.maxClients} | ${r.passivePorts} | ${r.limitedBy} |`,
    ),
    '',
  ];
}

export function renderMarkdown(results: BenchResults): string {
  const m = results.machine;
  const shared = m.loadAverage1m !== undefined && m.loadAverage1m > m.cores;
  const lines = [
    '# ftp-kit benchmarks',
    '',
    `Produced by \`npm run bench\`` +
      `${results.quick ? ' --quick (fewer runs: development figures, not for publishing)' : ''} ` +
      `on ${results.date} in ${fmt(results.totalSeconds)} s. Raw figures: ` +
      `[benchmarks.json](benchmarks.json).`,
    '',
    ...(results.carried ?? []).map((c) => `Not measured in this run: ${c.section}, carried over from the run of ${c.date}.`),
    ...(results.carried?.length ? [''] : []),
    '## Machine',
    '',
    '| | |',
    '|---|---|',
    `| CPU | ${m.cpuModel}, ${m.cores} cores |`,
    `| Memory | ${m.memoryGiB} GiB |`,
    `| Kernel | ${m.kernel} |`,
    `| Node.js | ${m.node} |`,
    `| Terraform | ${m.terraform} |`,
    `| vsftpd | ${m.vsftpd} |`,
    `| OpenSSL | ${m.openssl} |`,
    `| curl | ${m.curl} |`,
    `| NODE_EXTRA_CA_CERTS | ${m.nodeExtraCaCerts ? `\`${m.nodeExtraCaCerts}\` (node parses it at every start)` : 'not set'} |`,
    ...(m.loadAverage1m === undefined
      ? []
      : [
          `| Load average (1 min) at start | ${m.loadAverage1m}${
            m.loadAverage1m > m.cores
              ? ` — above the ${m.cores} cores: other work shared the CPU, so wall times are a rough guide (high)`
              : ''
          } |`,
        ]),
    '',
    '## Method',
    '',
    `Every figure is the median, min and max of ${results.runs} runs unless its n says otherwise. Commands run one after`,
    `another on ${shared ? 'a machine other work was loading (see the load average above)' : 'an otherwise idle machine'};` +
      ' "cold" means a fresh process (no warm module cache in memory; the',
    'file system cache is warm, as it is on a developer machine). Wall times and peak RSS come from GNU time',
    "(`/usr/bin/time -f '%e %M'`).",
    '',
  ];
  if (results.kit) lines.push(...kitSection(results.kit));
  if (results.server) lines.push(...serverSection(results.server));
  if (results.sizing) lines.push(...sizingSection(results.sizing));
  if (results.errors.length > 0) {
    lines.push(
      '## Not measured',
      '',
      ...results.errors.map((e) => `- ${e.section}: \`${e.error.replace(/\s+/g, ' ').slice(0, 400)}\``),
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}
