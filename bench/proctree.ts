/* Memory of a process tree from /proc: how much one vsftpd and its per-session processes hold. */
import { descendants, readProcFile as read } from '../lib/local/process-tree';
import { parsePssKiB, parseVmRssKiB } from './parse';

export interface TreeMemory {
  readonly processes: number;
  /** Sum of VmRSS: counts shared library pages once per process, so it overstates. */
  readonly rssKiB: number;
  /** Sum of Pss: shared pages divided among their users; what the tree really costs. */
  readonly pssKiB: number;
}

export function treeMemory(root: number, withPss = true): TreeMemory {
  let processes = 0;
  let rssKiB = 0;
  let pssKiB = 0;
  for (const pid of descendants(root)) {
    const rss = parseVmRssKiB(read(`/proc/${pid}/status`) ?? '');
    if (rss === undefined) continue;
    processes += 1;
    rssKiB += rss;
    if (withPss) pssKiB += parsePssKiB(read(`/proc/${pid}/smaps_rollup`) ?? '') ?? 0;
  }
  return { processes, rssKiB, pssKiB };
}

/**
 * Samples a tree every `intervalMs` until stopped and keeps the sample with the largest RSS sum.
 * Sampling reads /proc on the event loop; at 250 ms and a few hundred processes that is a few ms each.
 */
export class PeakSampler {
  private peak: TreeMemory = { processes: 0, rssKiB: 0, pssKiB: 0 };
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly root: number,
    intervalMs = 250,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  sample(): void {
    const now = treeMemory(this.root, false);
    if (now.rssKiB > this.peak.rssKiB) {
      // PSS costs a page-table walk per process: read it only for a new peak.
      this.peak = treeMemory(this.root, true);
    }
  }

  stop(): TreeMemory {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}
