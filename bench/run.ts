#!/usr/bin/env node
/*
 * `npm run bench`: measures the kit and one server, writes docs/benchmarks.md and docs/benchmarks.json.
 *   --quick           fewer runs and a smaller file, no `npm test` (for developing the bench)
 *   --only kit|server|tls one section (tls: uploads with TLS 1.3 vs 1.2, docs/tls.md); the others' figures are carried over
 *                     from docs/benchmarks.json, marked
 *   --skip-npm-test   no `npm test` runs; its figure is carried over the same way
 * Every server, PAM file and temp dir is removed at the end, also on error or Ctrl-C.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../lib/package-root';
import { runKit } from './kit';
import { machineInfo } from './machine';
import { BenchResults, renderMarkdown } from './report';
import { runServer } from './server';
import { sizingTable } from './sizing';
import { runTlsUploads } from './tls-uploads';

const cleanups: Array<() => void> = [];

function cleanup(): void {
  while (cleanups.length > 0) {
    try {
      cleanups.pop()!();
    } catch (err) {
      process.stderr.write(`bench: cleanup failed: ${(err as Error).message}\n`);
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    cleanup();
    process.exit(130);
  });
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      'skip-npm-test': { type: 'boolean', default: false },
      uploads: { type: 'string' },
    },
  });
  if (values.only !== undefined && !['kit', 'server', 'tls'].includes(values.only)) {
    process.stderr.write(`--only: ${JSON.stringify(values.only)} — use --only kit, --only server or --only tls\n`);
    return 1;
  }
  if (values.only === 'tls') return runTlsSection(values.quick === true ? 10 : Number(values.uploads ?? 50));
  const quick = values.quick === true;
  const runs = quick ? 2 : 5;
  const root = packageRoot();
  const previousFile = join(root, 'docs', 'benchmarks.json');
  const previous = existsSync(previousFile) ? (JSON.parse(readFileSync(previousFile, 'utf8')) as BenchResults) : undefined;
  const carried: Array<{ section: string; date: string }> = [];
  // A figure the previous run carried over itself keeps the date it was measured on.
  const carry = (section: string) =>
    carried.push({ section, date: previous?.carried?.find((c) => c.section === section)?.date ?? previous?.date ?? '?' });
  const started = performance.now();
  const log = (line: string) => process.stderr.write(`[bench ${Math.round((performance.now() - started) / 1000)}s] ${line}\n`);
  const workDir = mkdtempSync(join(tmpdir(), 'ftpkit-bench-work-'));
  cleanups.push(() => rmSync(workDir, { recursive: true, force: true }));

  const errors: Array<{ section: string; error: string }> = [];
  const machine = machineInfo();
  let kit: BenchResults['kit'];
  let server: BenchResults['server'];

  if (values.only !== 'server') {
    try {
      // The server section takes ~3 min and the rest of the kit ~1 min: leave npm test the rest of 10 minutes.
      const npmTest = quick || values['skip-npm-test'] ? undefined : { maxRuns: 5, budgetSeconds: 300 };
      kit = await runKit({ root, workDir, runs, npmTest, log });
      if (values['skip-npm-test'] && previous?.kit?.npmTest) {
        kit = { ...kit, npmTest: previous.kit.npmTest };
        carry('`npm test`');
      }
    } catch (err) {
      errors.push({ section: 'kit', error: (err as Error).message });
      log(`kit failed: ${(err as Error).message}`);
    }
  }
  if (values.only !== 'kit') {
    try {
      server = await runServer(
        {
          runs,
          concurrencies: [50, 100, 200],
          rangeSizes: [200, 300, 400, 500, 600, 800, 1000],
          bigFileBytes: quick ? 256 * 2 ** 20 : 2 ** 30,
          throughputRuns: runs,
          log,
          onCleanup: (fn) => cleanups.push(fn),
        },
        workDir,
      );
    } catch (err) {
      errors.push({ section: 'server', error: (err as Error).message });
      log(`server failed: ${(err as Error).message}`);
    }
  }

  if (values.only === 'kit' && previous?.server) {
    server = previous.server;
    carry('one server (section 2) and the sizing derived from it');
  }
  if (values.only === 'server' && previous?.kit) {
    kit = previous.kit;
    carry('the kit (section 1)');
  }

  let sizing: BenchResults['sizing'];
  if (server) {
    const top = server.concurrency[server.concurrency.length - 1];
    // The smallest range that carried the highest concurrency with no failure in any run.
    const passing = [...server.concurrency, ...server.rangeSearch]
      .filter((c) => c.sessions === top?.sessions && c.failuresPerRun.every((n) => n === 0))
      .sort((a, b) => a.passivePorts - b.passivePorts)[0];
    if (top && passing) {
      const props = { sessionMiB: passing.pssPerSessionMiB.median, measuredPortsPerSession: passing.passivePorts / passing.sessions };
      sizing = { props, rows: sizingTable(props) };
    } else if (top) {
      errors.push({ section: 'sizing', error: `no passive range size tried carried ${top.sessions} sessions without failures` });
    }
  }

  const results: BenchResults = {
    date: new Date().toISOString(),
    quick,
    runs,
    totalSeconds: (performance.now() - started) / 1000,
    machine,
    kit,
    server,
    sizing,
    errors,
    carried,
  };
  const docs = join(root, 'docs');
  mkdirSync(docs, { recursive: true });
  writeFileSync(join(docs, 'benchmarks.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(docs, 'benchmarks.md'), renderMarkdown(results));
  log(
    `wrote docs/benchmarks.md and docs/benchmarks.json ` +
      `(${Math.round(results.totalSeconds)} s${results.totalSeconds > 600 ? ' — over the 10-minute budget' : ''})`,
  );
  return errors.length > 0 ? 2 : 0;
}

/** `--only tls [--uploads N]`: writes docs/tls-bench.json; docs/tls.md quotes it. */
async function runTlsSection(uploads: number): Promise<number> {
  const started = performance.now();
  const log = (line: string) => process.stderr.write(`[bench ${Math.round((performance.now() - started) / 1000)}s] ${line}\n`);
  const workDir = mkdtempSync(join(tmpdir(), 'ftpkit-bench-tls-'));
  cleanups.push(() => rmSync(workDir, { recursive: true, force: true }));
  const figures = await runTlsUploads({ uploads, workDir, log, onCleanup: (fn) => cleanups.push(fn) });
  const out = {
    date: new Date().toISOString(),
    machine: machineInfo(),
    fileBytes: 2 ** 20,
    bothCoresBusy: true,
    seconds: (performance.now() - started) / 1000,
    figures,
  };
  writeFileSync(join(packageRoot(), 'docs', 'tls-bench.json'), `${JSON.stringify(out, null, 2)}\n`);
  log('wrote docs/tls-bench.json');
  return 0;
}

main().then(
  (code) => {
    cleanup();
    process.exitCode = code;
  },
  (err) => {
    cleanup();
    process.stderr.write(`bench: ${(err as Error).stack ?? err}\n`);
    process.exitCode = 2;
  },
);
