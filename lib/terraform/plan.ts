import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { applyCliConfig, CliConfigResult, resolveCliConfig } from './cli-config';
import { describeProviders } from './providers';
import { OFFLINE_DATA_DIR, syncOfflineOverride, withOfflineCredentials } from './offline';
import { TerraformRunner } from './runner';

export interface TerraformSetup {
  /** Dir holding the synthesized cdk.tf.json. */
  readonly stackDir: string;
  /** Plan without an AWS account (skip flags in an override file, dummy credentials in env). */
  readonly offline: boolean;
  /** @default env FTP_KIT_PROVIDER_MIRROR */
  readonly providerMirror?: string;
  /** @default env FTP_KIT_TF_CLI_CONFIG */
  readonly tfCliConfig?: string;
  /** Terraform's own output, verbatim. @default process.stderr */
  readonly output?: Writable;
  /** Pass -no-color to terraform. @default true unless `output` is a TTY */
  readonly noColor?: boolean;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

export interface PlanStackOptions extends TerraformSetup {
  /** Where the plan JSON (`terraform show -json`) is written. */
  readonly planOut: string;
  /** Step lines ("[1/3] terraform init"). */
  readonly log: (line: string) => void;
}

export interface PlanStackResult {
  readonly planJsonPath: string;
  readonly plan: unknown;
  /** The binary plan, for `terraform apply`. */
  readonly planFile: string;
  /** The runner the plan was made with (same env and CLI config), for apply and output. */
  readonly runner: TerraformRunner;
  /** Which providers the plan used and where they came from, in one line. */
  readonly providers: string;
}

/**
 * A runner for the stack dir: provider installation (mirror or the user's CLI config) and, offline,
 * dummy credentials in the child's env and the skip flags in an override file beside the stack.
 */
export function terraformFor(opts: TerraformSetup): TerraformRunner {
  return terraformSetup(opts).runner;
}

/** terraformFor, and how terraform finds its providers (for the report of where they came from). */
export function terraformSetup(opts: TerraformSetup): { runner: TerraformRunner; cliConfig: CliConfigResult } {
  const stackDir = resolve(opts.stackDir);
  const baseEnv = opts.env ?? process.env;
  const cliConfig = resolveCliConfig({
    stackDir,
    providerMirror: opts.providerMirror,
    tfCliConfig: opts.tfCliConfig,
    offline: opts.offline,
    env: baseEnv,
  });
  let env = applyCliConfig(baseEnv, cliConfig);
  if (opts.offline) env = { ...withOfflineCredentials(env), TF_DATA_DIR: join(stackDir, OFFLINE_DATA_DIR) };
  syncOfflineOverride(stackDir, opts.offline);
  const runner = new TerraformRunner({
    cwd: stackDir,
    env,
    output: opts.output ?? process.stderr,
    noColor: opts.noColor,
    pluginCacheDir: cliConfig.pluginCacheDir,
  });
  return { runner, cliConfig };
}

/** init → plan → show -json, in the stack dir; the binary plan stays at `<stackDir>/.ftp-kit/plan.tfplan`. */
export async function planStack(opts: PlanStackOptions): Promise<PlanStackResult> {
  const stackDir = resolve(opts.stackDir);
  const { runner, cliConfig } = terraformSetup(opts);
  const workDir = join(stackDir, '.ftp-kit');
  mkdirSync(workDir, { recursive: true });
  const planFile = join(workDir, 'plan.tfplan');

  opts.log('[1/3] terraform init');
  await runner.init();
  opts.log(`[2/3] terraform plan${opts.offline ? ' (offline)' : ''}`);
  await runner.plan(planFile);
  opts.log('[3/3] terraform show -json');
  const plan = await runner.showJson(planFile);

  const planJsonPath = resolve(opts.planOut);
  mkdirSync(dirname(planJsonPath), { recursive: true });
  writeFileSync(planJsonPath, `${JSON.stringify(plan, null, 2)}\n`);
  return { planJsonPath, plan, planFile, runner, providers: describeProviders(stackDir, cliConfig) };
}
