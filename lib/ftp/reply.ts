/* FTP control-channel replies (RFC 959): the one reader every part of ftp-kit uses. */

export interface FtpReply {
  readonly code: number;
  /** Every line of the reply, codes included, as the server sent it. */
  readonly lines: readonly string[];
  /** The lines joined with a space, the code of the first kept: what error messages quote. */
  readonly text: string;
}

/** Splits a stream of reply lines into replies (multi-line: `123-…` up to `123 …`). */
export class ReplyParser {
  private pending: string[] = [];
  private partial = '';
  private code?: number;

  /** Feeds raw text; returns the replies it completed. */
  push(chunk: string): FtpReply[] {
    const replies: FtpReply[] = [];
    const text = this.partial + chunk;
    const lines = text.split(/\r?\n/);
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      if (this.code === undefined) {
        const start = /^(\d{3})([ -])/.exec(line);
        if (!start) continue;
        if (start[2] === ' ') {
          replies.push(reply(Number(start[1]), [line]));
          continue;
        }
        this.code = Number(start[1]);
        this.pending = [line];
      } else {
        this.pending.push(line);
        if (line.startsWith(`${this.code} `)) {
          replies.push(reply(this.code, this.pending));
          this.code = undefined;
          this.pending = [];
        }
      }
    }
    return replies;
  }
}

function reply(code: number, lines: string[]): FtpReply {
  return {
    code,
    lines,
    text: lines
      .map((l, i) => (i === 0 ? l : l.replace(/^\d{3}[ -]/, '')))
      .join(' ')
      .trim(),
  };
}

/** Parses `227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)`. */
export function parsePasv(text: string): { address: string; port: number } | undefined {
  const match = /(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3})/.exec(text);
  if (!match) return undefined;
  const n = match.slice(1).map(Number);
  if (n.some((v) => v > 255)) return undefined;
  return { address: n.slice(0, 4).join('.'), port: n[4] * 256 + n[5] };
}

/** Parses `229 Entering Extended Passive Mode (|||port|)`. */
export function parseEpsv(text: string): number | undefined {
  const match = /\(([!-~])\1\1(\d{1,5})\1\)/.exec(text);
  const port = match ? Number(match[2]) : NaN;
  return port > 0 && port < 65536 ? port : undefined;
}
