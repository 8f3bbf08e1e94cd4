/* One preview a folder: a second one would overwrite the first one's passwords, certificate and config. */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalTargetError } from './errors';
import { readProcFile } from './process-tree';

/** In the preview's folder while a preview runs: `<pid> <start time>`. */
export const LOCK_FILE = 'preview.lock';

/** The start time of a process (field 22 of /proc/<pid>/stat): with the pid, names one process for good. */
function startTimeOf(pid: number): string | undefined {
  const stat = readProcFile(`/proc/${pid}/stat`);
  // The fields after the command name, which is in parentheses and may contain anything.
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

/** The running process a lock file names, if it is still that process (pids are reused). */
function holderOf(file: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const [pid, started] = text.trim().split(' ');
  return /^\d+$/.test(pid) && startTimeOf(Number(pid)) === started ? Number(pid) : undefined;
}

/**
 * Takes `dir` for this process, or throws LocalTargetError naming the preview that has it. A lock
 * whose process is gone (a SIGKILLed preview) is stale and taken over. Returns the release.
 */
export function lockPreviewDir(dir: string): () => void {
  const file = join(dir, LOCK_FILE);
  const mine = `${process.pid} ${startTimeOf(process.pid)}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, mine, { flag: 'wx', mode: 0o644 });
      return () => {
        if (holderOf(file) === process.pid) rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = holderOf(file);
    if (holder !== undefined) {
      throw new LocalTargetError(
        `dir: ${JSON.stringify(dir)} — is in use by another preview (pid ${holder}), whose passwords, ` +
          'certificate and config a second one would overwrite — stop that one, or pass another --dir',
      );
    }
    rmSync(file, { force: true });
  }
  throw new LocalTargetError(
    `dir: ${JSON.stringify(dir)} — its lock ${LOCK_FILE} keeps changing (previews starting at once?) ` + '— start again',
  );
}
