import tseslint from 'typescript-eslint';

// The package root of @cdktf/provider-aws loads every resource class: ~2.3 s and ~700 MB per process.
export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'cdktf.out/**', '**/*.js', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: '@cdktf/provider-aws', message: "Import by deep path: '@cdktf/provider-aws/lib/<resource>'." }],
        patterns: [{ group: ['@cdktf/provider-aws/lib/index*', '@cdktf/provider-aws/lib'], message: 'Import by deep path.' }],
      }],
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.name='require'][arguments.0.value='@cdktf/provider-aws']",
        message: "Import by deep path: '@cdktf/provider-aws/lib/<resource>'.",
      }],
    },
  },
);
