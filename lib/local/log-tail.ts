import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';

/**
 * Follows a growing log file and hands over each complete line. Polls at a fixed interval: fs.watch
 * is not reliable on every filesystem, and a log line a fraction of a second late costs nothing.
 */
export class LogTail {
  private offset: number;
  private partial = '';
  private readonly timer: NodeJS.Timeout;

  /** Starts at the file's current end (earlier runs' lines are not repeated), or at 0 when it does not exist yet. */
  constructor(
    private readonly file: string,
    private readonly onLine: (line: string) => void,
    intervalMs = 200,
  ) {
    try {
      this.offset = statSync(file).size;
    } catch {
      this.offset = 0;
    }
    this.timer = setInterval(() => this.poll(), intervalMs);
    this.timer.unref();
  }

  /** Reads what was appended since the last poll. */
  poll(): void {
    let fd: number;
    try {
      fd = openSync(this.file, 'r');
    } catch {
      return; // not written yet
    }
    try {
      const size = fstatSync(fd).size;
      if (size < this.offset) this.offset = 0; // truncated or replaced
      const buffer = Buffer.alloc(64 * 1024);
      while (this.offset < size) {
        const n = readSync(fd, buffer, 0, Math.min(buffer.length, size - this.offset), this.offset);
        if (n <= 0) break;
        this.offset += n;
        this.partial += buffer.subarray(0, n).toString('utf8');
      }
    } finally {
      closeSync(fd);
    }
    const lines = this.partial.split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.onLine(line);
  }

  /** Hands over what is left (a last line without a newline too) and stops polling. */
  stop(): void {
    clearInterval(this.timer);
    this.poll();
    if (this.partial) this.onLine(this.partial);
    this.partial = '';
  }
}
