/* Synthesizes a config and plans it with plain terraform, offline: shared by the synth tests. */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { synthesizeStack } from '../../lib/stack/synth';
import { config } from '../constructs/helpers';

const run = promisify(execFile);
export const MIRROR = '/opt/tf-plugins';

/** Password-like or key material that must never appear in synth output or a plan. */
export const SECRET_PATTERNS: ReadonlyArray<[string, RegExp]> = [
  ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----|PRIVATE KEY/],
  ['SHA-512 crypt hash', /\$6\$[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{20,}/],
  ['secret value', /"secret_(string|binary)"/],
  ['password field', /"(password|passwd)"\s*:\s*"[^"]/i],
  ['password assignment', /\bpassword\s*[=:]\s*['"]?[A-Za-z0-9+/]{12,}/i],
  ['AWS access key', /\b(AKIA|ASIA)[A-Z0-9]{16}\b/],
  ['offline dummy secret', /ftp-kit-offline-dummy/],
];

export function findSecrets(text: string): string[] {
  return SECRET_PATTERNS.filter(([, re]) => re.test(text)).map(([name]) => name);
}

export interface Planned {
  readonly stackDir: string;
  readonly synthText: string;
  readonly planText: string;
  readonly plan: Record<string, any>;
}

export async function synthAndPlan(
  root: string,
  label: string,
  input: Parameters<typeof config>[0],
  env: NodeJS.ProcessEnv,
): Promise<Planned> {
  // The local state path is relative to the working folder: keep it inside the temp dir.
  const { stackDir } = synthesizeStack(config(input), path.join(root, label, 'cdktf.out'), { workingDirectory: path.join(root, label) });
  writeFileSync(
    path.join(stackDir, 'offline_override.tf.json'),
    JSON.stringify({
      provider: {
        aws: [
          {
            skip_credentials_validation: true,
            skip_requesting_account_id: true,
            skip_metadata_api_check: 'true',
            skip_region_validation: true,
          },
        ],
      },
    }),
  );
  const tf = (...args: string[]) => run('terraform', args, { cwd: stackDir, env, maxBuffer: 64 * 1024 * 1024 });
  await tf('init', '-input=false', '-no-color');
  await tf('validate', '-no-color');
  await tf('plan', '-input=false', '-no-color', '-lock=false', '-out=plan.bin');
  const { stdout } = await tf('show', '-json', '-no-color', 'plan.bin');
  return { stackDir, synthText: readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'), planText: stdout, plan: JSON.parse(stdout) };
}

export function plannedResources(plan: Record<string, any>): Array<{ type: string; values: Record<string, any> }> {
  return plan.planned_values.root_module.resources;
}

/** A terraform CLI config that installs providers from the mirror only, and an env without real credentials. */
export function offlineEnv(root: string): NodeJS.ProcessEnv {
  const cliConfig = path.join(root, 'terraformrc');
  writeFileSync(
    cliConfig,
    `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(MIRROR)}\n` +
      `    include = ["registry.terraform.io/*/*"]\n  }\n` +
      `  direct {\n    exclude = ["registry.terraform.io/*/*"]\n  }\n}\n`,
  );
  return {
    PATH: process.env.PATH,
    HOME: root,
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
    AWS_ACCESS_KEY_ID: 'AKIAFTPKITOFFLINE000',
    AWS_SECRET_ACCESS_KEY: 'ftp-kit-offline-dummy-secret',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
}
