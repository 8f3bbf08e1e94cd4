/*
 * What the `ftp-kit` process sets up about node itself before it loads anything else (bin/ftp-kit.ts).
 * Only the CLI's process: a library user's process is left alone.
 */
import * as Module from 'node:module';

/**
 * Node ≥ 22.1 can keep V8's compiled code of each module on disk (module.enableCompileCache: checked
 * against each file's contents, so an edited or rebuilt module is compiled afresh; node skips the
 * cache when its folder cannot be written). Node 20 has no such cache: then nothing happens. Node's
 * own NODE_DISABLE_COMPILE_CACHE=1 turns it off.
 */
export function enableCompileCache(): void {
  const enable = (Module as { enableCompileCache?: () => unknown }).enableCompileCache;
  try {
    enable?.();
  } catch {
    // A cache is an optimisation: without one the CLI runs as it would on node 20.
  }
}

/**
 * Deprecations the user can do nothing about, by code: cdktf 0.21 (archived, pinned) calls
 * util.isArray in every TerraformOutput, which node ≥ 22 reports (DEP0044) on each synth.
 */
export const QUIETED_DEPRECATIONS: readonly string[] = ['DEP0044'];

/** Drops node's warnings with those codes; every other warning is emitted as before. */
export function quietDependencyDeprecations(codes: readonly string[] = QUIETED_DEPRECATIONS): void {
  const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  const codeOf = (args: unknown[]): unknown => {
    const [warning, second, third] = args;
    if (warning instanceof Error) return (warning as NodeJS.ErrnoException).code;
    if (second !== null && typeof second === 'object') return (second as { code?: unknown }).code;
    return third;
  };
  process.emitWarning = ((...args: unknown[]) => {
    if (codes.includes(codeOf(args) as string)) return;
    emitWarning(...args);
  }) as typeof process.emitWarning;
}
