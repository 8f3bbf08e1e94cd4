/*
 * `npm run build`'s last step: the CLI's V8 startup snapshot, for the `ftp-kit` launcher (bin/ftp-kit).
 *
 * A snapshot entry may require only node's built-in modules, so esbuild first bundles the compiled
 * entry (dist/bin/snapshot/entry.js) with everything it reaches into one file; then
 * `node --build-snapshot` runs that file and writes the heap it leaves. A snapshot only starts on the
 * node binary that built it, so a stamp beside it names that binary, its version and this package's
 * folder: the launcher uses the snapshot only when all three match, and the plain CLI otherwise.
 *
 * The snapshot only makes the CLI start faster: when it cannot be built, this says why and removes any
 * old one, and the launcher runs the plain CLI. `npm test` fails then (test/bin/launcher.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../../lib/package-root';

/** Where the build writes, relative to the package root; the launcher reads the same names. */
export const SNAPSHOT_DIR = path.join('dist', 'snapshot');
export const SNAPSHOT_BLOB = 'ftp-kit.blob';
export const SNAPSHOT_STAMP = 'stamp';

/** The stamp's one line: what the launcher compares (`<node binary> <node version> <package folder>`). */
export function snapshotStamp(nodeBinary: string, nodeVersion: string, root: string): string {
  return `${realpathSync(nodeBinary)} ${nodeVersion} ${realpathSync(root)}`;
}

export interface BuildSnapshotResult {
  readonly ok: boolean;
  /** What went wrong, when not ok. */
  readonly reason?: string;
  readonly blob: string;
}

export function buildSnapshot(root = packageRoot()): BuildSnapshotResult {
  const dir = path.join(root, SNAPSHOT_DIR);
  const blob = path.join(dir, SNAPSHOT_BLOB);
  const stamp = path.join(dir, SNAPSHOT_STAMP);
  const bundle = path.join(dir, 'entry.bundle.js');
  // The stamp goes first and comes back last: a build that fails half-way leaves no usable snapshot.
  rmSync(stamp, { force: true });
  rmSync(blob, { force: true });
  mkdirSync(dir, { recursive: true });
  try {
    // Required here, not imported: esbuild is a devDependency, and only this build step needs it.
    const esbuild = require('esbuild') as typeof import('esbuild');
    esbuild.buildSync({
      entryPoints: [path.join(root, 'dist', 'bin', 'snapshot', 'entry.js')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'iife',
      target: `node${process.versions.node.split('.')[0]}`,
      logLevel: 'silent',
    });
  } catch (err) {
    return { ok: false, reason: `esbuild could not bundle the snapshot entry: ${(err as Error).message}`, blob };
  }
  const built = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', bundle], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  if (built.status !== 0) {
    rmSync(blob, { force: true });
    const output = `${built.stderr ?? ''}${built.stdout ?? ''}`.trim().split('\n').slice(-8).join('\n');
    return { ok: false, reason: `node --build-snapshot failed (${built.error?.message ?? `exit ${built.status}`}):\n${output}`, blob };
  }
  writeFileSync(stamp, `${snapshotStamp(process.execPath, process.version, root)}\n`);
  return { ok: true, blob };
}

if (require.main === module) {
  const result = buildSnapshot();
  if (!result.ok) {
    process.stderr.write(`ftp-kit build: no startup snapshot (the CLI still works, it only starts slower): ${result.reason}\n`);
  }
}
