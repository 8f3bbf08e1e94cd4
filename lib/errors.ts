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
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'ExitError';
  }
}

/**
 * A user mistake in how a construct is used (an empty list, a missing id, a second attachment), as
 * aws-cdk's ValidationError: the message and the path of the construct at fault. The CLI reports it
 * as a user error (exit 1), not as an internal one.
 */
export class ValidationError extends Error {
  /** Path of the construct at fault (`stack/server/allowlist`). */
  readonly constructPath: string;

  constructor(message: string, scope: { readonly node: { readonly path: string } }) {
    super(message);
    this.name = 'ValidationError';
    this.constructPath = scope.node.path;
  }
}
