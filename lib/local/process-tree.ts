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

/** The live children of `pid`. */
export function childrenOf(pid: number): number[] {
  return descendants(pid).filter((child) => parsePpid(readProcFile(`/proc/${child}/status`) ?? '') === pid);
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

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** True once `pid` is stopped, a zombie or gone. */
function frozen(pid: number): boolean {
  const stat = readProcFile(`/proc/${pid}/stat`);
  if (stat === undefined) return true;
  // The state follows the command name, which is in parentheses and may contain anything.
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return 'TtZX'.includes(state);
}

/**
 * SIGKILLs `root` and its descendants. The tree is frozen first (SIGSTOP, waiting until each process
 * has stopped): a process signalled in the middle of fork() stops only once the child exists, and a
 * child that outlives its parent's death before it could ask to die with it (vsftpd sessions do ask)
 * would keep its client's connection open. Frozen, no process of the tree can add another.
 * With `spareRoot`, the root is resumed instead of killed, so that its own exit tells when the rest is gone.
 */
export function killTree(root: number, options: { readonly spareRoot?: boolean } = {}): void {
  const tree = new Set<number>();
  for (let round = 0; round < 50; round++) {
    const added = descendants(root).filter((pid) => !tree.has(pid));
    if (added.length === 0) break;
    for (const pid of added) {
      tree.add(pid);
      signal(pid, 'SIGSTOP');
    }
    const deadline = Date.now() + 1000;
    while (!added.every(frozen) && Date.now() < deadline) sleepMs(2);
  }
  const below = [...tree].filter((pid) => pid !== root).reverse();
  for (const pid of below) signal(pid, 'SIGKILL');
  // A spared root (that has children: else it could go on to start them) resumes, reaps them and exits by itself.
  if (options.spareRoot && below.length > 0) signal(root, 'SIGCONT');
  else signal(root, 'SIGKILL');
}
