/* Runs a command under GNU time: wall seconds and peak RSS of one process (see parseGnuTime). */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GNU_TIME_FORMAT, GnuTimeResult, parseGnuTime } from './parse';

export const GNU_TIME = '/usr/bin/time';

export interface TimedProps {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Kill the command after this long. @default 600000 */
  readonly timeoutMs?: number;
  /** Resolve instead of rejecting when the command exits non-zero. @default false */
  readonly allowFailure?: boolean;
}

export interface TimedResult extends GnuTimeResult {
  readonly exitCode: number | null;
  /** The last lines of the command's stdout+stderr, for an error message. */
  readonly outputTail: string;
}

export function timed(command: string, args: readonly string[], props: TimedProps = {}): Promise<TimedResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ftpkit-bench-time-'));
  const file = join(dir, 'time.txt');
  return new Promise<TimedResult>((resolve, reject) => {
    const child = spawn(GNU_TIME, ['-f', GNU_TIME_FORMAT, '-o', file, command, ...args], {
      cwd: props.cwd,
      env: props.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (d: Buffer) => {
      output = (output + d.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), props.timeoutMs ?? 600000);
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        err.code === 'ENOENT'
          ? new Error(`${GNU_TIME} is missing — install the Debian package "time" (scripts/install-system-deps.sh)`)
          : err,
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      try {
        const figures = parseGnuTime(readFileSync(file, 'utf8'));
        const outputTail = output.trim().split('\n').slice(-15).join('\n');
        if (code !== 0 && !props.allowFailure) {
          reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${outputTail}`));
        } else {
          resolve({ ...figures, exitCode: code, outputTail });
        }
      } catch (err) {
        reject(new Error(`${command} ${args.join(' ')} (exit ${code}): ${(err as Error).message}\n${output.slice(-2000)}`));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
