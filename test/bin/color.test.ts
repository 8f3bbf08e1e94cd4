/*
 * Colour only on a terminal: the doctor's status words on a real pseudo-terminal (script), never in a pipe
 * or with NO_COLOR / --no-color.
 */
import { spawnSync } from 'node:child_process';
import { CLI } from '../support/cli';

// Nothing listens on port 1: the doctor prints a PASS and a FAIL at once.
const DOCTOR = `${CLI} doctor 127.0.0.1 --port 1 --timeout 2`;

function onTerminal(command: string, env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {
    encoding: 'utf8',
    timeout: 30000,
    env: { PATH: process.env.PATH, TERM: 'xterm', ...env },
  });
  return result.stdout;
}

describe('GIVEN the doctor finding nothing listening', () => {
  test('WHEN on a terminal THEN PASS is green and FAIL red', () => {
    const out = onTerminal(DOCTOR);
    expect(out).toContain('\u001b[32mPASS\u001b[39m  dns');
    expect(out).toContain('\u001b[31mFAIL\u001b[39m  tcp');
  });

  test.each([
    ['NO_COLOR=1', DOCTOR, { NO_COLOR: '1' }],
    ['--no-color', `${DOCTOR} --no-color`, {}],
  ])('WHEN on a terminal with %s THEN no colour', (_what, command, env) => {
    const out = onTerminal(command, env);
    expect(out).toContain('FAIL  tcp');
    expect(out).not.toContain('\u001b[');
  });

  test('WHEN piped THEN no colour', () => {
    const result = spawnSync(CLI, ['doctor', '127.0.0.1', '--port', '1', '--timeout', '2'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('FAIL  tcp');
    expect(result.stdout).not.toContain('\u001b[');
  });
});
