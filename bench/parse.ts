/** Parsers for the text the bench reads from other tools. Pure: unit-tested in test/bench. */

export interface GnuTimeResult {
  readonly wallSeconds: number;
  /** ru_maxrss: for a process tree, the largest single process, not the sum. */
  readonly maxRssKiB: number;
  /** User + system CPU seconds of the command and the children it waited for: what other load on the machine changes least. */
  readonly cpuSeconds: number;
}

/** The FORMAT the bench passes to GNU time: elapsed seconds, max RSS in KiB, user and system CPU seconds. */
export const GNU_TIME_FORMAT = '%e %M %U %S';

/**
 * Reads the output file of `/usr/bin/time -f '%e %M %U %S' -o FILE`. GNU time prepends
 * "Command exited with non-zero status N" (or "Command terminated by signal N") when the command
 * fails, so the figures are taken from the last line.
 */
export function parseGnuTime(text: string): GnuTimeResult {
  const lines = text
    .trim()
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const last = lines[lines.length - 1] ?? '';
  const match = /^(\d+(?:\.\d+)?) (\d+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/.exec(last);
  if (!match) {
    throw new Error(
      `GNU time output ${JSON.stringify(text)} — expected "<seconds> <KiB> <user> <system>" on the last line` +
        ` (format '${GNU_TIME_FORMAT}')`,
    );
  }
  return { wallSeconds: Number(match[1]), maxRssKiB: Number(match[2]), cpuSeconds: Number(match[3]) + Number(match[4]) };
}

/**
 * Bytes per second of one cipher at one block size from `openssl speed -evp <cipher>` output. openssl
 * prints a header "type  16 bytes  64 bytes ... 16384 bytes" and a row of figures in 1000s of bytes
 * per second ("4199088.13k"); with `-bytes N` the table has that one column.
 */
export function parseOpensslSpeed(text: string, cipher: string, blockBytes = 16384): number {
  const lines = text.split('\n');
  const headerIndex = lines.findIndex((l) => /^type\s/.test(l.trim()));
  if (headerIndex < 0) throw new Error('openssl speed output has no "type ... bytes" header line');
  const columns = [...lines[headerIndex].matchAll(/(\d+) bytes/g)].map((m) => Number(m[1]));
  const column = columns.indexOf(blockBytes);
  if (column < 0) throw new Error(`openssl speed output has no ${blockBytes}-byte column (columns: ${columns.join(', ')})`);
  const row = lines.slice(headerIndex + 1).find((l) => l.trim().toLowerCase().startsWith(cipher.toLowerCase()));
  if (!row) throw new Error(`openssl speed output has no row for ${cipher}`);
  const figures = [
    ...row
      .trim()
      .slice(cipher.length)
      .matchAll(/(\d+(?:\.\d+)?)k/g),
  ].map((m) => Number(m[1]));
  if (figures.length !== columns.length)
    throw new Error(`openssl speed row for ${cipher} has ${figures.length} figures for ${columns.length} columns`);
  return figures[column] * 1000;
}

/** `/proc/<pid>/status` VmRSS in KiB; undefined for a kernel thread or a zombie. */
export function parseVmRssKiB(status: string): number | undefined {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  return match ? Number(match[1]) : undefined;
}

/** `/proc/<pid>/smaps_rollup` Pss in KiB: shared pages divided among the processes that map them. */
export function parsePssKiB(smapsRollup: string): number | undefined {
  const match = /^Pss:\s+(\d+) kB$/m.exec(smapsRollup);
  return match ? Number(match[1]) : undefined;
}

/** PPid from `/proc/<pid>/status` (the process tree lives in lib/local: preview stops trees too). */
export { parsePpid } from '../lib/local/process-tree';

/** The FTP reply code and text an error from basic-ftp carries ("530 Login incorrect."), or its message. */
export function ftpFailureReply(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  if (typeof e?.code === 'number') {
    return message.startsWith(String(e.code)) ? message : `${e.code} ${message}`;
  }
  return message;
}
