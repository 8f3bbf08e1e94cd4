/*
 * The modules the CLI defers (bin/lazy-modules.ts), in a plain node process as the CLI runs (jest has a
 * module registry of its own, so the built dist/bin/lazy-modules.js runs in a child): not loaded by
 * cdktf and zod at start-up, yet the real module the moment something uses it.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const LAZY = path.join(ROOT, 'dist', 'bin', 'lazy-modules.js');

/** Runs `body` in a fresh node process after deferUnusedModules(); returns what it printed as JSON. */
function inChild(body: string): Record<string, unknown> {
  const script = `
    require(${JSON.stringify(LAZY)}).deferUnusedModules();
    const loaded = (fragment) => Object.keys(require.cache).some((f) => f.includes(fragment));
    const out = {};
    ${body}
    process.stdout.write(JSON.stringify(out));
  `;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }));
}

describe('deferUnusedModules', () => {
  test('GIVEN cdktf and zod loaded THEN archiver, semver and the zod locales are not, and a stack still synthesizes', () => {
    const out = inChild(`
      const { Testing, TerraformStack, TerraformOutput } = require('cdktf');
      const { z } = require('zod');
      const stack = new TerraformStack(Testing.app(), 'probe');
      new TerraformOutput(stack, 'x', { value: 'y' });
      out.synth = JSON.parse(Testing.synth(stack)).output.x.value;
      out.parsed = z.object({ a: z.number() }).safeParse({ a: 'no' }).error.issues[0].message;
      out.archiverUtils = loaded('/archiver-utils/');
      out.lodash = loaded('/lodash/');
      out.semverFunctions = loaded('/semver/functions/');
      out.zodGerman = loaded('/zod/v4/locales/de.');
    `);
    expect(out).toEqual({
      synth: 'y',
      parsed: expect.stringMatching(/expected number/i),
      archiverUtils: false,
      lodash: false,
      semverFunctions: false,
      zodGerman: false,
    });
  });

  test('GIVEN a deferred module used THEN it is the real one: archiver called, semver compared, a zod locale applied', () => {
    const out = inChild(`
      const cdktfDir = require('node:path').dirname(require.resolve('cdktf/package.json'));
      const archiver = require(require.resolve('archiver', { paths: [cdktfDir] }));
      const zip = archiver('zip');
      out.zip = typeof zip.pipe === 'function' && typeof archiver.create === 'function';
      const semver = require(require.resolve('semver', { paths: [cdktfDir] }));
      out.semver = semver.gte('1.11.4', '1.5.0');
      const { z } = require('zod');
      z.config(z.locales.de());
      out.german = z.number().safeParse('x').error.issues[0].message;
      out.zodGerman = loaded('/zod/v4/locales/de.');
    `);
    expect(out).toEqual({ zip: true, semver: true, german: expect.stringMatching(/Ungültige Eingabe|erwartet/), zodGerman: true });
  });
});
