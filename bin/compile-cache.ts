/*
 * V8's code cache for the CLI's modules: cdktf alone is ~370 modules, and compiling them is a third of
 * a cold `ftp-kit synth` (measured: ~0.75 s → ~0.55 s). Node ≥ 22 has it built in; on Node 20 the
 * v8-compile-cache package does the same. The cache lives in the user's own ~/.cache, not a shared
 * /tmp folder. Imported first by bin/ftp-kit.ts; FTP_KIT_NO_COMPILE_CACHE=1 turns it off.
 */
import { mkdirSync } from 'node:fs';
import * as Module from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

if (process.env.FTP_KIT_NO_COMPILE_CACHE !== '1') {
  try {
    const dir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ftp-kit', 'v8-compile-cache');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const builtIn = (Module as unknown as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache;
    if (builtIn) {
      builtIn(dir);
    } else {
      process.env.V8_COMPILE_CACHE_CACHE_DIR ??= dir;
      require('v8-compile-cache');
    }
  } catch {
    // A read-only home or a missing package only costs speed.
  }
}
