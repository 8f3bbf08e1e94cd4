/*
 * outputs, destroy and deploy without an AWS account, in a folder where nothing was deployed: ordinary
 * situations, said in one line each (the built CLI, real terraform through the provider mirror).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ftpKit } from '../support/cli';
import { MIRROR } from '../terraform/fixture';

describe('GIVEN a config and nothing deployed', () => {
  let dir: string;
  // No credentials anywhere, and the AWS SDK may not ask the EC2 metadata address for any.
  const cli = (...args: string[]) =>
    ftpKit([...args, '--provider-mirror', MIRROR], dir, { CHECKPOINT_DISABLE: '1', AWS_EC2_METADATA_DISABLED: 'true' });
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-nothing-'));
    writeFileSync(
      path.join(dir, 'ftp-kit.config.json'),
      JSON.stringify({ name: 'empty', allow: ['198.51.100.0/24'], users: [{ name: 'alice' }] }),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('WHEN outputs THEN exit 1 with one line naming the state, no internal error', async () => {
    const run = await cli('outputs');
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'ftp-kit: nothing deployed yet for empty (state: terraform.empty.tfstate)\n' });
  });

  test('WHEN outputs --json THEN exit 1 and an error object on stdout', async () => {
    const run = await cli('outputs', '--json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({ error: 'nothing deployed yet for empty (state: terraform.empty.tfstate)' });
  });

  test('WHEN outputs without any provider set-up THEN still the one line: an absent local state needs no terraform', async () => {
    const run = await ftpKit(['outputs'], dir, { TF_CLI_CONFIG_FILE: '/nonexistent/terraformrc' });
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'ftp-kit: nothing deployed yet for empty (state: terraform.empty.tfstate)\n' });
  });

  test('WHEN destroy --yes THEN "nothing to destroy" only: no terraform chatter, no "No state file was found!"', async () => {
    const run = await cli('destroy', '--yes');
    expect(run).toEqual({
      code: 0,
      stdout: 'nothing to destroy: nothing is deployed for empty (state: terraform.empty.tfstate)\n',
      stderr: '',
    });
  });

  test(
    "WHEN deploy --yes without AWS credentials THEN terraform's credential error once, " +
      'the credential hint, the log named; no registry hint',
    async () => {
      const run = await cli('deploy', '--yes');
      expect(run.code).toBe(1);
      expect(run.stderr.match(/No valid credential sources found/g)).toHaveLength(1);
      expect(run.stderr).toContain(
        'ftp-kit: hint: no usable AWS credentials — set AWS_PROFILE (after `aws sso login --profile NAME` for SSO)',
      );
      expect(run.stderr).toContain('or run with --offline');
      expect(run.stderr).not.toContain('registry is not reachable');
      expect(run.stderr).toMatch(/\nftp-kit: terraform's full output: cdktf\.out\/stacks\/empty\/\.ftp-kit\/terraform\.log\n$/);
    },
  );
});
