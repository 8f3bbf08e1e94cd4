/* `ftp-kit … | head -1`: a reader that goes away early is no crash, and the exit code stays the verb's verdict. */
import { spawn } from 'node:child_process';
import { CLI } from '../support/cli';

function runWithClosedStdout(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(CLI, [...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH } });
    // Closed before the CLI has started: every write it makes meets a reader that is gone (EPIPE).
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stderr }));
  });
}

describe('GIVEN a reader that closes stdout at once', () => {
  test('WHEN the doctor finds nothing listening THEN it exits 1 (its verdict) with nothing on stderr', async () => {
    const run = await runWithClosedStdout(['doctor', '127.0.0.1', '--port', '1', '--timeout', '2']);
    expect(run).toEqual({ code: 1, stderr: '' });
  });

  test('WHEN --help is asked for THEN it exits 0 with nothing on stderr', async () => {
    expect(await runWithClosedStdout(['--help'])).toEqual({ code: 0, stderr: '' });
  });
});
