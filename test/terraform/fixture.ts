import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { planStack } from '../../lib/terraform/plan';

export const MIRROR = '/opt/tf-plugins';

/** The shape cdktf 0.21 synthesizes (checked against a real `app.synth()`), minus the absolute backend path. */
export function cdktfStack(resources: Record<string, unknown> = defaultResources()): Record<string, unknown> {
  return {
    '//': { metadata: { backend: 'local', stackName: 'tiny', version: '0.21.0' }, outputs: {} },
    provider: { aws: [{ region: 'us-east-1' }] },
    resource: resources,
    terraform: {
      backend: { local: { path: 'terraform.tiny.tfstate' } },
      required_providers: { aws: { source: 'aws', version: '5.100.0' } },
    },
  };
}

function defaultResources(): Record<string, unknown> {
  return {
    aws_security_group: {
      sg: {
        '//': { metadata: { path: 'tiny/sg', uniqueId: 'sg' } },
        description: 'ftp-kit test',
        ingress: [
          {
            cidr_blocks: ['192.0.2.0/24'],
            description: null,
            from_port: 21,
            ipv6_cidr_blocks: null,
            prefix_list_ids: null,
            protocol: 'tcp',
            security_groups: null,
            self: null,
            to_port: 21,
          },
        ],
        name: 'ftp-kit-test',
      },
    },
  };
}

/** Writes `stack` as cdk.tf.json into a fresh temp dir and returns the dir. */
export function writeStack(stack: Record<string, unknown>, prefix = 'ftp-kit-tf-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, 'cdk.tf.json'), `${JSON.stringify(stack, null, 2)}\n`);
  return dir;
}

/**
 * Plans a stack dir offline through the mirror with ftp-kit's own planStack, terraform's chatter
 * discarded, the environment stripped to PATH and HOME (no AWS credentials), and returns the plan JSON.
 */
export async function planOffline(stackDir: string, planOut = join(stackDir, 'plan.json')): Promise<Record<string, unknown>> {
  const sink = new PassThrough();
  sink.resume();
  const { plan } = await planStack({
    stackDir,
    planOut,
    offline: true,
    providerMirror: MIRROR,
    log: () => undefined,
    output: sink,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TF_CLI_CONFIG_FILE: '/nonexistent/terraformrc' },
  });
  return plan as Record<string, unknown>;
}
