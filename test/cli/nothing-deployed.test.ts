/*
 * outputs and destroy in a folder where nothing was deployed: an ordinary situation, said in one line
 * (the built CLI, real terraform through the provider mirror, no AWS account).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ftpKit } from '../support/cli';
import { MIRROR } from '../terraform/fixture';

describe('GIVEN a config and nothing deployed', () => {
  let dir: string;
  const cli = (...args: string[]) => ftpKit([...args, '--provider-mirror', MIRROR], dir, { CHECKPOINT_DISABLE: '1' });
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-nothing-'));
    writeFileSync(path.join(dir, 'ftp-kit.config.json'), JSON.stringify({ name: 'empty', allow: ['198.51.100.0/24'], users: [{ name: 'alice' }] }));
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

  test('WHEN destroy --yes THEN "nothing to destroy" only: no terraform chatter, no "No state file was found!"', async () => {
    const run = await cli('destroy', '--yes');
    expect(run).toEqual({ code: 0, stdout: 'nothing to destroy: nothing is deployed for empty (state: terraform.empty.tfstate)\n', stderr: '' });
  });
});
