/*
 * Colour for terminals only: on when the stream is a TTY, off for pipes and files, off with NO_COLOR
 * (https://no-color.org: any non-empty value) or --no-color, on with FORCE_COLOR (as node and chalk do).
 */

export type Hue = 'red' | 'yellow' | 'green' | 'cyan' | 'dim' | 'bold';

const CODES: Record<Hue, [number, number]> = {
  red: [31, 39],
  yellow: [33, 39],
  green: [32, 39],
  cyan: [36, 39],
  dim: [2, 22],
  bold: [1, 22],
};

/** Paints text in a hue, or returns it as it is when colour is off. */
export type Paint = (hue: Hue, text: string) => string;

export const plain: Paint = (_hue, text) => text;

export function painter(enabled: boolean): Paint {
  if (!enabled) return plain;
  return (hue, text) => `\u001b[${CODES[hue][0]}m${text}\u001b[${CODES[hue][1]}m`;
}

export interface ColorChoice {
  /** --no-color was given. @default false */
  readonly noColor?: boolean;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** Whether to colour what goes to `stream`. */
export function colorEnabled(stream: { readonly isTTY?: boolean }, choice: ColorChoice = {}): boolean {
  const env = choice.env ?? process.env;
  if (choice.noColor || (env.NO_COLOR ?? '') !== '') return false;
  if ((env.FORCE_COLOR ?? '') !== '' && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}
