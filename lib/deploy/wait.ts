import { FtpControl } from '../doctor/control';

export interface WaitForBannerProps {
  readonly host: string;
  readonly port: number;
  /** Give up after this long. @default 900 (a first boot installs packages) */
  readonly timeoutSeconds?: number;
  /** Pause between attempts. @default 5 */
  readonly intervalSeconds?: number;
  /** Called after each failed attempt with the seconds waited so far and the last reason. @default none */
  readonly onWait?: (elapsedSeconds: number, reason: string) => void;
}

/** Waits, bounded, until host:port greets with `220`; returns the banner. Throws with the last reason on timeout. */
export async function waitForBanner(props: WaitForBannerProps): Promise<string> {
  const timeoutMs = (props.timeoutSeconds ?? 900) * 1000;
  const intervalMs = (props.intervalSeconds ?? 5) * 1000;
  const started = Date.now();
  let last = 'no attempt yet';
  for (let attempt = 0; Date.now() - started < timeoutMs && attempt < 100000; attempt++) {
    const left = timeoutMs - (Date.now() - started);
    let control: FtpControl | undefined;
    try {
      control = await FtpControl.connect(props.host, props.port, Math.min(5000, left));
      const greeting = await control.read(Math.min(5000, left));
      if (greeting.code === 220) return greeting.text;
      last = `answered ${greeting.text}`;
    } catch (err) {
      last = (err as Error).message;
    } finally {
      control?.close();
    }
    props.onWait?.(Math.round((Date.now() - started) / 1000), last);
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, Math.max(0, timeoutMs - (Date.now() - started)))));
  }
  throw new BannerTimeout(props.host, props.port, props.timeoutSeconds ?? 900, last);
}

export class BannerTimeout extends Error {
  constructor(readonly host: string, readonly port: number, readonly timeoutSeconds: number, readonly lastReason: string) {
    super(`${host}:${port} did not greet within ${timeoutSeconds} s (last: ${lastReason})`);
    this.name = 'BannerTimeout';
  }
}
