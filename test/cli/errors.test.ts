import { ConfigError } from '../../lib/config/load';
import { EXIT_INTERNAL, EXIT_USER, reportError, UsageError } from '../../lib/cli/errors';
import { TerraformError } from '../../lib/terraform/runner';
import { ValidationError } from '../../lib/errors';

function report(err: unknown): { code: number; text: string } {
  let text = '';
  const code = reportError(err, (t) => {
    text += t;
  });
  return { code, text };
}

describe('reportError', () => {
  test('GIVEN a config error THEN exit 1 and its message once', () => {
    const { code, text } = report(
      new ConfigError([{ field: 'banner', value: 'a\nb', problem: 'must be one line', fix: 'remove line breaks' }]),
    );
    expect(code).toBe(EXIT_USER);
    expect(text).toBe('ftp-kit: invalid config (1 problem):\n  banner: "a\\nb" — must be one line — remove line breaks\n');
  });
  test('GIVEN a usage error THEN exit 1', () => {
    expect(report(new UsageError('--public-ip: "x" — is not an IPv4 address')).code).toBe(EXIT_USER);
  });
  test('GIVEN a construct used wrongly (ValidationError) THEN exit 1 and its message, not an internal error', () => {
    const { code, text } = report(
      new ValidationError('FtpAllowList ftp/allow: allow is empty — list at least one CIDR', { node: { path: 'ftp/allow' } }),
    );
    expect(code).toBe(EXIT_USER);
    expect(text).toBe('ftp-kit: FtpAllowList ftp/allow: allow is empty — list at least one CIDR\n');
  });
  test("GIVEN a terraform failure THEN exit 1, terraform's words verbatim, and a hint when the registry is unreachable", () => {
    const { code, text } = report(new TerraformError(['init'], 1, 'Error: could not connect to registry.terraform.io'));
    expect(code).toBe(EXIT_USER);
    expect(text).toContain('terraform init failed (exit 1):\nError: could not connect to registry.terraform.io');
    expect(text).toContain('--provider-mirror DIR');
  });
  test('GIVEN missing AWS credentials THEN the credential hint, not the registry one (the error names registry.terraform.io too)', () => {
    const stderr = 'Error: No valid credential sources found\n\n  with provider["registry.terraform.io/hashicorp/aws"],';
    const { text } = report(new TerraformError(['plan'], 1, stderr));
    expect(text).toContain('hint: no usable AWS credentials — set AWS_PROFILE');
    expect(text).not.toContain('--provider-mirror');
  });
  test('GIVEN anything else THEN exit 2 as an internal error', () => {
    const { code, text } = report(new Error('boom'));
    expect(code).toBe(EXIT_INTERNAL);
    expect(text).toMatch(/^ftp-kit: internal error: boom\n/);
  });
});
