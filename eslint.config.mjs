import { readdirSync } from 'node:fs';
import tseslint from 'typescript-eslint';

// The package root of @cdktf/provider-aws loads every resource class: ~2.3 s and ~700 MB per process.
// Only deep imports (`@cdktf/provider-aws/lib/<resource>`) are allowed.
const ROOT_IMPORT = '^@cdktf/provider-aws(/lib(/index(\\.js)?)?)?/?$';
// esquery regex literals end at a slash: the same pattern with [/] for selectors.
const ROOT_IMPORT_SELECTOR = ROOT_IMPORT.replaceAll('/', '[/]');
const message = "Import by deep path: '@cdktf/provider-aws/lib/<resource>' (the package root costs seconds per process).";

// The layers of lib/, lowest first: data flows one way (README "How it fits together"). A folder may
// import its own rank's files and lower ranks, never a higher rank or a sibling of its rank; lib never
// imports bin/. lib/index.ts (the package's public API) sits on top of the library, below lib/cli.
const LAYERS = [
  ['errors', 'package-root', 'color'],
  ['config'],
  ['render'],
  ['model', 'ftp', 'terraform', 'cost'],
  ['constructs', 'checks', 'local'],
  ['stack', 'review', 'doctor'],
  ['deploy'],
  ['index'],
  ['cli'],
];
const rankOf = (name) => LAYERS.findIndex((layer) => layer.includes(name));
// A new folder of lib/ must be given its place here, else nothing would check its imports.
const unplaced = readdirSync(new URL('./lib', import.meta.url)).map((f) => f.replace(/\.ts$/, '')).filter((f) => rankOf(f) < 0);
if (unplaced.length > 0) throw new Error(`eslint.config.mjs: add lib/${unplaced.join(', lib/')} to LAYERS (the layer it belongs to)`);
const restrictedImports = (patterns = []) => ['error', { patterns: [{ regex: ROOT_IMPORT, message }, ...patterns] }];
const binImport = { regex: '^(\\.\\./)+bin(/|$)', message: 'lib/ never imports bin/: move the shared code into lib/.' };

/** One override per folder of lib/: its imports of higher layers (and of its rank's siblings) fail. */
function layerOverrides() {
  return LAYERS.flat().map((name) => {
    const above = LAYERS.flat().filter((other) => other !== name && rankOf(other) >= rankOf(name));
    const flat = ['errors', 'package-root', 'color', 'index'].includes(name);
    const prefix = flat ? '\\./' : '(\\.\\./)+';
    const upward = {
      regex: `^${prefix}(${above.join('|')})(/|$)`,
      message: `lib/${name} must not import a layer at or above its own (${above.map((a) => `lib/${a}`).join(', ')}): data flows `
        + 'config → render → model → constructs/checks/local → stack/review/doctor → deploy → cli. Move the shared code down.',
    };
    return {
      files: [flat ? `lib/${name}.ts` : `lib/${name}/**/*.ts`],
      rules: { 'no-restricted-imports': restrictedImports([upward, binImport]) },
    };
  });
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'cdktf.out/**', '**/*.js', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      'no-restricted-imports': restrictedImports(),
      'no-restricted-syntax': ['error', {
        selector: `CallExpression[callee.name='require'][arguments.0.value=/${ROOT_IMPORT_SELECTOR}/]`,
        message,
      }, {
        selector: `ImportExpression[source.value=/${ROOT_IMPORT_SELECTOR}/]`,
        message,
      }],
      // Prettier wraps code at 140 but leaves strings and comments whole: this rule holds them to it too.
      // (Core max-len: deprecated in favour of @stylistic, still maintained in ESLint 9.)
      'max-len': ['error', { code: 140, ignoreUrls: true, ignoreRegExpLiterals: true }],
    },
  },
  ...layerOverrides(),
);
