/*
 * A raw FTP control channel for tests that assert the server's exact replies: plain TCP, upgraded in
 * place after AUTH TLS, and data connections that reuse the control connection's TLS session (or
 * deliberately do not). Sockets come from a `Connect` function, so the same code talks from the jest
 * process or from inside a test bed namespace (TestBed.connect).
 */
import * as net from 'node:net';
import type { Readable } from 'node:stream';
import * as tls from 'node:tls';
import { parsePasv as parsePasvText, ReplyParser } from '../../lib/ftp/reply';

export interface FtpReply {
  readonly code: number;
  /** The whole reply, lines joined with \n, without the trailing CRLF. */
  readonly text: string;
}

/** Opens a TCP connection to host:port from wherever the test wants it to come from. */
export type Connect = (host: string, port: number) => Promise<net.Socket>;

/** Connects from this process's own network namespace. */
export const directConnect: Connect = (host, port) =>
  new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(
      () => socket.destroy(Object.assign(new Error(`connect ${host}:${port} timed out`), { code: 'ETIMEDOUT' })),
      10000,
    );
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });

export interface TlsProps {
  /** PEM certificate to trust (the server's self-signed one): verification stays on. */
  readonly ca: string;
  /** The name checked against the certificate (an IP address SAN). @default the address connected to */
  readonly host?: string;
}

export interface TransferProps {
  /** Bytes to send (STOR/APPE), at once or as a stream; otherwise the data connection is read to its end. */
  readonly upload?: Buffer | Readable;
  /** Protect the data connection with TLS. @default true once the control connection is TLS */
  readonly tls?: boolean;
  /** Offer the control connection's TLS session on the data connection (what require_ssl_reuse wants). @default true */
  readonly reuseSession?: boolean;
  /** EPSV, not PASV: the data connection goes to the control connection's host (what IPv6 clients use). @default false */
  readonly epsv?: boolean;
}

export interface TransferResult {
  /** Every reply to the command, the preliminary 1xx included. */
  readonly replies: readonly FtpReply[];
  readonly final: FtpReply;
  readonly data: Buffer;
}

const DEFAULT_TIMEOUT_MS = 15000;

/** Parses `227 Entering Passive Mode (h1,h2,h3,h4,p1,p2).` (the doctor's parser, strict about the code). */
export function parsePasv(reply: FtpReply): { host: string; port: number } {
  const target = reply.code === 227 ? parsePasvText(reply.text) : undefined;
  if (!target) throw new Error(`not a 227 reply: ${reply.text}`);
  return { host: target.address, port: target.port };
}

export class RawFtp {
  readonly greeting: FtpReply;
  private socket: net.Socket;
  private readonly parser = new ReplyParser();
  private readonly replies: FtpReply[] = [];
  private waiter: (() => void) | undefined;
  private ended = false;
  private tlsProps: TlsProps | undefined;
  private session: Buffer | undefined;

  private constructor(
    socket: net.Socket,
    private readonly connectFn: Connect,
    private readonly host: string,
    greeting: FtpReply | undefined,
  ) {
    this.socket = socket;
    this.greeting = greeting ?? { code: 0, text: '' };
  }

