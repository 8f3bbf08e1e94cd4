/*
 * bin/process-setup.ts in a plain node process, as the CLI runs it (the built dist/bin module in a
 * child: jest's own process has warning and module handling of its own).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const SETUP = path.join(__dirname, '..', '..', 'dist', 'bin', 'process-setup.js');

describe('quietDependencyDeprecations', () => {
  test('GIVEN DEP0044 emitted in each of its forms THEN none is printed, and every other warning still is', () => {
    const script = `
      require(${JSON.stringify(SETUP)}).quietDependencyDeprecations();
      process.emitWarning('quiet one', 'DeprecationWarning', 'DEP0044');
      process.emitWarning('quiet two', { type: 'DeprecationWarning', code: 'DEP0044' });
      const error = new Error('quiet three'); error.name = 'DeprecationWarning'; error.code = 'DEP0044';
      process.emitWarning(error);
      process.emitWarning('kept deprecation', 'DeprecationWarning', 'DEP0005');
      process.emitWarning('kept warning');
    `;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr).not.toMatch(/quiet/);
    expect(run.stderr).toMatch(/\[DEP0005\] DeprecationWarning: kept deprecation/);
    expect(run.stderr).toMatch(/Warning: kept warning/);
  });
});

describe('enableCompileCache', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-compile-cache-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("GIVEN node's compile cache where this node has one THEN modules land in it; else nothing is written", () => {
    const script = `
      require(${JSON.stringify(SETUP)}).enableCompileCache();
      require('yaml');
      const mod = require('node:module');
      process.stdout.write(JSON.stringify({ has: typeof mod.enableCompileCache === 'function', dir: mod.getCompileCacheDir?.() }));
    `;
    const out = JSON.parse(
      execFileSync(process.execPath, ['-e', script], {
        encoding: 'utf8',
        cwd: path.join(__dirname, '..', '..'),
        env: { ...process.env, NODE_COMPILE_CACHE: dir },
      }),
    );
    if (out.has) {
      expect(out.dir).toContain(dir);
      expect(readdirSync(dir).length).toBeGreaterThan(0);
    } else {
      // Node 20: no API, and the environment variable means nothing to it.
      expect(out.dir).toBeUndefined();
      expect(readdirSync(dir)).toEqual([]);
    }
  });
});
