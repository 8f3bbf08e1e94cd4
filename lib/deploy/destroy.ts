import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Writable } from 'node:stream';
import { FtpKitConfig } from '../config/schema';
import { synthesizeStack } from '../stack/synth';
import { UsageError } from '../errors';
import { DeployStopped, liveRunner } from './deploy';
import { parseOutputs, StackOutputs } from './outputs';

/** Construct paths (metadata in cdk.tf.json) of what `destroy` keeps unless told otherwise: the users' files. */
export const KEPT_BY_DEFAULT = [/\/DataVolume\/Volume$/];

/** Terraform addresses of the resources whose construct path matches `patterns`, from the synthesized stack. */
export function addressesByConstructPath(stackDir: string, patterns: readonly RegExp[]): string[] {
  const json = JSON.parse(readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as {
    resource?: Record<string, Record<string, { '//'?: { metadata?: { path?: string } } }>>;
  };
  const addresses: string[] = [];
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) {
      const constructPath = body['//']?.metadata?.path ?? '';
      if (patterns.some((p) => p.test(constructPath))) addresses.push(`${type}.${name}`);
    }
  }
  return addresses;
}

export interface DestroyProps {
  readonly config: FtpKitConfig;
  /** A stack folder already synthesized (tests, or a caller that synthesized). @default synthesized from `config` */
  readonly stackDir?: string;
  /** Also delete the data volume (its final snapshot is still taken). @default false */
  readonly deleteData?: boolean;
  readonly yes?: boolean;
  readonly confirm?: (question: string) => Promise<boolean>;
  /** @default cdktf.out */
  readonly outDir?: string;
  /** @default process.cwd() */
  readonly workingDirectory?: string;
  readonly providerMirror?: string;
  readonly tfCliConfig?: string;
  readonly log: (text: string) => void;
  readonly output?: Writable;
  readonly env?: NodeJS.ProcessEnv;
  /** Which construct paths survive without `deleteData`. @default KEPT_BY_DEFAULT */
  readonly keep?: readonly RegExp[];
}

export interface DestroyResult {
  /** Addresses taken out of the state and left standing. */
  readonly kept: readonly string[];
  readonly destroyed: readonly string[];
}

/**
 * Destroys the stack. Without `deleteData` the data volume is first taken out of the state, so it
 * outlives the stack with the users' files (and says so); the rest goes.
 */
export async function destroy(props: DestroyProps): Promise<DestroyResult> {
  const { config, log } = props;
  const nothing = () => {
    log(`nothing to destroy: nothing is deployed for ${config.name} (state: ${stateLocation(config, props.workingDirectory)})`);
    return { kept: [], destroyed: [] };
  };
  if (noLocalState(props)) return nothing();
  const { stackDir, runner } = await initStack(props);
  const inState = await runner.stateList();
  if (inState.length === 0) return nothing();
  let outputs: StackOutputs | undefined;
  try {
    outputs = parseOutputs(await runner.outputJson());
  } catch {
    // A half-made stack may lack outputs; the addresses say enough.
  }
  const keepAddresses = props.deleteData
    ? []
    : addressesByConstructPath(stackDir, props.keep ?? KEPT_BY_DEFAULT).filter((a) => inState.includes(a));
  const going = inState.filter((a) => !keepAddresses.includes(a) && !a.startsWith('data.'));
  log(
    `will destroy ${going.length} resource${going.length === 1 ? '' : 's'} of ${config.name}:\n${going.map((a) => `  - ${a}`).join('\n')}`,
  );
  if (keepAddresses.length > 0) {
    log(
      `will keep the data volume${outputs?.dataVolumeId ? ` ${outputs.dataVolumeId}` : ''} ` +
        `(${keepAddresses.join(', ')}): the users' files stay; pass ` +
        `--delete-data to delete it too`,
    );
  } else if (props.deleteData) {
    log('--delete-data: the data volume goes too (a final snapshot is taken first)');
  }
  if (!props.yes) {
    if (!props.confirm) throw new DeployStopped('destroy needs a confirmation and no terminal can give it — run again with --yes');
    if (!(await props.confirm(`Destroy ${config.name}? [y/N] `))) throw new DeployStopped('destroy cancelled: nothing was changed');
  }
  if (keepAddresses.length > 0) await runner.stateRm(keepAddresses);
  await runner.destroy();
  if (keepAddresses.length > 0) {
    const id = outputs?.dataVolumeId ?? keepAddresses.join(', ');
    log(
      [
        `kept the data volume ${id}: it is no longer managed by ftp-kit and still costs storage.`,
        `  to deploy again with these files: set ` +
          `storage.volumeId: ${outputs?.dataVolumeId ?? '<id>'} and ` +
          `availabilityZone: ${outputs?.availabilityZone ?? '<its zone>'} in the ` +
          `config`,
        `  to delete it: aws ec2 delete-volume --region ${config.region} --volume-id ${outputs?.dataVolumeId ?? '<id>'}`,
      ].join('\n'),
    );
  }
  log(`destroyed ${going.length} resource${going.length === 1 ? '' : 's'}`);
  return { kept: keepAddresses, destroyed: going };
}

