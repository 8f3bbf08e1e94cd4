/*
 * A minimal FTP control channel (RFC 959 replies, RFC 4217 AUTH TLS) for the doctor. An FTP library
 * would hide exactly what the doctor must see: the raw 227 reply, which step timed out, whether the
 * data channel's TLS session was reused. Ordinary transfers go through basic-ftp instead. Replies are
 * read by ./reply's ReplyParser, the one reader every part of ftp-kit uses.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import { ConnectError, connectTcp } from './connect';
import { FtpReply, ReplyParser } from './reply';

/** One line of the control channel as it crossed: `>` sent by us, `<` from the server; passwords masked. */
export type TranscriptLine = (direction: '>' | '<', line: string) => void;

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

  private constructor(
    socket: net.Socket,
    private readonly timeoutMs: number,
    private readonly transcript?: TranscriptLine,
  ) {
    this.socket = socket;
    this.attach(socket);
  }

  /** Connects; `transcript` sees every line that crosses (the argument of PASS masked). */
  static async connect(host: string, port: number, timeoutMs: number, transcript?: TranscriptLine): Promise<FtpControl> {
    return new FtpControl(await connectTcp(host, port, timeoutMs), timeoutMs, transcript);
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
      for (const r of this.parser.push(chunk)) {
        for (const line of r.lines) this.transcript?.('<', line);
        this.deliver(r);
      }
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
        reject(
          new ConnectError('timeout', this.socket.remoteAddress ?? '?', this.socket.remotePort ?? 0, `no reply within ${timeoutMs} ms`),
        );
      }, timeoutMs);
      this.waiter = {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
    });
  }

  /** Sends a command and returns its first reply. */
  async send(command: string, timeoutMs = this.timeoutMs): Promise<FtpReply> {
    if (/[\r\n]/.test(command)) throw new Error('an FTP command cannot contain a line break');
    if (this.closedError) throw this.closedError;
    this.transcript?.('>', /^PASS /i.test(command) ? 'PASS ********' : command);
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
        reject(
          new ConnectError('timeout', plain.remoteAddress ?? '?', plain.remotePort ?? 0, `no TLS handshake within ${this.timeoutMs} ms`),
        );
      }, this.timeoutMs);
      secure.on('session', (session: Buffer) => {
        this.session = session;
      });
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
