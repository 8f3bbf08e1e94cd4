/*
 * What the kit costs: cold synth (a fresh node process each run), terraform plan of the same output,
 * the unit-test layer and the whole `npm test`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { FtpKitConfigInput } from '../lib/config/schema';
import { terraformFor } from '../lib/terraform/plan';
import { round, summarize, Summary } from './stats';
import { timed, TimedResult } from './timed';

/** The smallest config a user writes: every default. */
export const DEFAULT_CONFIG: FtpKitConfigInput = {
  allow: ['198.51.100.0/24'],
  users: [{ name: 'partner1', write: true }],
};

/** The largest shape the schema's limits make likely: 5 users, 1000 passive ports, IPv4 and IPv6 sources. */
export const LARGE_CONFIG: FtpKitConfigInput = {
  name: 'ftp-large',
  allow: [
    { cidr: '198.51.100.0/24', description: 'partner one' },
    { cidr: '203.0.113.0/24', description: 'partner two' },
    '192.0.2.10/32',
    { cidr: '2001:db8::/32', description: 'partner three (IPv6)' },
    '2001:db8:1234::/48',
  ],
  users: [
    { name: 'partner1', write: true },
    { name: 'partner2', write: true },
    { name: 'partner3' },
    { name: 'partner4' },
    { name: 'auditor' },
  ],
  passivePorts: { from: 40000, to: 40999 },
  // 1000 passive ports carry 333 sessions at 3 ports each: the most the config accepts.
  limits: { maxClients: 333, maxPerIp: 200 },
};

export interface Figure {
  readonly wallSeconds: Summary;
  readonly maxRssMiB: Summary;
  /** User + system CPU seconds. @default absent in figures of runs before it was measured */
  readonly cpuSeconds?: Summary;
}

export interface SynthPlanFigures {
  readonly config: string;
  /** `ftp-kit synth` as users run it: package.json's `bin` (dist/bin/ftp-kit.js), a plain node process. */
  readonly synth: Figure;
  /** `terraform init` through the mirror, once (not part of the plan figure). */
  readonly initSeconds: number;
  readonly plan: Figure;
  /** median synth ÷ median plan. */
  readonly synthShareOfPlan: number;
}

/** What a cold `ftp-kit synth` of the default config may cost: median wall time, and its share of the plan. */
export const SYNTH_TARGET = { seconds: 0.45, shareOfPlan: 0.12 } as const;

export function meetsSynthTarget(sp: SynthPlanFigures): boolean {
  return sp.synth.wallSeconds.median <= SYNTH_TARGET.seconds && sp.synthShareOfPlan <= SYNTH_TARGET.shareOfPlan;
}

export interface KitFigures {
  readonly synthPlan: SynthPlanFigures[];
  readonly unitTests: Figure & { readonly command: string };
  /** Absent when the run skipped it (--quick). */
  readonly npmTest?: Figure & { readonly command: string; readonly exitCode: number | null; readonly note: string };
}

export interface KitProps {
  readonly root: string;
  readonly workDir: string;
  readonly runs: number;
  /** The whole `npm test`: run once, repeated up to `maxRuns` when that fits `budgetSeconds`. @default skipped */
  readonly npmTest?: { readonly maxRuns: number; readonly budgetSeconds: number };
  readonly log: (line: string) => void;
}

function figure(results: readonly TimedResult[]): Figure {
  return {
    wallSeconds: summarize(results.map((r) => r.wallSeconds)),
    maxRssMiB: summarize(results.map((r) => r.maxRssKiB / 1024)),
    cpuSeconds: summarize(results.map((r) => r.cpuSeconds)),
  };
}

async function repeat(runs: number, fn: (i: number) => Promise<TimedResult>): Promise<TimedResult[]> {
  const out: TimedResult[] = [];
  for (let i = 0; i < runs; i++) out.push(await fn(i));
  return out;
}

