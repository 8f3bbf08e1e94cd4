import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Writable } from 'node:stream';
import { ModelInputError } from '../model/build';
import { acknowledgementsOf } from '../checks/acknowledge';
import { Acknowledgement } from '../checks/types';
import { colorEnabled, painter } from '../color';
import { DEFAULT_CONFIG_FILES, loadConfig } from '../config/load';
import { formatReview } from '../review/format';
import { reviewExitCode, reviewPlan } from '../review/review';
import { FailOn, ReviewFormat } from '../review/types';
import { packageVersion } from '../package-root';
import { UsageError } from './errors';
import { runPlanCommand } from './plan-command';

export interface ReviewCommandOptions {
  /** A plan JSON (`ftp-kit plan`, or `terraform show -json`) to review instead of planning the config. */
  readonly plan?: string;
  /** Config: synthesized and planned without --plan; with --plan, read for `acknowledge` and `allowPublic` only. */
  readonly config?: string;
  /** @default 'terminal' when stdout is a TTY, else 'md' (a pipe, CI) */
  readonly format?: ReviewFormat;
  /** --no-color. @default false */
  readonly noColor?: boolean;
  /** @default 'high' */
  readonly failOn?: FailOn;
  /** Plan without an AWS account (without --plan). @default false */
  readonly offline?: boolean;
  readonly providerMirror?: string;
  readonly tfCliConfig?: string;
  /** @default process.cwd() */
  readonly cwd?: string;
  /** The review. @default process.stdout */
  readonly stdout?: Writable;
  /** Progress and terraform's output. @default process.stderr */
  readonly stderr?: Writable;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

function readPlan(file: string, cwd: string): unknown {
  const full = path.resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch (err) {
    throw new UsageError(
      `--plan: ${JSON.stringify(file)} — cannot be read ` +
        `(${(err as NodeJS.ErrnoException).code ?? (err as Error).message}) — ` +
        `give the plan JSON that \`ftp-kit plan\` wrote (default ` +
        `cdktf.out/plan.json)`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(
      `--plan: ${JSON.stringify(file)} — is not JSON ` +
        `(${(err as Error).message}) — give \`terraform show -json ` +
        `<planfile>\`'s output, not the binary plan`,
    );
  }
}

const relative = (cwd: string, file: string) => path.relative(cwd, file).split(path.sep).join('/') || file;

/**
 * `ftp-kit review`: reviews a plan JSON, or synthesizes and plans the config first; prints the
 * review and returns the exit code (0, or 1 when a finding reaches failOn). Errors throw.
 */
export async function runReviewCommand(opts: ReviewCommandOptions): Promise<number> {
  const cwd = opts.cwd ?? process.cwd();
  const stdout = opts.stdout ?? process.stdout;
  const failOn = opts.failOn ?? 'high';
  let planJson: unknown;
  let acknowledgements: Acknowledgement[] = [];
  let artifact: string;
  if (opts.plan) {
    const planning = [
      ['--offline', opts.offline],
      ['--provider-mirror', opts.providerMirror],
      ['--tf-cli-config', opts.tfCliConfig],
    ].find(([, v]) => v);
    if (planning)
      throw new UsageError(
        `${planning[0]}: has no effect with --plan, which reviews a plan already made — drop it, or drop --plan to plan the config first`,
      );
    planJson = readPlan(opts.plan, cwd);
    artifact = relative(cwd, path.resolve(cwd, opts.plan));
    // Like every other verb, the config in the folder counts when no --config is given.
    if (opts.config || DEFAULT_CONFIG_FILES.some((name) => existsSync(path.join(cwd, name)))) {
      const { config, file } = loadConfig(opts.config, cwd);
      acknowledgements = acknowledgementsOf(config);
      artifact = relative(cwd, file);
    }
  } else {
    const planned = await runPlanCommand({
      config: opts.config,
      offline: opts.offline,
      providerMirror: opts.providerMirror,
      tfCliConfig: opts.tfCliConfig,
      cwd,
      stderr: opts.stderr,
      env: opts.env,
    });
    planJson = planned.plan;
    acknowledgements = planned.config ? acknowledgementsOf(planned.config) : [];
    artifact = planned.configFile ? relative(cwd, planned.configFile) : relative(cwd, planned.planJsonPath);
  }
  let result;
  try {
    result = reviewPlan(planJson, { acknowledgements });
  } catch (err) {
    if (err instanceof ModelInputError) throw new UsageError(`--plan: ${JSON.stringify(opts.plan)} — ${(err as Error).message}`);
    throw err;
  }
  const acknowledged = result.findings.filter((f) => f.acknowledged).length;
  if (acknowledged > 0) {
    const stderr = opts.stderr ?? process.stderr;
    stderr.write(`ftp-kit review: ${acknowledged} finding${acknowledged === 1 ? '' : 's'} acknowledged by ${artifact}\n`);
  }
  const tty = (stdout as { isTTY?: boolean }).isTTY === true;
  const format = opts.format ?? (tty ? 'terminal' : 'md');
  const paint = painter(colorEnabled(stdout as { isTTY?: boolean }, { noColor: opts.noColor, env: opts.env }));
  stdout.write(formatReview(result, format, { failOn, artifactUri: artifact, toolVersion: packageVersion(), paint }));
  return reviewExitCode(result, failOn);
}
