import * as net from 'node:net';
import * as tls from 'node:tls';

/*
 * A minimal FTP control channel (RFC 959 replies, RFC 4217 AUTH TLS) for the doctor. An FTP library
 * would hide exactly what the doctor must see: the raw 227 reply, which step timed out, whether the
 * data channel's TLS session was reused. Ordinary transfers go through basic-ftp instead.
 */

export interface FtpReply {
  readonly code: number;
  /** Every line of the reply, codes included, as the server sent it. */
  readonly lines: readonly string[];
  /** The lines joined with a space, the code of the first kept: what error messages quote. */
  readonly text: string;
}

/** How a TCP connection attempt failed, in the terms a diagnosis needs. */
export type ConnectFailure = 'timeout' | 'refused' | 'unreachable' | 'reset' | 'other';

export class ConnectError extends Error {
  constructor(readonly kind: ConnectFailure, readonly host: string, readonly port: number, detail: string) {
    super(`${host}:${port}: ${detail}`);
    this.name = 'ConnectError';
  }
}

function failureKind(err: NodeJS.ErrnoException): ConnectFailure {
  switch (err.code) {
    case 'ECONNREFUSED': return 'refused';
    case 'EHOSTUNREACH': case 'ENETUNREACH': case 'EADDRNOTAVAIL': return 'unreachable';
    case 'ECONNRESET': case 'EPIPE': return 'reset';
    case 'ETIMEDOUT': return 'timeout';
    default: return 'other';
  }
}

/** Opens a TCP connection, bounded by `timeoutMs`; the error says whether it was dropped, refused or unroutable. */
export function connectTcp(host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ConnectError('timeout', host, port, `no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new ConnectError(failureKind(err), host, port, err.code ?? err.message));
    });
  });
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
  return { code, lines, text: lines.map((l, i) => (i === 0 ? l : l.replace(/^\d{3}[ -]/, ''))).join(' ').trim() };
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

/**
 * One control connection. Replies are queued as they arrive; `read()` takes the next one, bounded by
 * the timeout, so a silent server is a diagnosis, not a hang.
 */
export class FtpControl {
  private socket: net.Socket | tls.TLSSocket;
  private readonly parser = new ReplyParser();
  private readonly queue: FtpReply[] = [];
  private waiter?: { resolve: (r: FtpReply) => void; reject: (e: Error) => void };
  private closedError?: Error;
  /** The newest TLS session the server handed out (TLS 1.3 sends tickets after the handshake). */
  private session?: Buffer;

  private constructor(socket: net.Socket, private readonly timeoutMs: number) {
    this.socket = socket;
    this.attach(socket);
  }

  static async connect(host: string, port: number, timeoutMs: number): Promise<FtpControl> {
    return new FtpControl(await connectTcp(host, port, timeoutMs), timeoutMs);
  }

  get remoteAddress(): string | undefined {
    return this.socket.remoteAddress?.replace(/^::ffff:/, '');
  }

  /** The TLS socket after `upgrade()`. */
  get tlsSocket(): tls.TLSSocket | undefined {
    return this.socket instanceof tls.TLSSocket ? this.socket : undefined;
  }

  private attach(socket: net.Socket): void {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      for (const r of this.parser.push(chunk)) this.deliver(r);
    });
    const closed = (err?: Error) => {
      this.closedError ??= err ?? new Error('the server closed the connection');
      this.waiter?.reject(this.closedError);
      this.waiter = undefined;
    };
    socket.on('error', closed);
    socket.on('close', () => closed());
  }

  private deliver(r: FtpReply): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w.resolve(r);
    } else {
      this.queue.push(r);
    }
  }

  /** The next reply (1xx preliminary replies included), or an error on timeout or close. */
  read(timeoutMs = this.timeoutMs): Promise<FtpReply> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.closedError) return Promise.reject(this.closedError);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new ConnectError('timeout', this.socket.remoteAddress ?? '?', this.socket.remotePort ?? 0, `no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = {
        resolve: (r) => { clearTimeout(timer); resolve(r); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      };
    });
  }

  /** Sends a command and returns its first reply. */
  async send(command: string, timeoutMs = this.timeoutMs): Promise<FtpReply> {
    if (/[\r\n]/.test(command)) throw new Error('an FTP command cannot contain a line break');
    if (this.closedError) throw this.closedError;
    this.socket.write(`${command}\r\n`);
    return this.read(timeoutMs);
  }

  /** Reads until a final (non-1xx) reply; returns every reply read. */
  async readFinal(timeoutMs = this.timeoutMs): Promise<FtpReply[]> {
    const replies = [await this.read(timeoutMs)];
    while (replies[replies.length - 1].code < 200) replies.push(await this.read(timeoutMs));
    return replies;
  }

  /** Upgrades the connection after `234` to AUTH TLS; certificate checks are the caller's (see `tls.TLSSocket.authorized`). */
  upgrade(options: tls.ConnectionOptions): Promise<tls.TLSSocket> {
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('error');
    plain.removeAllListeners('close');
    return new Promise((resolve, reject) => {
      const secure = tls.connect({ ...options, socket: plain, rejectUnauthorized: false });
      const timer = setTimeout(() => {
        secure.destroy();
        reject(new ConnectError('timeout', plain.remoteAddress ?? '?', plain.remotePort ?? 0, `no TLS handshake within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      secure.on('session', (session: Buffer) => { this.session = session; });
      secure.once('secureConnect', () => {
        clearTimeout(timer);
        secure.removeAllListeners('error');
        this.socket = secure;
        this.attach(secure);
        resolve(secure);
      });
      secure.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
  }

  /** What a data connection must present to resume this TLS session (vsftpd's require_ssl_reuse). */
  tlsSession(): Buffer | undefined {
    if (this.session) return this.session;
    return this.socket instanceof tls.TLSSocket ? this.socket.getSession() : undefined;
  }

  close(): void {
    this.closedError ??= new Error('closed by the client');
    this.socket.destroy();
  }

  /** Polite close: QUIT, bounded, then the socket goes. */
  async quit(): Promise<void> {
    try {
      if (!this.closedError) await this.send('QUIT', Math.min(this.timeoutMs, 2000));
    } catch {
      // The answer to QUIT does not matter.
    } finally {
      this.close();
    }
  }
}
