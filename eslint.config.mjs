import tseslint from 'typescript-eslint';

// The package root of @cdktf/provider-aws loads every resource class: ~2.3 s and ~700 MB per process.
// Only deep imports (`@cdktf/provider-aws/lib/<resource>`) are allowed.
const ROOT_IMPORT = '^@cdktf/provider-aws(/lib(/index(\\.js)?)?)?/?$';
// esquery regex literals end at a slash: the same pattern with [/] for selectors.
const ROOT_IMPORT_SELECTOR = ROOT_IMPORT.replaceAll('/', '[/]');
const message = "Import by deep path: '@cdktf/provider-aws/lib/<resource>' (the package root costs seconds per process).";

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'cdktf.out/**', '**/*.js', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: ROOT_IMPORT, message }] }],
      'no-restricted-syntax': ['error', {
        selector: `CallExpression[callee.name='require'][arguments.0.value=/${ROOT_IMPORT_SELECTOR}/]`,
        message,
      }, {
        selector: `ImportExpression[source.value=/${ROOT_IMPORT_SELECTOR}/]`,
        message,
      }],
    },
  },
);
