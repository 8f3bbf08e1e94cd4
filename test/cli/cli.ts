import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';

/** The built CLI (test/global-setup.js builds dist/ once per run). */
export const CLI = path.join(__dirname, '..', '..', 'dist', 'bin', 'ftp-kit.js');

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node dist/bin/ftp-kit.js ...args` in `cwd` with exactly `env` (a machine without AWS
 * credentials unless the caller adds them); resolves with the exit code whatever it is.
 */
export function runCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: cwd }): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env, maxBuffer: 64 * 1024 * 1024, timeout: 300_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 2) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A stream that keeps what is written to it, for commands' progress output. */
export function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c.toString()));
  return { stream, text: () => chunks.join('') };
}
