import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Writable } from 'node:stream';
import { colorEnabled } from '../color';
import { formatReported } from '../checks/policy-error';
import { Finding } from '../checks/types';
import { loadConfig } from '../config/load';
import { FtpKitConfig } from '../config/schema';
import { UsageError } from './errors';
import { planStack } from '../terraform/plan';
import { isInteractive, stepReporter } from './steps';
import { synthesizeStack } from '../stack/synth';
import { terraformLogFile, withTerraformLog } from '../terraform/log';

/** Where `ftp-kit plan` writes the plan JSON unless --out says otherwise. */
export const DEFAULT_PLAN_OUT = path.join('cdktf.out', 'plan.json');
/** Where it synthesizes the stack (as `ftp-kit synth` does by default). */
export const DEFAULT_SYNTH_OUT = 'cdktf.out';

export interface PlanCommandOptions {
  /** Config file. @default ./ftp-kit.config.{json,yaml,yml} */
  readonly config?: string;
  /** Plan an already synthesized stack folder (holding cdk.tf.json) instead of synthesizing the config. */
  readonly stack?: string;
  /** Plan JSON file. @default DEFAULT_PLAN_OUT */
  readonly out?: string;
  /** Plan without an AWS account. @default false */
  readonly offline?: boolean;
  /** @default env FTP_KIT_PROVIDER_MIRROR */
  readonly providerMirror?: string;
  /** @default env FTP_KIT_TF_CLI_CONFIG */
  readonly tfCliConfig?: string;
  /** @default process.cwd() */
  readonly cwd?: string;
  /** Progress and terraform's own output. @default process.stderr */
  readonly stderr?: Writable;
  /** Live step list instead of plain lines and terraform's streamed output. @default stderr is a TTY and CI is unset */
  readonly tty?: boolean;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Stream terraform's full output to stderr too (it always goes to the log file). @default false */
  readonly verbose?: boolean;
  /** --no-color: terraform gets -no-color even on a terminal. @default false */
  readonly noColor?: boolean;
}

export interface PlanCommandResult {
  readonly planJsonPath: string;
  readonly plan: unknown;
  readonly stackDir: string;
  /** The config, when one was synthesized. */
  readonly config?: FtpKitConfig;
  /** The config file, when one was synthesized. */
  readonly configFile?: string;
  /** What the rules found at synth (reported, not enforced: the review of the plan is the gate). */
  readonly synthFindings: readonly Finding[];
  /** Terraform's full output of this run. */
  readonly logFile: string;
}

/**
 * synth → terraform init → plan → show -json, into `out`. On a terminal a step list, elsewhere (CI,
 * pipes) plain step lines. Terraform's full output goes to a log file (`<stack>/.ftp-kit/terraform.log`),
 * and to stderr as well with `verbose`; a failure prints terraform's error once and names the log.
 */
export async function runPlanCommand(opts: PlanCommandOptions): Promise<PlanCommandResult> {
  const cwd = opts.cwd ?? process.cwd();
  const stderr = opts.stderr ?? process.stderr;
  const tty = opts.tty ?? isInteractive(stderr, opts.env);
  const out = path.resolve(cwd, opts.out ?? DEFAULT_PLAN_OUT);
  const steps = stepReporter({ stream: stderr, total: opts.stack ? 3 : 4, tty });

  let stackDir: string;
  let loaded: { config: FtpKitConfig; file: string } | undefined;
  let synthFindings: readonly Finding[] = [];
  if (opts.stack) {
    if (opts.config) throw new UsageError('--stack: plans an already synthesized stack, so --config would be ignored — drop one of them');
    stackDir = path.resolve(cwd, opts.stack);
    if (!existsSync(path.join(stackDir, 'cdk.tf.json'))) {
      throw new UsageError(
        `--stack: ${JSON.stringify(opts.stack)} — has no cdk.tf.json — give a synthesized stack folder, e.g. cdktf.out/stacks/<name>`,
      );
    }
  } else {
    loaded = loadConfig(opts.config, cwd);
    steps.start('synth');
    try {
      const result = synthesizeStack(loaded.config, path.join(cwd, DEFAULT_SYNTH_OUT), { workingDirectory: cwd, enforcePolicy: false });
      stackDir = result.stackDir;
      synthFindings = result.findings;
      steps.done();
    } catch (err) {
      steps.fail();
      throw err;
    }
  }
  // Terraform's chatter (835 lines, advice about lock files in a throwaway folder) would bury the
  // summary: it goes to a log; its errors still come out whole.
  const colored = opts.verbose === true && colorEnabled(stderr as { isTTY?: boolean }, { noColor: opts.noColor, env: opts.env });
  try {
    const show = opts.verbose ? stderr : undefined;
    const { planJsonPath, plan, providers } = await withTerraformLog({ stackDir, show, cwd }, (output) =>
      planStack({
        stackDir,
        planOut: out,
        offline: opts.offline ?? false,
        providerMirror: opts.providerMirror,
        tfCliConfig: opts.tfCliConfig,
        log: (line) => steps.start(line.replace(/^\[\d+\/\d+\] /, '')),
        output,
        noColor: !colored,
        env: opts.env,
      }),
    );
    steps.done();
    // Offline, say where the providers came from: it may be a mirror found on this machine.
    if (opts.offline) stderr.write(`${providers}\n`);
    if (synthFindings.length > 0) stderr.write(formatReported(synthFindings));
    const logFile = terraformLogFile(stackDir);
    return { planJsonPath, plan, stackDir, config: loaded?.config, configFile: loaded?.file, synthFindings, logFile };
  } catch (err) {
    steps.fail();
    throw err;
  }
}
