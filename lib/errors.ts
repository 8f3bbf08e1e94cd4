/*
 * The error types every layer may throw: the bottom of the house (imports nothing of ftp-kit).
 * The CLI maps them to exit codes (lib/cli/errors.ts); a library user catches them by class.
 */

/** A mistake of the caller (a flag, a file, the environment): exit 1 with one clear message. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A failure already explained (e.g. terraform's output is above): print the message, exit with the code. */
export class ExitError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
    this.name = 'ExitError';
  }
}
