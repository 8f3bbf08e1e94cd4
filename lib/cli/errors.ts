import { PolicyError } from '../checks/policy-error';
import { ConfigError } from '../config/load';
import { TerraformError } from '../terraform/runner';

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

export const EXIT_OK = 0;
export const EXIT_USER = 1;
export const EXIT_INTERNAL = 2;

/** Terraform's words for missing or expired AWS credentials (the AWS provider and the S3 backend). */
const CREDENTIALS = new RegExp([
  'no valid credential sources', 'failed to refresh cached credentials', 'NoCredentialProviders', 'InvalidClientTokenId',
  'ExpiredToken', 'SSO session has expired', 'failed to get shared config profile', 'The security token included in the request is invalid',
].join('|'), 'i');
// Not just "registry.terraform.io": every provider error names its source address (provider["registry.terraform.io/…"]).
const REGISTRY = /Failed to query available provider packages|Failed to install provider|could not connect to registry\.terraform\.io/i;

/** What to do about a terraform failure ftp-kit recognises, or undefined. */
export function terraformHint(stderr: string): string | undefined {
  if (CREDENTIALS.test(stderr)) {
    return 'hint: no usable AWS credentials — set AWS_PROFILE (after `aws sso login --profile NAME` for SSO) or AWS_ACCESS_KEY_ID/'
      + 'AWS_SECRET_ACCESS_KEY; or run with --offline to plan and review without an AWS account';
  }
  if (REGISTRY.test(stderr)) {
    return 'hint: the Terraform registry is not reachable — point ftp-kit at a provider mirror with --provider-mirror DIR '
      + '(or FTP_KIT_PROVIDER_MIRROR), or at your own CLI config with --tf-cli-config FILE';
  }
  return undefined;
}

/** Maps an error to the CLI's exit code and prints it once. */
export function reportError(err: unknown, write: (text: string) => void = (t) => process.stderr.write(t)): number {
  if (err instanceof ConfigError || err instanceof UsageError || err instanceof PolicyError) {
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
