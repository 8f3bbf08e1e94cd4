import { PolicyError } from '../checks/policy-error';
import { ConfigError } from '../config/load';
import { TerraformError } from '../terraform/error';
import { ExitError, UsageError, ValidationError } from '../errors';
import { terraformHint } from '../terraform/hints';

// Defined at the bottom (lib/errors.ts) so that lower layers throw them; re-exported for the verbs.
export { ExitError, UsageError, ValidationError } from '../errors';

export const EXIT_OK = 0;
export const EXIT_USER = 1;
export const EXIT_INTERNAL = 2;

export { terraformHint } from '../terraform/hints';

/** Maps an error to the CLI's exit code and prints it once. */
export function reportError(err: unknown, write: (text: string) => void = (t) => process.stderr.write(t)): number {
  if (err instanceof ConfigError || err instanceof UsageError || err instanceof ValidationError || err instanceof PolicyError) {
    write(`ftp-kit: ${err.message}\n`);
    return EXIT_USER;
  }
  if (err instanceof TerraformError) {
    // Terraform's own words, verbatim: it knows best what went wrong in its run.
    write(`ftp-kit: ${err.message}\n`);
    const hint = terraformHint(err.stderr);
    if (hint) write(`ftp-kit: ${hint}\n`);
    return EXIT_USER;
  }
  if (err instanceof ExitError) {
    write(`ftp-kit: ${err.message}\n`);
    return err.exitCode;
  }
  const error = err as Error;
  write(`ftp-kit: internal error: ${error?.message ?? String(err)}\n`);
  if (process.env.FTP_KIT_DEBUG) write(`${error?.stack ?? ''}\n`);
  else write('(set FTP_KIT_DEBUG=1 for the stack trace; please report it)\n');
  return EXIT_INTERNAL;
}
