import type { Writable } from 'node:stream';

/** Progress of a multi-step command, on stderr. */
export interface StepReporter {
  /** Starts a step (ending the one before, as done). */
  start(label: string): void;
  /** Ends the running step as done. */
  done(): void;
  /** Ends the running step as failed. */
  fail(): void;
}

export interface StepReporterProps {
  readonly stream: Writable;
  /** Number of steps, for `[n/total]`. */
  readonly total: number;
  /**
   * A live step list (✔/✖, durations, one line rewritten per step); plain `[n/total] step` lines otherwise.
   * @default stream is a TTY and CI is unset
   */
  readonly tty?: boolean;
}

/** True when `stream` is a terminal a person watches (not CI, not a pipe). */
export function isInteractive(stream: Writable, env: NodeJS.ProcessEnv = process.env): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true && !env.CI;
}

export function stepReporter(props: StepReporterProps): StepReporter {
  const { stream, total } = props;
  const tty = props.tty ?? isInteractive(stream);
  let n = 0;
  let running: { label: string; started: number } | undefined;
  const end = (mark: string) => {
    if (!running) return;
    if (tty)
      stream.write(`\r\x1b[2K  ${mark} [${n}/${total}] ${running.label} (${((Date.now() - running.started) / 1000).toFixed(1)} s)\n`);
    running = undefined;
  };
  return {
    start(label) {
      end('✔');
      n += 1;
      running = { label, started: Date.now() };
      stream.write(tty ? `  … [${n}/${total}] ${label}` : `[${n}/${total}] ${label}\n`);
    },
    done: () => end('✔'),
    fail: () => end('✖'),
  };
}
