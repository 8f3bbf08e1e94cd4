import { BenchResults, renderMarkdown } from '../../bench/report';
import { sizingTable } from '../../bench/sizing';

const s = (median: number) => ({ n: 5, median, min: median * 0.9, max: median * 1.1 });

const concurrency = (sessions: number, passivePorts: number, failuresPerRun: number[]) => ({
  sessions,
  passivePorts,
  runs: failuresPerRun.length,
  failuresPerRun,
  failureReplies: failuresPerRun.some((n) => n > 0)
    ? [{ reply: 'upload: 500 OOPS: vsf_sysutil_bind', count: failuresPerRun.reduce((a, b) => a + b, 0) }]
    : [],
  loginMs: { p50: 110, p99: 170 },
  transferMs: { p50: 580, p99: 710 },
  sessionMs: { p50: 690, p99: 850 },
  processesPerSession: 3,
  rssPerSessionMiB: s(14.6),
  pssPerSessionMiB: s(1.1),
});

const RESULTS: BenchResults = {
  date: '2026-11-24T22:00:00.000Z',
  quick: false,
  runs: 5,
  totalSeconds: 412,
  machine: {
    cpuModel: 'AMD EPYC',
    cores: 2,
    memoryGiB: 23.5,
    kernel: 'Linux 6.1',
    node: 'v20.20.2',
    terraform: '1.11.4',
    vsftpd: '3.0.3-13+b2',
    openssl: 'OpenSSL 3.0.22',
    curl: 'curl 7.88.1',
    nodeExtraCaCerts: '/etc/ssl/certs/ca-certificates.crt',
  },
  kit: {
    synthPlan: [
      {
        config: 'default',
        synth: { wallSeconds: s(0.35), maxRssMiB: s(92) },
        initSeconds: 1.9,
        plan: { wallSeconds: s(2.66), maxRssMiB: s(595) },
        synthShareOfPlan: 0.35 / 2.66,
      },
    ],
    unitTests: { wallSeconds: s(3.8), maxRssMiB: s(322), command: 'jest test/config' },
    npmTest: {
      wallSeconds: { n: 1, median: 200, min: 200, max: 200 },
      maxRssMiB: { n: 1, median: 700, min: 700, max: 700 },
      command: 'npm test',
      exitCode: 0,
      note: 'n=1: one run takes 200 s',
    },
  },
  server: {
    concurrency: [concurrency(50, 100, [0, 0, 0, 0, 0]), concurrency(200, 100, [105, 108, 104, 110, 107])],
    rangeSearch: [concurrency(200, 400, [0, 0, 0, 0, 0])],
    plainTextFailures: [
      { sessions: 200, passivePorts: 100, failureReplies: [{ reply: 'upload: 500 OOPS: vsf_sysutil_bind', count: 100 }] },
    ],
    burst: [{ sessions: 100, failures: 25, failureReplies: [{ reply: 'connect+login: Timeout (control socket)', count: 25 }] }],
    throughput: { fileBytes: 2 ** 30, client: 'curl', ftpsMBps: s(476), plainMBps: s(2949), aesGcmMBps: s(4237) },
    vsftpdListenBacklog: 32,
  },
  sizing: { props: { sessionMiB: 1.07, measuredPortsPerSession: 2 }, rows: sizingTable({ sessionMiB: 1.07, measuredPortsPerSession: 2 }) },
  errors: [],
};

