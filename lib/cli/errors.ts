import { PolicyError } from '../checks/policy-error';
import { ConfigError } from '../config/load';
import { TerraformError } from '../terraform/runner';
import { ExitError, UsageError, ValidationError } from '../errors';

// Defined at the bottom (lib/errors.ts) so that lower layers throw them; re-exported for the verbs.
export { ExitError, UsageError, ValidationError } from '../errors';

export const EXIT_OK = 0;
export const EXIT_USER = 1;
export const EXIT_INTERNAL = 2;

/** Maps an error to the CLI's exit code and prints it once. */
export function reportError(err: unknown, write: (text: string) => void = (t) => process.stderr.write(t)): number {
  if (err instanceof ConfigError || err instanceof UsageError || err instanceof ValidationError || err instanceof PolicyError) {
    write(`ftp-kit: ${err.message}\n`);
    return EXIT_USER;
  }
  if (err instanceof TerraformError) {
    // Terraform's own words, verbatim: it knows best what went wrong in its run.
    write(`ftp-kit: ${err.message}\n`);
    if (/registry\.terraform\.io/.test(err.stderr)) {
      write('ftp-kit: hint: the Terraform registry is not reachable — point ftp-kit at a provider mirror with --provider-mirror DIR (or FTP_KIT_PROVIDER_MIRROR), or at your own CLI config with --tf-cli-config FILE\n');
    }
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
