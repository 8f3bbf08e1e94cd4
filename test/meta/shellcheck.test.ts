/*
 * Every shell script the kit ships passes shellcheck. The bootstrap script that EC2 runs is rendered
 * first (test/render/user-data.test.ts); these are the ones that are shell as they stand.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SCRIPTS = [
  '.ci/run',
  ...readdirSync(path.join(ROOT, 'scripts'))
    .filter((f) => f.endsWith('.sh'))
    .map((f) => `scripts/${f}`),
];

/** The container image's scripts, each checked as the shell its #! line names (entrypoint and targets are POSIX sh: dash runs them). */
const CONTAINER = readdirSync(path.join(ROOT, 'templates', 'container'))
  .filter((f) => f.endsWith('.sh'))
  .map((f) => `templates/container/${f}`);

describe('shell scripts', () => {
  test.each(SCRIPTS)('THEN %s passes shellcheck', (script) => {
    const result = spawnSync('shellcheck', ['--shell=bash', script], { cwd: ROOT, encoding: 'utf8' });
    expect(result.error).toBeUndefined();
    expect(`${result.stdout}${result.stderr}`).toBe('');
    expect(result.status).toBe(0);
  });

  test.each(CONTAINER)('THEN %s passes shellcheck as the shell of its #! line', (script) => {
    const result = spawnSync('shellcheck', [script], { cwd: ROOT, encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}`).toBe('');
    expect(result.status).toBe(0);
  });
});
