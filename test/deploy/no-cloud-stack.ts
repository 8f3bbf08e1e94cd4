import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * A stack that needs no cloud and no provider: terraform_data resources at the construct paths of the
 * real stack (so address-by-path logic is exercised) and the real stack's output names, pointing at
 * `host:port` (a preview server, when a test needs one).
 */
export function writeNoCloudStack(props: { host: string; port: number; users?: readonly string[] }): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-nocloud-'));
  const resource = (constructPath: string, input: string) => ({
    '//': { metadata: { path: `nocloud/Server/${constructPath}`, uniqueId: constructPath } },
    input,
  });
  const users = props.users ?? ['alice'];
  const stack = {
    terraform: { backend: { local: { path: 'terraform.tfstate' } } },
    resource: {
      terraform_data: {
        ServerDataVolume: resource('DataVolume/Volume', 'vol-0123456789abcdef0'),
        ServerInstance: resource('Instance/Resource', 'i-0123456789abcdef0'),
        ServerElasticIp: resource('ElasticIp/Resource', props.host),
      },
    },
    output: {
      public_ip: { value: '${terraform_data.ServerElasticIp.output}' },
      endpoint: { value: `ftp://\${terraform_data.ServerElasticIp.output}:${props.port}` },
      instance_id: { value: '${terraform_data.ServerInstance.output}' },
      data_volume_id: { value: '${terraform_data.ServerDataVolume.output}' },
      availability_zone: { value: 'us-east-1a' },
      user_secret_arns: {
        value: Object.fromEntries(
          users.map((u) => [u, `arn:aws:secretsmanager:us-east-1:123456789012:secret:ftp-kit/nocloud/${u}-AbCdEf`]),
        ),
      },
    },
  };
  writeFileSync(path.join(dir, 'cdk.tf.json'), `${JSON.stringify(stack, null, 2)}\n`);
  return dir;
}