describe('renderMarkdown', () => {
  describe('GIVEN a full set of figures', () => {
    const md = renderMarkdown(RESULTS);

    test('THEN the machine, the date and the method are stated', () => {
      expect(md).toContain('| CPU | AMD EPYC, 2 cores |');
      expect(md).toContain('| vsftpd | 3.0.3-13+b2 |');
      expect(md).toContain('2026-11-24T22:00:00.000Z');
      expect(md).toContain('median, min and max of 5 runs');
    });

    test('THEN a figure reads median (min–max) and synth is given as a share of plan', () => {
      expect(md).toContain('| cold `ftp-kit synth`, default config | 0.35 (0.315–0.385) | 92 (82.8–101) | 5 |');
      expect(md).toContain('synth is **13 %** of `terraform plan`');
    });

    test('THEN the command is named, and the environment that changes it', () => {
      expect(md).toContain("package.json's `bin` (dist/bin/ftp-kit.js), a plain node");
      expect(md).toContain('| NODE_EXTRA_CA_CERTS | `/etc/ssl/certs/ca-certificates.crt` (node parses it at every start');
    });

    test('THEN the concurrent-session figures and the exact failure reply are reported', () => {
      expect(md).toContain('| 200 | 100 | 534 of 1000 (105, 108, 104, 110, 107) |');
      expect(md).toContain('`upload: 500 OOPS: vsf_sysutil_bind`');
      expect(md).toContain('| 200 | 400 | 0 of 1000 (0, 0, 0, 0, 0) |');
    });

    test('THEN the sizing table has a row per instance type', () => {
      expect(md).toContain('| t4g.nano | 512 | 2 |');
      expect(md).toContain('| m7g.large | 8192 | 2 |');
    });

    test("THEN synth's CPU time is reported beside its wall time", () => {
      const withCpu = renderMarkdown({
        ...RESULTS,
        kit: {
          ...RESULTS.kit!,
          synthPlan: [{ ...RESULTS.kit!.synthPlan[0], synth: { wallSeconds: s(0.35), maxRssMiB: s(92), cpuSeconds: s(0.3) } }],
        },
      });
      expect(withCpu).toContain('Synth CPU time (user + system): 0.3 (0.27–0.33) s');
      expect(md).not.toContain('Synth CPU time');
    });

    test('THEN the synth target is judged on the default config: 13 % of the plan misses it', () => {
      expect(md).toContain('Target: ≤ 0.45 s and ≤ 12 % — **missed**.');
    });

    test('THEN there is no "Not measured" section', () => {
      expect(md).not.toContain('## Not measured');
    });
  });

  test('GIVEN figures carried over from an earlier run and a loaded machine THEN the report says which, from when, and how loaded', () => {
    const md = renderMarkdown({
      ...RESULTS,
      machine: { ...RESULTS.machine, loadAverage1m: 6.5 },
      carried: [{ section: '`npm test`', date: '2026-11-25T11:19:54.866Z' }],
    });
    expect(md).toContain('Not measured in this run: `npm test`, carried over from the run of 2026-11-25T11:19:54.866Z.');
    expect(md).toContain('| Load average (1 min) at start | 6.5 — above the 2 cores: other work shared the CPU');
    expect(md).toContain('another on a machine other work was loading (see the load average above)');
    expect(renderMarkdown(RESULTS)).toContain('another on an otherwise idle machine');
  });

  test.each([
    [0.3, 3, 'met'],
    [0.5, 6, '**missed**'],
  ])('GIVEN a default-config synth of %s s and a plan of %s s THEN the target is %s', (synth, plan, verdict) => {
    const figures = {
      ...RESULTS.kit!.synthPlan[0],
      synth: { wallSeconds: s(synth), maxRssMiB: s(92) },
      plan: { wallSeconds: s(plan), maxRssMiB: s(595) },
      synthShareOfPlan: synth / plan,
    };
    expect(renderMarkdown({ ...RESULTS, kit: { ...RESULTS.kit!, synthPlan: [figures] } })).toContain(
      `Target: ≤ 0.45 s and ≤ 12 % — ${verdict}.`,
    );
  });

  test('GIVEN a section that failed WHEN rendered THEN the report says what is missing and why', () => {
    const md = renderMarkdown({
      ...RESULTS,
      kit: undefined,
      server: undefined,
      sizing: undefined,
      errors: [{ section: 'server', error: 'vsftpd did not greet' }],
    });
    expect(md).toContain('## Not measured');
    expect(md).toContain('- server: `vsftpd did not greet`');
    expect(md).not.toContain('## 2. One server');
  });
});
