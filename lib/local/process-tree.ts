/* Process trees from /proc: vsftpd's per-session processes outlive a stopped listener, so stopping one means its tree. */
import { readdirSync, readFileSync } from 'node:fs';

/** PPid from `/proc/<pid>/status`. */
export function parsePpid(status: string): number | undefined {
  const match = /^PPid:\s+(\d+)$/m.exec(status);
  return match ? Number(match[1]) : undefined;
}

/** A /proc file's text, or undefined when the process ended between listing and reading. */
export function readProcFile(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined; // the process ended between listing and reading
  }
}

/** `root` and every live descendant of it, parents before children. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const status = readProcFile(`/proc/${entry}/status`);
    const ppid = status ? parsePpid(status) : undefined;
    if (ppid === undefined) continue;
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0 && out.length < 100000) {
    const pid = queue.shift()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * SIGKILLs `root` and its descendants. The root is stopped first so that it cannot fork a session
 * between the snapshot of its tree and its own death (the new session would be orphaned).
 */
export function killTree(root: number): void {
  signal(root, 'SIGSTOP');
  for (const pid of descendants(root).reverse()) signal(pid, 'SIGKILL');
}
