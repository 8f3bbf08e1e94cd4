import { Construct } from 'constructs';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { ValidationError } from '../errors';

export interface FtpUserSecretsProps {
  /** Server name: secrets are named `ftp-kit/<name>/<user>-<random suffix>`. */
  readonly name: string;
  /** FTP user names. */
  readonly users: readonly string[];
  /**
   * Days a deleted secret can still be restored (0 deletes at once, else 7–30).
   * @default 7
   */
  readonly recoveryWindowDays?: number;
}

/**
 * One Secrets Manager secret per user, created EMPTY: Terraform makes only the container (no
 * aws_secretsmanager_secret_version), and the instance stores the password it generates at first
 * boot. So no password is ever in Terraform's state, plan, user-data or logs.
 *
 * The names carry a random suffix (name_prefix): a secret in its recovery window still holds its
 * name, and a fixed name would make destroy-then-deploy fail for a week.
 *
 * Construct IDs: `User-<name>` (aws_secretsmanager_secret).
 */
export class FtpUserSecrets extends Construct {
  /** user name → secret ARN. */
  public readonly secretArns: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: FtpUserSecretsProps) {
    super(scope, id);
    const days = props.recoveryWindowDays ?? 7;
    if (!(days === 0 || (Number.isInteger(days) && days >= 7 && days <= 30))) {
      throw new ValidationError(
        `FtpUserSecrets ${this.node.path}: recoveryWindowDays ${days} — Secrets Manager accepts 0 or 7–30 — use 7`,
        this,
      );
    }
    const arns: Record<string, string> = {};
    for (const user of props.users) {
      arns[user] = new SecretsmanagerSecret(this, `User-${user}`, {
        namePrefix: `ftp-kit/${props.name}/${user}-`,
        description: `FTP password of ${user} on ftp-kit server ${props.name}; written by the server at first boot`,
        recoveryWindowInDays: days,
        tags: { 'ftp-kit:user': user },
      }).arn;
    }
    this.secretArns = arns;
  }
}
