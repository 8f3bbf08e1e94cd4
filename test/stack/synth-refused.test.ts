import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PolicyError } from '../../lib/checks/policy-error';
import { synthesizeStack } from '../../lib/stack/synth';
import { config, DEFAULT_INPUT } from '../constructs/helpers';

describe('synthesizeStack refused by a policy rule', () => {
  // A config the validator would refuse, built past it: the policy rules are the last wall.
  const open = { ...config(DEFAULT_INPUT), allow: [{ cidr: '0.0.0.0/0' }] };
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-synth-refused-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('fails with PolicyError and leaves no out folder behind when it did not exist', () => {
    expect(() => synthesizeStack(open, path.join(dir, 'out'), { workingDirectory: dir })).toThrow(PolicyError);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  test('fails with PolicyError and leaves an existing out folder as it was, without a stacks folder', () => {
    mkdirSync(path.join(dir, 'out'));
    expect(() => synthesizeStack(open, path.join(dir, 'out'), { workingDirectory: dir })).toThrow(PolicyError);
    expect(readdirSync(path.join(dir, 'out'))).toEqual([]);
  });
});
