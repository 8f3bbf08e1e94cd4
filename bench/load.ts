/*
 * N concurrent FTPS sessions from one node process: log in over TLS, upload a 1 MiB random file,
 * download it again and compare SHA-256. Every session is counted; a failure keeps the server's
 * exact reply so the report can name it.
 *
 * Two ways to connect:
 * - paced (`connectConcurrency` set): at most that many sessions connect and log in at once; every
 *   session then waits until all N are logged in, and all N transfer at the same time. This measures
 *   what one server carries with N sessions open together.
 * - burst (`connectConcurrency` unset): all N connect in the same instant, as N parallel jobs behind
 *   one NAT would. This finds what a burst of connects does to vsftpd's accept queue.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { Client, enterPassiveModeIPv6 } from 'basic-ftp';
import { ftpFailureReply } from './parse';
import type { Credentials } from './vsftpd';

export interface LoadProps {
  readonly credentials: Credentials;
  readonly sessions: number;
  /** Sessions connecting and logging in at once. @default all of them (a burst) */
  readonly connectConcurrency?: number;
  /** @default 1 MiB */
  readonly fileBytes?: number;
  /** FTPS (explicit TLS) or plain FTP. @default true */
  readonly secure?: boolean;
  /** basic-ftp's per-socket inactivity timeout. @default 30000 */
  readonly timeoutMs?: number;
}

export interface SessionResult {
  readonly ok: boolean;
  /** Connect → logged in, ms. */
  readonly loginMs: number;
  /** Upload + download + compare, ms (0 when the session failed before). */
  readonly transferMs: number;
  /** The failing step and the server's reply (or the client's error), when !ok. */
  readonly failure?: string;
}

export interface LoadResult {
  readonly sessions: readonly SessionResult[];
  readonly failures: number;
  /** Distinct failure texts with their counts, most frequent first. */
  readonly failureReplies: ReadonlyArray<{ readonly reply: string; readonly count: number }>;
  readonly wallMs: number;
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A counting semaphore: at most `limit` holders. */
class Gate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly limit: number) {}
  async acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}

/** Resolves once `count` parties have arrived (a party that failed arrives too, so nobody waits forever). */
class Barrier {
  private arrived = 0;
  private release!: () => void;
  readonly passed = new Promise<void>((resolve) => {
    this.release = resolve;
  });
  constructor(private readonly count: number) {}
  arrive(): Promise<void> {
    this.arrived += 1;
    if (this.arrived >= this.count) this.release();
    return this.passed;
  }
}

async function oneSession(props: LoadProps, index: number, gate: Gate | undefined, barrier: Barrier | undefined): Promise<SessionResult> {
  const size = props.fileBytes ?? 1024 * 1024;
  const payload = randomBytes(size);
  // The jail root is read-only by design; uploads go to files/.
  const remote = `files/session-${index}.bin`;
  const client = new Client(props.timeoutMs ?? 30000);
  // EPSV only (vsftpd supports it): basic-ftp's strategy detection would hide a failing reply behind
  // "None of the available transfer strategies work".
  client.prepareTransfer = enterPassiveModeIPv6;
  let step = 'connect+login';
  let loginMs = 0;
  let transferMs = 0;
  try {
    if (gate) await gate.acquire();
    const started = performance.now();
    try {
      await client.access({
        host: props.credentials.host,
        port: props.credentials.port,
        user: props.credentials.user,
        password: props.credentials.password,
        secure: props.secure ?? true,
        secureOptions: { ca: props.credentials.ca },
      });
    } finally {
      loginMs = performance.now() - started;
      gate?.release();
    }
    if (barrier) {
      step = 'wait for the other sessions';
      await barrier.arrive();
    }
    const transferStarted = performance.now();
    step = 'upload';
    await client.uploadFrom(Readable.from([payload]), remote);
    step = 'download';
    const chunks: Buffer[] = [];
    await client.downloadTo(
      new Writable({
        write(chunk: Buffer, _enc, done) {
          chunks.push(chunk);
          done();
        },
      }),
      remote,
    );
    step = 'compare';
    const back = Buffer.concat(chunks);
    if (sha256(back) !== sha256(payload)) throw new Error(`SHA-256 mismatch: sent ${size} bytes, got ${back.length}`);
    transferMs = performance.now() - transferStarted;
    return { ok: true, loginMs, transferMs };
  } catch (err) {
    if (step === 'connect+login') void barrier?.arrive();
    return { ok: false, loginMs, transferMs, failure: `${step}: ${ftpFailureReply(err)}` };
  } finally {
    client.close();
  }
}

/** Runs the sessions and waits for every one of them. */
export async function runLoad(props: LoadProps): Promise<LoadResult> {
  const started = performance.now();
  const paced = props.connectConcurrency !== undefined;
  const gate = paced ? new Gate(props.connectConcurrency!) : undefined;
  const barrier = paced ? new Barrier(props.sessions) : undefined;
  const sessions = await Promise.all(Array.from({ length: props.sessions }, (_, i) => oneSession(props, i, gate, barrier)));
  const counts = new Map<string, number>();
  for (const s of sessions) if (!s.ok) counts.set(s.failure!, (counts.get(s.failure!) ?? 0) + 1);
  const failureReplies = [...counts].map(([reply, count]) => ({ reply, count })).sort((a, b) => b.count - a.count);
  return { sessions, failures: sessions.filter((s) => !s.ok).length, failureReplies, wallMs: performance.now() - started };
}