  /** Connects and reads the greeting (bounded). */
  static async open(connect: Connect, host: string, port: number, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<RawFtp> {
    const socket = await connect(host, port);
    const ftp = new RawFtp(socket, connect, host, undefined);
    ftp.listen(socket);
    const greeting = await ftp.nextReply(timeoutMs);
    (ftp as { greeting: FtpReply }).greeting = greeting;
    return ftp;
  }

  private listen(socket: net.Socket): void {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      // The doctor's reply parser: multi-line replies whole, stray lines dropped.
      for (const reply of this.parser.push(chunk)) {
        this.replies.push({ code: reply.code, text: reply.lines.join('\n') });
        this.wake();
      }
    });
    const end = () => {
      this.ended = true;
      this.wake();
    };
    socket.on('end', end);
    socket.on('close', end);
    socket.on('error', end);
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }

  /** The next reply, waiting at most `timeoutMs`; rejects when the server closes first. */
  async nextReply(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<FtpReply> {
    const deadline = Date.now() + timeoutMs;
    while (this.replies.length === 0) {
      if (this.ended) throw new Error('the server closed the control connection');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no reply within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.replies.shift()!;
  }

  /** Sends one command line and returns the reply to it. */
  async command(line: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<FtpReply> {
    this.send(line);
    return this.nextReply(timeoutMs);
  }

  /** Writes one command line without waiting. */
  send(line: string): void {
    this.socket.write(`${line}\r\n`);
  }

  /** True when the server has closed the control connection, waiting at most `timeoutMs` for it. */
  async closedWithin(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.ended;
  }

  /** AUTH TLS, then the control connection is upgraded in place; the certificate is verified against `ca`. */
  async authTls(props: TlsProps): Promise<FtpReply> {
    const reply = await this.command('AUTH TLS');
    if (reply.code !== 234) return reply;
    this.tlsProps = props;
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('end');
    plain.removeAllListeners('close');
    plain.removeAllListeners('error');
    const secure = tls.connect({ socket: plain, ca: props.ca, host: props.host ?? this.host, servername: undefined });
    // TLS 1.3 hands out its session tickets after the handshake: keep the latest for data connections.
    secure.on('session', (session: Buffer) => {
      this.session = session;
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('TLS handshake on the control connection timed out')), DEFAULT_TIMEOUT_MS);
      secure.once('secureConnect', () => {
        clearTimeout(timer);
        resolve();
      });
      secure.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    this.socket = secure;
    this.listen(secure);
    return reply;
  }

  /** The control connection's TLS details (protocol, cipher, peer certificate), once upgraded. */
  get tlsSocket(): tls.TLSSocket | undefined {
    return this.socket instanceof tls.TLSSocket ? this.socket : undefined;
  }

  /** USER then PASS (when asked for); returns the last reply. */
  async login(user: string, password: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<FtpReply> {
    const reply = await this.command(`USER ${user}`, timeoutMs);
    if (reply.code !== 331) return reply;
    return this.command(`PASS ${password}`, timeoutMs);
  }

  /** PASV: the reply and the address it announces. */
  async pasv(): Promise<{ reply: FtpReply; host: string; port: number }> {
    const reply = await this.command('PASV');
    return { reply, ...parsePasv(reply) };
  }

  /** EPSV: the reply and the port it announces (`229 … (|||port|)`), on the control connection's host. */
  async epsv(): Promise<{ reply: FtpReply; host: string; port: number }> {
    const reply = await this.command('EPSV');
    const port = reply.code === 229 ? /\(\|\|\|(\d+)\|\)/.exec(reply.text)?.[1] : undefined;
    if (port === undefined) throw new Error(`not a 229 reply: ${reply.text}`);
    return { reply, host: this.host, port: Number(port) };
  }

  /**
   * PASV (or EPSV), a data connection to the announced address, the command, then the data: sent
   * (`upload`) or read to its end. Resolves with every reply once the final one has come.
   */
  async transfer(command: string, props: TransferProps = {}): Promise<TransferResult> {
    const { host, port } = props.epsv ? await this.epsv() : await this.pasv();
    const useTls = props.tls ?? this.tlsProps !== undefined;
    const raw = await this.connectFn(host, port);
    const data: net.Socket = useTls
      ? tls.connect({
          socket: raw,
          ca: this.tlsProps?.ca,
          host: this.tlsProps?.host ?? this.host,
          session: props.reuseSession === false ? undefined : (this.session ?? this.tlsSocket?.getSession()),
        })
      : raw;
    const chunks: Buffer[] = [];
    const dataDone = new Promise<void>((resolve) => {
      data.on('data', (chunk: Buffer) => chunks.push(chunk));
      data.on('close', () => resolve());
      data.on('error', () => resolve());
    });
    const replies: FtpReply[] = [await this.command(command)];
    if (replies[0].code >= 100 && replies[0].code < 200) {
      if (Buffer.isBuffer(props.upload)) data.end(props.upload);
      else if (props.upload) props.upload.pipe(data);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        dataDone,
        new Promise((r) => {
          timer = setTimeout(r, DEFAULT_TIMEOUT_MS);
        }),
      ]);
      clearTimeout(timer);
      replies.push(await this.nextReply());
    }
    data.destroy();
    return { replies, final: replies[replies.length - 1], data: Buffer.concat(chunks) };
  }

  /** Closes the control connection without QUIT. */
  close(): void {
    this.socket.destroy();
  }
}
