/* What --help promises, for the flags README names: --config on init and doctor, render's required --out. */
import { spawnSync } from 'node:child_process';
import { CLI } from '../support/cli';

const help = (verb: string) => spawnSync(CLI, [verb, '--help'], { encoding: 'utf8', env: { PATH: process.env.PATH } }).stdout;

describe('GIVEN --help', () => {
  test('WHEN render THEN --out is marked required', () => {
    expect(help('render')).toMatch(/-o, --out <dir> +output folder \(required\)/);
  });

  test.each([
    ['init', /-c, --config <file> +the file to write/],
    ['doctor', /-c, --config <file> +take --port and --expect-passive/],
  ])('WHEN %s THEN it takes --config', (verb, line) => {
    expect(help(verb)).toMatch(line);
  });

  test('WHEN doctor THEN the exit code without --user is explained', () => {
    expect(help('doctor').replace(/\s+/g, ' ')).toContain(
      'ends "not tested: passive mode and data connections need --user"; the exit code is then 0',
    );
  });
});