type StackProps = Pick<
  DestroyProps,
  'config' | 'stackDir' | 'outDir' | 'workingDirectory' | 'providerMirror' | 'tfCliConfig' | 'output' | 'env'
>;

/** Synthesizes (unless given a stack folder) and runs `terraform init` there: the state is the deployed one. */
async function initStack(props: StackProps) {
  const stackDir =
    props.stackDir ?? synthesizeStack(props.config, props.outDir ?? 'cdktf.out', { workingDirectory: props.workingDirectory }).stackDir;
  const runner = liveRunner(stackDir, props);
  // init's chatter is no news: its errors still come out whole.
  await runner.init({ quiet: true });
  return { stackDir, runner };
}

/** The local state file, as lib/constructs/stack.ts places it. */
function localStateFile(config: FtpKitConfig, workingDirectory?: string): string {
  const local = config.state?.backend === 's3' ? undefined : config.state?.path;
  return path.resolve(workingDirectory ?? process.cwd(), local ?? `terraform.${config.name}.tfstate`);
}

/** Where the stack's state lives, as the user would look for it. */
export function stateLocation(config: FtpKitConfig, workingDirectory?: string): string {
  const state = config.state;
  if (state?.backend === 's3') return `s3://${state.bucket}/${state.key ?? `ftp-kit/${config.name}.tfstate`}`;
  const file = localStateFile(config, workingDirectory);
  const near = path.relative(process.cwd(), file);
  return near && !near.startsWith('..') ? near : file;
}

/** Nothing was deployed yet (an empty state): an ordinary situation, exit 1, one line. */
export class NothingDeployed extends UsageError {
  constructor(name: string, state: string) {
    super(`nothing deployed yet for ${name} (state: ${state})`);
    this.name = 'NothingDeployed';
  }
}

/**
 * True when the config's local state file is missing or holds no resource: nothing was deployed, and
 * terraform need not be set up (nor reach a registry) to say so. S3 state is asked through terraform.
 */
function noLocalState(props: StackProps): boolean {
  if (props.stackDir !== undefined || props.config.state?.backend === 's3') return false;
  const file = localStateFile(props.config, props.workingDirectory);
  if (!existsSync(file)) return true;
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as { resources?: unknown[] };
    return Array.isArray(state.resources) && state.resources.length === 0;
  } catch {
    // Not JSON: terraform will say what is wrong with it.
    return false;
  }
}

/** `terraform output -json` of the deployed stack; NothingDeployed when the state is empty. */
export async function readOutputs(props: StackProps): Promise<StackOutputs> {
  if (noLocalState(props)) throw new NothingDeployed(props.config.name, stateLocation(props.config, props.workingDirectory));
  const { runner } = await initStack(props);
  if ((await runner.stateList()).length === 0) {
    throw new NothingDeployed(props.config.name, stateLocation(props.config, props.workingDirectory));
  }
  return parseOutputs(await runner.outputJson());
}

/** `terraform output -json` of the deployed stack, as terraform gives it (every output, any target). */
export async function readOutputJson(props: StackProps): Promise<unknown> {
  const { runner } = await initStack(props);
  return runner.outputJson();
}
