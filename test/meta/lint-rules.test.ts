/*
 * The lint rules that keep the provider package root out of every process (~2.3 s and ~700 MB each)
 * and the layers of lib/ pointing one way: proven with the project's eslint.config.mjs on probe files
 * (its API loads the ESM config through a dynamic import that jest cannot run, so its CLI is used).
 * `npm test` lints the tree itself (`npm run lint`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const ESLINT = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');

// Spelled in two parts so that a grep for root imports in the tree does not find these probes.
const PKG = ['@cdktf', 'provider-aws'].join('/');
const ROOT_IMPORTS = [
  `import { Instance } from '${PKG}';`,
  `import * as aws from '${PKG}/lib';`,
  `import * as aws from '${PKG}/lib/index';`,
  `const aws = require('${PKG}');`,
  `const aws = import('${PKG}');`,
];
const DEEP_IMPORTS = [
  "import { Instance } from '@cdktf/provider-aws/lib/instance';",
  "import { Eip } from '@cdktf/provider-aws/lib/eip';",
  "import { TerraformStack } from 'cdktf';",
];

describe('eslint.config.mjs: provider imports', () => {
  const counts = new Map<string, number>();

  beforeAll(() => {
    // Inside the project (ESLint ignores files outside its base path); removed again at once.
    const dir = path.join(ROOT, 'test', `.lint-probe-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    try {
      const files = [...ROOT_IMPORTS, ...DEEP_IMPORTS].map((code, i) => {
        const file = path.join(dir, `probe${i}.ts`);
        writeFileSync(file, `${code}\n`);
        return [file, code] as const;
      });
      const result = spawnSync(process.execPath, [ESLINT, '--format', 'json', ...files.map(([f]) => f)], { cwd: ROOT, encoding: 'utf8' });
      if (result.status === 2 || !result.stdout) throw new Error(`eslint failed: ${result.stderr}`);
      const reports = JSON.parse(result.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string | null }> }>;
      for (const [file, code] of files) {
        const report = reports.find((r) => r.filePath === file);
        counts.set(
          code,
          report ? report.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').length : -1,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test.each(ROOT_IMPORTS)('fails when the package root is imported: %s', (code) => {
    expect(counts.get(code)).toBe(1);
  });

  test.each(DEEP_IMPORTS)('GIVEN a deep import THEN it passes: %s', (code) => {
    expect(counts.get(code)).toBe(0);
  });
});

/** ESLint's findings of `code` as if it were the file `file` (stdin: nothing is written into lib/). */
function lintAs(file: string, code: string): Array<{ line: number; ruleId: string | null; message: string }> {
  const result = spawnSync(process.execPath, [ESLINT, '--format', 'json', '--stdin', '--stdin-filename', file], {
    cwd: ROOT,
    input: code,
    encoding: 'utf8',
  });
  if (result.status === 2 || !result.stdout) throw new Error(`eslint failed: ${result.stderr}`);
  return (JSON.parse(result.stdout) as Array<{ messages: Array<{ line: number; ruleId: string | null; message: string }> }>)[0].messages;
}

describe('eslint.config.mjs: layers point one way', () => {
  // Each probe: a file in a layer and its imports, each marked with whether the layer rule must refuse it.
  const PROBES: Array<{ file: string; imports: Array<[string, boolean]> }> = [
    {
      file: 'lib/config/probe.ts',
      imports: [
        ["'../cli/errors'", true],
        ["'../../bin/cli'", true],
        ["'../render'", true],
        ["'../errors'", false],
      ],
    },
    {
      file: 'lib/review/probe.ts',
      imports: [
        ["'../deploy/deploy'", true],
        ["'../doctor/doctor'", true],
        ["'../checks/run'", false],
        ["'../model/build'", false],
      ],
    },
    {
      file: 'lib/deploy/probe.ts',
      imports: [
        ["'../cli/errors'", true],
        ["'../../bin/cli'", true],
        ["'../stack/synth'", false],
        ["'../terraform/plan'", false],
      ],
    },
    {
      file: 'lib/errors.ts',
      imports: [
        ["'./config'", true],
        ["'./cli/errors'", true],
      ],
    },
  ];

  test.each(PROBES)('fails on each upward import of $file, and only on those', ({ file, imports }) => {
    const code = imports.map(([spec], i) => `import { x${i} } from ${spec};`).join('\n');
    const refused = new Set(
      lintAs(file, code)
        .filter((m) => m.ruleId === 'no-restricted-imports')
        .map((m) => m.line),
    );
    expect(imports.map(([spec], i) => [spec, refused.has(i + 1)])).toEqual(imports);
  });

  test('fails naming the layers and the direction, so the fix is clear', () => {
    const [message] = lintAs('lib/terraform/probe.ts', "import { x } from '../cli/errors';\n").filter(
      (m) => m.ruleId === 'no-restricted-imports',
    );
    expect(message.message).toMatch(/lib\/terraform must not import .*lib\/cli.*config → render/);
  });
});
