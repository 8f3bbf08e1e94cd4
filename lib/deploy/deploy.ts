import type { Writable } from 'node:stream';
import { FtpKitConfig } from '../config/schema';
import { estimateMonthlyCost, formatCost } from '../cost/estimate';
import { UsageError } from '../errors';
import { planStack, terraformFor } from '../terraform/plan';
import { withTerraformLog } from '../terraform/log';
import { synthesizeStack } from '../stack/synth';
import { DoctorReport, runDoctor } from '../doctor/doctor';
import { CheckPrinter } from '../doctor/report';
import { waitForGreeting } from '../ftp/greeting';
import { TerraformRunner } from '../terraform/runner';
import { consoleOutputCommand, formatOutputs, parseOutputs, StackOutputs } from './outputs';

/** What the review step tells deploy: text for the summary, and the findings that stop it. */
export interface ReviewVerdict {
  /** Changes by action and the exposure table, as text for a terminal. */
  readonly summary: string;
  /** Unacknowledged findings at or above the gate's level: any of them stops the deploy. */
  readonly blocking: ReadonlyArray<{ readonly id: string; readonly resource: string; readonly message: string; readonly fix: string }>;
}

/** Reviews a plan (`terraform show -json`) against the config's acknowledgements. */
export type Reviewer = (plan: unknown, config: FtpKitConfig) => ReviewVerdict;

/** A deploy stopped on purpose (a finding, no confirmation, a server that never answered): exit 1. */
export class DeployStopped extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'DeployStopped';
  }
}