async function synthAndPlan(props: KitProps, label: string, config: FtpKitConfigInput): Promise<SynthPlanFigures> {
  const dir = join(props.workDir, label);
  mkdirSync(dir, { recursive: true });
  const configFile = join(dir, 'ftp-kit.config.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  // The `ftp-kit` command as users start it (package.json's `bin`), in this process's environment.
  const cli = join(props.root, 'dist', 'bin', 'ftp-kit.js');
  props.log(`synth ${label} ×${props.runs}`);
  const synth = await repeat(props.runs, (i) =>
    timed(cli, ['synth', '--config', configFile, '--out', join(dir, `out-${i}`)], { cwd: dir }),
  );

  // Plan the last synth's output, offline through the provider mirror, as `ftp-kit plan --offline` does.
  const stackDir = join(dir, `out-${props.runs - 1}`, 'stacks', String(config.name ?? 'ftp'));
  // The same runner set-up as `ftp-kit plan --offline` (mirror, dummy credentials, override, data dir).
  const quiet = new PassThrough();
  quiet.resume();
  const runner = terraformFor({ stackDir, offline: true, output: quiet });
  const env = runner.environment;
  props.log(`terraform init ${label} (offline, through the provider mirror)`);
  const initStarted = performance.now();
  await runner.init();
  const initSeconds = (performance.now() - initStarted) / 1000;
  props.log(`terraform plan ${label} ×${props.runs}`);
  const plan = await repeat(props.runs, () =>
    timed('terraform', ['plan', '-input=false', '-no-color', '-lock=false', '-out=bench.tfplan'], { cwd: stackDir, env }),
  );
  const synthFigure = figure(synth);
  const planFigure = figure(plan);
  return {
    config: label,
    synth: synthFigure,
    initSeconds,
    plan: planFigure,
    synthShareOfPlan: synthFigure.wallSeconds.median / planFigure.wallSeconds.median,
  };
}

/** The no-server tests: config, render, constructs, checks. */
export const UNIT_TEST_PATHS = ['test/config', 'test/render', 'test/model', 'test/constructs', 'test/checks'];
/**
 * Tests under those paths that run terraform: integration, not unit. The synth-vs-plan model comparison, the
 * escaping proven by an offline plan, and the operations stacks planned through the compiled CLI (which also needs dist/).
 */
export const UNIT_TEST_EXCLUDED = [
  'test/model/build.test.ts',
  'test/constructs/terraform-strings-plan.test.ts',
  'test/constructs/operations-plan.test.ts',
];

export async function runKit(props: KitProps): Promise<KitFigures> {
  const synthPlan = [await synthAndPlan(props, 'default', DEFAULT_CONFIG), await synthAndPlan(props, 'large', LARGE_CONFIG)];
  const jest = join(props.root, 'node_modules', 'jest', 'bin', 'jest.js');
  props.log(`unit-test layer ×${props.runs}`);
  // No build of dist/ either (the global setup's): unit tests import lib/ directly. The ignore option
  // goes last: jest's array options swallow the positional paths that follow them.
  const unit = await repeat(props.runs, () =>
    timed(process.execPath, [jest, '--silent', ...UNIT_TEST_PATHS, ...UNIT_TEST_EXCLUDED.map((f) => `--testPathIgnorePatterns=${f}`)], {
      cwd: props.root,
      env: { ...process.env, FTP_KIT_SKIP_BUILD: '1' },
    }),
  );
  let npmTest: KitFigures['npmTest'];
  if (props.npmTest) {
    const { maxRuns, budgetSeconds } = props.npmTest;
    const run = () => timed('npm', ['test', '--silent'], { cwd: props.root, allowFailure: true, timeoutMs: 900000 });
    props.log('npm test, run 1');
    const runs = [await run()];
    // Repeat only when all runs fit the budget and the first one passed: a failing suite stops early and
    // its time says nothing about the suite.
    const fits = runs[0].wallSeconds * maxRuns <= budgetSeconds;
    if (fits && runs[0].exitCode === 0) {
      for (let i = 1; i < maxRuns; i++) {
        props.log(`npm test, run ${i + 1}`);
        runs.push(await run());
      }
    }
    const f = figure(runs);
    const failed = runs.find((r) => r.exitCode !== 0);
    const note = [
      failed
        ? `n=${runs.length}: it exited ${failed.exitCode}, so its time is not the suite's ` +
          `(fix the suite and run the bench again); its last lines: ${failed.outputTail
            .split('\n')
            .slice(-3)
            .map((l) => l.trim())
            .join(' / ')}`
        : '',
      !failed && !fits
        ? `n=1: one run takes ${round(f.wallSeconds.median)} s, so ${maxRuns} ` +
          `runs (~${Math.round((f.wallSeconds.median * maxRuns) / 60)} min) ` +
          `would not fit the ${budgetSeconds} s this bench leaves for it within ` +
          `its 10-minute budget.`
        : '',
    ]
      .filter(Boolean)
      .join(' ');
    npmTest = { ...f, command: 'npm test', exitCode: failed?.exitCode ?? 0, note };
  }
  return {
    synthPlan,
    unitTests: {
      ...figure(unit),
      command: `jest ${UNIT_TEST_PATHS.join(' ')} (without ${UNIT_TEST_EXCLUDED.join(', ')}: they run terraform)`,
    },
    npmTest,
  };
}
