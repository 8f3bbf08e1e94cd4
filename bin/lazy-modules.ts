/*
 * Modules the CLI's dependencies load at start-up but ftp-kit never calls, loaded on first use instead.
 * A CPU profile of a cold `ftp-kit synth` (docs/benchmarks.md) showed them as about a fifth of it:
 * - cdktf loads `archiver` (zip and tar for TerraformAsset: ~100 modules with lodash, glob and
 *   readable-stream) and `semver` (for the terraform version check that `skipValidation` turns off);
 * - zod loads all its ~60 error-message locales to export `z.locales`; the English one it uses is
 *   loaded directly.
 * Each is put in node's module cache as a stand-in that loads the real module the first time anything
 * touches it, so behaviour is unchanged if a later version does use it. Only the CLI process does this
 * (bin/ftp-kit.ts): a library user's process is left alone.
 */
import * as Module from 'node:module';
import * as path from 'node:path';

interface Deferred {
  /** The module as its parent requires it. */
  readonly request: string;
  /** The package whose require() it is (resolution starts there). */
  readonly parent: string;
  /** The module is compiled from ES modules: `__esModule` is answered without loading it. */
  readonly esModule?: boolean;
}

export const DEFERRED: readonly Deferred[] = [
  { request: 'archiver', parent: 'cdktf' },
  { request: 'semver', parent: 'cdktf' },
  { request: './v4/locales/index.cjs', parent: 'zod', esModule: true },
];

function standIn(file: string, esModule: boolean): unknown {
  let real: object | undefined;
  const load = (): object => {
    if (!real) {
      // The stand-in leaves the cache, so this require() reads the real file once.
      delete require.cache[file];
      real = require(file) as object;
    }
    return real;
  };
  // A function target: a stand-in for archiver must be callable, as archiver('zip') is.
  return new Proxy(function deferred() {}, {
    apply: (_t, self, args) => Reflect.apply(load() as (...a: unknown[]) => unknown, self, args),
    construct: (_t, args) => Reflect.construct(load() as new (...a: unknown[]) => object, args),
    get: (_t, key) => (esModule && key === '__esModule' && !real ? true : Reflect.get(load(), key)),
    has: (_t, key) => Reflect.has(load(), key),
    ownKeys: () => [...new Set([...Reflect.ownKeys(load()), 'prototype'])],
    getOwnPropertyDescriptor: (target, key) => {
      if (key === 'prototype') return Reflect.getOwnPropertyDescriptor(target, key);
      const own = Reflect.getOwnPropertyDescriptor(load(), key);
      // A proxy may not report a property as non-configurable that its target lacks.
      return own && { ...own, configurable: true };
    },
  });
}

/** Puts the stand-ins in node's module cache; a module that does not resolve (another version) is left as it is. */
export function deferUnusedModules(modules: readonly Deferred[] = DEFERRED): void {
  for (const { request, parent, esModule } of modules) {
    let file: string;
    try {
      const parentDir = path.dirname(require.resolve(`${parent}/package.json`));
      file = require.resolve(request, { paths: [parentDir] });
    } catch {
      continue;
    }
    if (require.cache[file]) continue;
    const stub = new Module.Module(file);
    stub.filename = file;
    stub.loaded = true;
    stub.exports = standIn(file, esModule === true);
    require.cache[file] = stub;
  }
}