export interface DeployProps {
  readonly config: FtpKitConfig;
  readonly reviewer: Reviewer;
  /**
   * A stack folder already synthesized (holding cdk.tf.json) to deploy instead of synthesizing `config`.
   * @default synthesized from `config`
   */
  readonly stackDir?: string;
  /** cdktf output folder. @default cdktf.out */
  readonly outDir?: string;
  /** Folder the local state lives in. @default process.cwd() */
  readonly workingDirectory?: string;
  /** Plan without an AWS account, and stop before apply. @default false */
  readonly offline?: boolean;
  /** Skip the confirmation. @default false */
  readonly yes?: boolean;
  /** Asks the user; undefined when no terminal can answer. @default none: only --yes proceeds */
  readonly confirm?: (question: string) => Promise<boolean>;
  readonly providerMirror?: string;
  readonly tfCliConfig?: string;
  /** Bound of the wait for the server's banner after apply. @default 900 */
  readonly readyTimeoutSeconds?: number;
  /** Step lines and summaries. */
  readonly log: (text: string) => void;
  /** Terraform's own output, streamed. @default process.stderr */
  readonly output?: Writable;
  /** Progress of the readiness wait (a TTY rewrites one line). @default a line every 30 s through `log` */
  readonly progress?: (elapsedSeconds: number, reason: string) => void;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

export interface DeployResult {
  /** False when it stopped before apply (offline). */
  readonly applied: boolean;
  readonly outputs?: StackOutputs;
  readonly doctor?: DoctorReport;
}

const STEPS = 7;

/**
 * synth → init → plan → review gate → summary → confirmation → apply → readiness → doctor → endpoint,
 * fingerprint and password commands. Nothing is applied after a blocking finding or without a yes.
 */
export async function deploy(props: DeployProps): Promise<DeployResult> {
  const { config, log } = props;
  const step = (n: number, text: string) => log(`[${n}/${STEPS}] ${text}`);
  step(1, props.stackDir ? `stack ${props.stackDir} (already synthesized)` : `synth ${config.name}`);
  const stackDir =
    props.stackDir ?? synthesizeStack(config, props.outDir ?? 'cdktf.out', { workingDirectory: props.workingDirectory }).stackDir;
  step(2, `terraform init + plan${props.offline ? ' (offline: no AWS account is used)' : ''}`);
  // Terraform's chatter goes to a log (props.output sees it too): its error is printed once, with a hint.
  const planned = await withTerraformLog({ stackDir, show: props.output }, (output) =>
    planStack({
      stackDir,
      planOut: `${stackDir}/.ftp-kit/plan.json`,
      offline: props.offline ?? false,
      providerMirror: props.providerMirror,
      tfCliConfig: props.tfCliConfig,
      log: (line) => log(`      ${line}`),
      output,
      env: props.env,
    }),
  );
  if (props.offline) log(`      ${planned.providers}`);
  step(3, 'review');
  const verdict = props.reviewer(planned.plan, config);
  log(verdict.summary);
  if (verdict.blocking.length > 0) {
    throw new DeployStopped(
      [
        `deploy stopped: ${verdict.blocking.length} ` +
          `finding${verdict.blocking.length === 1 ? '' : 's'} must be fixed ` +
          `first (nothing was applied):`,
        ...verdict.blocking.map((f) => `  ${f.id} on ${f.resource}: ${f.message} — ${f.fix}`),
        'To accept one on purpose, add { "rule": "<id>", "reason": "<why>" } to acknowledge in the config.',
      ].join('\n'),
    );
  }
  log(`monthly cost estimate:\n${formatCost(estimateMonthlyCost(config))}`);
  if (props.offline) {
    log('offline: stopping before apply (the plan above is what a deploy with AWS credentials would do)');
    return { applied: false };
  }
  step(4, 'confirm');
  if (!props.yes) {
    if (!props.confirm)
      throw new DeployStopped('deploy needs a confirmation and no terminal can give it — review the plan above, then run again with --yes');
    if (!(await props.confirm(`Apply this plan to ${config.region}? [y/N] `)))
      throw new DeployStopped('deploy cancelled: nothing was applied');
  }
  // A runner like the plan's, streaming to props.output: the plan's wrote to a log that is closed now.
  const runner = liveRunner(stackDir, props);
  const applied = await applyAndVerify({ ...props, runner, planFile: planned.planFile, firstStep: 5 });
  return { applied: true, ...applied };
}

export interface ApplyAndVerifyProps extends Pick<DeployProps, 'config' | 'log' | 'readyTimeoutSeconds' | 'progress'> {
  /** The runner the plan was made with. */
  readonly runner: TerraformRunner;
  readonly planFile: string;
  /** Number of the first step line (deploy's 5 of 7). @default 5 */
  readonly firstStep?: number;
}

/** apply → outputs → wait for the banner → doctor → what to tell partners. */
export async function applyAndVerify(props: ApplyAndVerifyProps): Promise<{ outputs: StackOutputs; doctor: DoctorReport }> {
  const { config, log, runner } = props;
  const first = props.firstStep ?? 5;
  const step = (n: number, text: string) => log(`[${first + n}/${STEPS}] ${text}`);
  step(0, 'terraform apply');
  await runner.apply(props.planFile);
  const outputs = parseOutputs(await runner.outputJson());
  const timeoutSeconds = props.readyTimeoutSeconds ?? 900;
  step(
    1,
    `waiting for ${outputs.publicIp}:${config.controlPort} to greet ` +
      `(first boot installs packages; at most ${Math.round(timeoutSeconds / 60)} min)`,
  );
  let lastLine = 0;
  const progress =
    props.progress ??
    ((elapsed: number, reason: string) => {
      if (elapsed - lastLine >= 30) {
        lastLine = elapsed;
        log(`      still waiting after ${elapsed} s (${reason})`);
      }
    });
  try {
    await waitForGreeting(outputs.publicIp, config.controlPort, {
      timeoutMs: timeoutSeconds * 1000,
      intervalMs: 5000,
      onWait: (elapsedMs, reason) => progress(Math.round(elapsedMs / 1000), reason),
    });
  } catch (err) {
    const console = outputs.instanceId ? `: see its boot log with\n  ${consoleOutputCommand(outputs.instanceId, config.region)}` : '';
    throw new DeployStopped(
      `the server was created but did not answer on ${outputs.publicIp}:${config.controlPort} ` +
        `within ${timeoutSeconds} s (${(err as Error).message})${console}`,
    );
  }
  step(2, `doctor ${outputs.publicIp}`);
  const printer = new CheckPrinter((text) => log(`      ${text.trimEnd().replace(/\n/g, '\n      ')}`));
  const doctor = await runDoctor({
    host: outputs.publicIp,
    port: config.controlPort,
    expectPassive: config.passivePorts,
    insecure: true,
    onCheck: (c) => printer.push(c),
  });
  printer.flush();
  log(
    formatOutputs(outputs, config.region, {
      certificateFingerprint: doctor.certificateFingerprint,
      controlPort: config.controlPort,
      passive: config.passivePorts,
    }),
  );
  if (!doctor.ok) throw new DeployStopped('the server is deployed, but the doctor found a problem (see FAIL above)');
  return { outputs, doctor };
}

/** What a runner against the real account needs from the verb's props. */
export interface LiveRunnerProps {
  readonly providerMirror?: string;
  readonly tfCliConfig?: string;
  readonly output?: Writable;
  readonly env?: NodeJS.ProcessEnv;
}

/** terraform in `stackDir` against the deployed state (never offline), streaming to `props.output`: deploy's apply, destroy's init. */
export function liveRunner(stackDir: string, props: LiveRunnerProps): TerraformRunner {
  const { providerMirror, tfCliConfig, output, env } = props;
  return terraformFor({ stackDir, offline: false, providerMirror, tfCliConfig, output, env });
}
