import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The `ftp-kit` command users run: package.json's `bin`, the built CLI (test/global-setup.js builds dist/
 * once per jest run). An executable (its shebang starts node).
 */
export const CLI = path.resolve(__dirname, '../../dist/bin/ftp-kit.js');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

let home: string | undefined;

/** A HOME of the test process's own (terraform and the CLI may write under ~): never the user's, never the cwd under test. */
function testHome(): string {
  if (!home) {
    const dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-test-home-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    home = dir;
  }
  return home;
}

/** Runs `ftp-kit <args>` as users do, in `cwd`, with a minimal environment plus `env`. Never throws on exit ≠ 0. */
export async function ftpKit(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(CLI, [...args], {
      cwd,
      env: { PATH: process.env.PATH, HOME: testHome(), ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number | string; stdout: string; stderr: string };
    if (typeof e.code !== 'number') throw err;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
