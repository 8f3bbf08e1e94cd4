// Transpile-only (swc): type-checking belongs to `npm run typecheck`, which is ~4x faster with tsgo
// and keeps jest workers far below the 1.6 GB that ts-jest's type-check costs per file.
/** @type {import('jest').Config} */
module.exports = {
  // jest's node environment, without jest's source-mapping of the stacks cdktf captures for every token (see the file).
  testEnvironment: '<rootDir>/test/support/node-environment.js',
  // jest's module runtime, compiling each module once a worker (V8's code cache), not once a test file (see the file).
  runtime: '<rootDir>/test/support/code-cache-runtime.js',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The examples import the package by name, as a user's app does: its source here.
  moduleNameMapper: { '^ftp-kit$': '<rootDir>/lib/index.ts' },
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  globalSetup: '<rootDir>/test/global-setup.js',
  testTimeout: 120000,
  maxWorkers: 2,
};
