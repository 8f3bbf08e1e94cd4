import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const APP = path.resolve(__dirname, '../../dist/bin/app.js');

async function app(cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run(process.execPath, [APP], { cwd, env: { PATH: process.env.PATH, ...env } });
    return { code: 0, stderr };
  } catch (err) {
    const e = err as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

describe('bin/app.js (cdktf.json app)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-app-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('GIVEN ./ftp-kit.config.json and CDKTF_OUTDIR THEN it synthesizes the stack there', async () => {
    const cwd = path.join(dir, 'default');
    mkdirSync(cwd);
    writeFileSync(
      path.join(cwd, 'ftp-kit.config.json'),
      JSON.stringify({ name: 'drop', allow: ['198.51.100.0/24'], users: [{ name: 'alice' }] }),
    );
    const result = await app(cwd, { CDKTF_OUTDIR: path.join(cwd, 'out') });
    expect(result).toEqual({ code: 0, stderr: '' });
    const json = JSON.parse(readFileSync(path.join(cwd, 'out', 'stacks', 'drop', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(json.output)).toContain('endpoint');
  });

  test('GIVEN FTP_KIT_CONFIG THEN that file is used instead', async () => {
    const cwd = path.join(dir, 'env');
    mkdirSync(cwd);
    const file = path.join(cwd, 'other.yaml');
    writeFileSync(file, 'name: other\nallow: ["203.0.113.0/24"]\nusers: [{ name: bob }]\n');
    const result = await app(cwd, { FTP_KIT_CONFIG: file, CDKTF_OUTDIR: path.join(cwd, 'out') });
    expect(result.code).toBe(0);
    expect(existsSync(path.join(cwd, 'out', 'stacks', 'other', 'cdk.tf.json'))).toBe(true);
  });

  test('fails when the config is invalid: exit 1, the field named, nothing written', async () => {
    const cwd = path.join(dir, 'bad');
    mkdirSync(cwd);
    writeFileSync(path.join(cwd, 'ftp-kit.config.json'), JSON.stringify({ allow: ['0.0.0.0/0'], users: [{ name: 'alice' }] }));
    const result = await app(cwd, { CDKTF_OUTDIR: path.join(cwd, 'out') });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/allow\[0\]: "0\.0\.0\.0\/0"/);
    expect(existsSync(path.join(cwd, 'out'))).toBe(false);
  });
});
