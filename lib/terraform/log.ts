/*
 * Terraform's chatter goes to a log file beside the stack, not the screen: a failure prints terraform's
 * error once, the hint ftp-kit has for it, and the log's name. With `show`, it streams there as well.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { ExitError } from '../errors';
import { terraformHint } from './hints';
import { TerraformError } from './runner';

/** The CLI's exit code for a user error (lib/cli/errors.ts EXIT_USER): terraform failed on the user's input or set-up. */
const EXIT_USER = 1;

/** Writes each chunk to every stream. */
function tee(...streams: Writable[]): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      for (const s of streams) s.write(chunk);
      done();
    },
  });
}

export interface TerraformLogProps {
  readonly stackDir: string;
  /** Also stream terraform's output here (`--verbose`). @default only the log */
  readonly show?: Writable;
  /** Relative names in messages are relative to this. @default process.cwd() */
  readonly cwd?: string;
}

/** `<stack>/.ftp-kit/terraform.log`. */
export function terraformLogFile(stackDir: string): string {
  return path.join(stackDir, '.ftp-kit', 'terraform.log');
}

/** Runs `body` with terraform's output going to the log; a TerraformError becomes one ExitError (exit 1). */
export async function withTerraformLog<T>(props: TerraformLogProps, body: (output: Writable) => Promise<T>): Promise<T> {
  const file = terraformLogFile(props.stackDir);
  mkdirSync(path.dirname(file), { recursive: true });
  const log = createWriteStream(file);
  try {
    return await body(props.show ? tee(log, props.show) : log);
  } catch (err) {
    if (!(err instanceof TerraformError)) throw err;
    // Terraform's error once (it is above already when streamed), what to do, and where the whole run is.
    const shown = props.show ? `terraform ${err.command[0]} failed (exit ${err.exitCode ?? 'signal'}); its output is above` : err.message;
    const hint = terraformHint(err.stderr);
    const near = path.relative(props.cwd ?? process.cwd(), file);
    const where = near && !near.startsWith('..') ? near : file;
    throw new ExitError(`${shown}${hint ? `\nftp-kit: ${hint}` : ''}\nftp-kit: terraform's full output: ${where}`, EXIT_USER);
  } finally {
    // Wait until the bytes are on disk, so that the log named in the message is complete.
    await new Promise<void>((resolve) => log.end(resolve));
  }
}
