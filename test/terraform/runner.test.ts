import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { TerraformError, TerraformRunner } from '../../lib/terraform/runner';

// Without TF_CLI_CONFIG_FILE: on this machine it names a missing file and terraform warns on stderr.
const env = { PATH: process.env.PATH, HOME: process.env.HOME };

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('TerraformRunner', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ftp-kit-runner-'));
    writeFileSync(join(dir, 'broken.tf.json'), '{"resource": ');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('GIVEN a captured command WHEN it succeeds THEN stdout is returned, not streamed', async () => {
    const out = collect();
    const runner = new TerraformRunner({ cwd: dir, env, output: out.stream });
    const { stdout } = await runner.run(['version', '-json'], { captureStdout: true });
    expect(JSON.parse(stdout).terraform_version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(out.text()).toBe('');
  });

  test('fails when terraform exits non-zero: TerraformError carries command, exit code and verbatim stderr', async () => {
    const out = collect();
    const runner = new TerraformRunner({ cwd: dir, env, output: out.stream });
    const err = await runner.run(['validate']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TerraformError);
    const tfErr = err as TerraformError;
    expect(tfErr.command).toEqual(['validate', '-no-color']);
    expect(tfErr.exitCode).toBe(1);
    expect(tfErr.stderr).toContain('broken.tf.json');
    expect(tfErr.stderr).not.toMatch(/\x1b\[/);
    // Streamed output is terraform's own text, unchanged.
    expect(out.text()).toContain(tfErr.stderr);
  });

  test('fails when the terraform binary is missing', async () => {
    const runner = new TerraformRunner({ cwd: dir, env, terraformBin: 'ftp-kit-no-such-terraform' });
    await expect(runner.run(['version'])).rejects.toThrow(/ftp-kit-no-such-terraform not found on PATH/);
  });
});
