import * as path from 'node:path';
import { Testing } from 'cdktf';
import { FtpKitStack } from '../../lib/constructs/stack';
import { config, CUSTOM_INPUT, DEFAULT_INPUT } from './helpers';

function synthStack(input: Parameters<typeof config>[0], workingDirectory?: string): Record<string, any> {
  const app = Testing.app({ enableFutureFlags: false });
  const stack = new FtpKitStack(app, config(input).name, { config: config(input), workingDirectory });
  return JSON.parse(Testing.synth(stack));
}

describe('FtpKitStack', () => {
  describe('GIVEN the custom config with tags', () => {
    let json: Record<string, any>;
    beforeAll(() => {
      json = synthStack(CUSTOM_INPUT);
    });

    test('THEN the AWS provider uses the config region and tags every resource with the config tags and ftp-kit:stack', () => {
      expect(json.provider.aws).toEqual([
        { region: 'eu-central-1', default_tags: [{ tags: { team: 'ops', 'ftp-kit:stack': 'partners' } }] },
      ]);
    });

    test('THEN the provider is pinned to hashicorp/aws 5.100.0', () => {
      expect(json.terraform.required_providers.aws.version).toBe('5.100.0');
    });

    test('THEN the server is under the construct ID Server', () => {
      expect(Object.keys(json.resource.aws_instance)).toEqual([expect.stringMatching(/^Server_Instance_/)]);
    });
  });

  describe('GIVEN the default local state', () => {
    test('THEN the state file is terraform.<name>.tfstate in the working folder, written relative to the stack folder', () => {
      const app = Testing.app();
      const cwd = path.resolve(app.outdir, '..', 'project');
      const stack = new FtpKitStack(app, 'ftp', { config: config(DEFAULT_INPUT), workingDirectory: cwd });
      const json = JSON.parse(Testing.synth(stack));
      const stackDir = path.join(app.outdir, 'stacks', 'ftp');
      expect(path.resolve(stackDir, json.terraform.backend.local.path)).toBe(path.join(cwd, 'terraform.ftp.tfstate'));
      expect(path.isAbsolute(json.terraform.backend.local.path)).toBe(false);
    });
  });

  describe('GIVEN an S3 state', () => {
    test('THEN the S3 backend encrypts, locks natively and defaults key and region', () => {
      const json = synthStack({ ...DEFAULT_INPUT, state: { backend: 's3', bucket: 'acme-tf-state' } });
      expect(json.terraform.backend).toEqual({
        s3: { bucket: 'acme-tf-state', key: 'ftp-kit/ftp.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true },
      });
    });
  });
});
