/*
 * Apart from the runner, so that what only reports the error (lib/cli/errors, loaded by every verb)
 * does not load child_process with it.
 */
/** A terraform command exited non-zero; `stderr` is terraform's own text, verbatim. */
export class TerraformError extends Error {
  constructor(
    readonly command: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    const tail = stderr.trim();
    super(`terraform ${command.join(' ')} failed (exit ${exitCode ?? 'signal'})${tail ? `:\n${tail}` : ''}`);
    this.name = 'TerraformError';
  }
}
