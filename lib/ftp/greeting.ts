import * as net from 'node:net';
import { ReplyParser } from './reply';

export interface WaitForGreetingProps {
  /** Give up after this long. @default 10000 */
  readonly timeoutMs?: number;
  /** Pause between attempts. @default 100 */
  readonly intervalMs?: number;
  /** Stops waiting at once (e.g. when the server process exited); the reason becomes the error. */
  readonly signal?: AbortSignal;
  /** Called after each failed attempt with the time waited so far and the reason: a progress display. @default none */
  readonly onWait?: (elapsedMs: number, reason: string) => void;
}

class PermanentRefusal extends Error {}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason ?? 'aborted'));
}

/** One attempt: connect, read the first reply, close. Resolves with the greeting line. */
function greetOnce(host: string, port: number, signal: AbortSignal | undefined): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const socket = net.connect({ host, port });
    const parser = new ReplyParser();
    let text = '';
    const done = (err?: Error) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      if (err) reject(err);
      else resolve(text.trim());
    };
    const onAbort = () => done(abortError(signal!));
    const timer = setTimeout(() => done(new Error('no greeting within 2 s')), 2000);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('data', (data) => {
      const chunk = data.toString('latin1');
      text += chunk;
      // The control channel's one reply reader: a multi-line 220 greets only once it is complete.
      const greeting = parser.push(chunk)[0];
      if (!greeting) {
        if (text.includes('\n') && !/^\d{3}[ -]/.test(text)) done(new Error(`greeting ${JSON.stringify(text.trim())}`));
        return;
      }
      text = greeting.text;
      if (greeting.code === 220) done();
      else done(greeting.code >= 500 ? new PermanentRefusal(greeting.text) : new Error(`greeting ${JSON.stringify(greeting.text)}`));
    });
    socket.once('error', (err) => done(err));
    socket.once('end', () => done(new Error(`connection closed${text ? ` after ${JSON.stringify(text.trim())}` : ' without a greeting'}`)));
  });
}

/**
 * Resolves with the greeting once host:port answers with an FTP "220"; bounded by `timeoutMs`, never
 * a fixed sleep. Rejects at once when `signal` aborts or the server greets with a 5xx refusal.
 */
export async function waitForGreeting(host: string, port: number, props: WaitForGreetingProps = {}): Promise<string> {
  const timeoutMs = props.timeoutMs ?? 10000;
  const started = Date.now();
  const deadline = started + timeoutMs;
  let last = 'no attempt';
  while (Date.now() < deadline) {
    if (props.signal?.aborted) throw abortError(props.signal);
    try {
      return await greetOnce(host, port, props.signal);
    } catch (err) {
      if (props.signal?.aborted) throw abortError(props.signal);
      // A 5xx greeting ("500 OOPS: …") is the server refusing every session: waiting will not change it.
      if (err instanceof PermanentRefusal) throw new Error(`${host}:${port} refuses sessions: ${err.message}`);
      last = (err as Error).message;
      props.onWait?.(Date.now() - started, last);
      await new Promise((r) => setTimeout(r, Math.min(props.intervalMs ?? 100, Math.max(0, deadline - Date.now()))));
    }
  }
  throw new Error(`${host}:${port} did not greet within ${timeoutMs} ms (last: ${last})`);
}
