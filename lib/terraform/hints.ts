/*
 * What to tell the user about a terraform failure ftp-kit recognises: shared by the verbs' error
 * report and the terraform log (lib/terraform/log.ts), so it lives with terraform, below both.
 */

/** Terraform's words for missing or expired AWS credentials (the AWS provider and the S3 backend). */
const CREDENTIALS = new RegExp(
  [
    'no valid credential sources',
    'failed to refresh cached credentials',
    'NoCredentialProviders',
    'InvalidClientTokenId',
    'ExpiredToken',
    'SSO session has expired',
    'failed to get shared config profile',
    'The security token included in the request is invalid',
  ].join('|'),
  'i',
);
// Not just "registry.terraform.io": every provider error names its source address (provider["registry.terraform.io/…"]).
const REGISTRY = /Failed to query available provider packages|Failed to install provider|could not connect to registry\.terraform\.io/i;

/** What to do about a terraform failure ftp-kit recognises, or undefined. */
export function terraformHint(stderr: string): string | undefined {
  if (CREDENTIALS.test(stderr)) {
    return (
      'hint: no usable AWS credentials — set AWS_PROFILE (after `aws sso login --profile NAME` for SSO) or AWS_ACCESS_KEY_ID/' +
      'AWS_SECRET_ACCESS_KEY; or run with --offline to plan and review without an AWS account'
    );
  }
  if (REGISTRY.test(stderr)) {
    return (
      'hint: the Terraform registry is not reachable — point ftp-kit at a provider mirror with --provider-mirror DIR ' +
      '(or FTP_KIT_PROVIDER_MIRROR), or at your own CLI config with --tf-cli-config FILE'
    );
  }
  return undefined;
}
