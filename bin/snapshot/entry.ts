/*
 * The entry of the CLI's V8 startup snapshot (built by bin/snapshot/build.ts, started by the `ftp-kit`
 * launcher). A cold `ftp-kit synth` spends most of its time loading and compiling cdktf, the provider
 * classes and zod; the snapshot holds them already loaded, so a process starts with them in its heap.
 *
 * This file runs twice: once at build time inside `node --build-snapshot` (everything above
 * setDeserializeMainFunction), and its main function in every process started from the snapshot.
 */
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { main } from '../cli';
import { synthesizeStack } from '../../lib/stack/synth';
import { validateConfig } from '../../lib/config/load';

/**
 * One synth at build time: the functions a synth runs are compiled then, and the snapshot keeps their
 * bytecode (measured: ~40 ms of a cold synth). It leaves nothing behind that a later run could see:
 * no module caches file contents (lib/render/template.ts reads templates/ on every call), and it
 * writes to a temporary folder only, never to stdout (the snapshot would keep that stream's state).
 */
function warmUp(): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-snapshot-'));
  try {
    synthesizeStack(validateConfig({ allow: ['198.51.100.0/24'], users: [{ name: 'partner1', write: true }] }), dir, { workingDirectory: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

warmUp();

v8.startupSnapshot.setDeserializeMainFunction(() => {
  // Node caches process.cwd() in JavaScript, and the cache came with the snapshot: it names the
  // folder of the build. Re-reading the real working directory resets it.
  let cwd: string;
  try {
    cwd = realpathSync.native('.');
  } catch (err) {
    process.stderr.write(`ftp-kit: cannot read the working directory: ${(err as Error).message}\n`);
    process.exit(2);
  }
  process.chdir(cwd);
  // Started as `node --snapshot-blob BLOB <args>`: argv[0] is node, the CLI's words follow.
  void main(process.argv.slice(1));
});
