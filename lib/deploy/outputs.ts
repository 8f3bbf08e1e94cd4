import { OUTPUT_NAMES } from '../stack/app';

/** The stack's outputs (`terraform output -json`), typed: what deploy, outputs and doctor read. */
export interface StackOutputs {
  readonly publicIp: string;
  readonly endpoint: string;
  readonly instanceId?: string;
  readonly securityGroupId?: string;
  readonly prefixListIds?: readonly string[];
  readonly dataVolumeId?: string;
  readonly availabilityZone?: string;
  /** user → secret ARN. */
  readonly userSecretArns: Readonly<Record<string, string>>;
  /** The SNS topic the alarms notify. */
  readonly alarmTopicArn?: string;
  /** The CloudWatch Logs log group with the server's logs. */
  readonly logGroupName?: string;
  /** Self-signed: the SSM parameter the server publishes its certificate's SHA-256 fingerprint to. */
  readonly certificateFingerprintParameter?: string;
}

type Raw = Record<string, { value?: unknown } | undefined>;

/** Reads `terraform output -json`; refuses (naming the output) when the stack has not been applied. */
export function parseOutputs(raw: unknown): StackOutputs {
  const outputs = (raw ?? {}) as Raw;
  const value = (name: (typeof OUTPUT_NAMES)[number]) => outputs[name]?.value;
  const publicIp = value('public_ip');
  const endpoint = value('endpoint');
  if (typeof publicIp !== 'string' || typeof endpoint !== 'string') {
    throw new Error(`the stack has no public_ip/endpoint output (got ${Object.keys(outputs).join(', ') || 'none'}): has it been deployed?`);
  }
  const arns = value('user_secret_arns');
  return {
    publicIp,
    endpoint,
    instanceId: optionalString(value('instance_id')),
    securityGroupId: optionalString(value('security_group_id')),
    prefixListIds: Array.isArray(value('prefix_list_ids')) ? (value('prefix_list_ids') as string[]) : undefined,
    dataVolumeId: optionalString(value('data_volume_id')),
    availabilityZone: optionalString(value('availability_zone')),
    userSecretArns: arns && typeof arns === 'object' ? (arns as Record<string, string>) : {},
    alarmTopicArn: optionalString(value('alarm_topic_arn')),
    logGroupName: optionalString(value('log_group_name')),
    certificateFingerprintParameter: optionalString(value('certificate_fingerprint_parameter')),
  };
}

const optionalString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A shell word: ARNs and regions never need quoting, but a value from a state file is not trusted. */
function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:@=+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The command that prints a user's password: it never passes through ftp-kit, Terraform or a log. */
export function passwordCommand(secretArn: string, region: string): string {
  return (
    `aws secretsmanager get-secret-value --region ${shellQuote(region)} ` +
    `--secret-id ${shellQuote(secretArn)} --query SecretString --output ` +
    `text`
  );
}

/** The command that shows the instance's boot log (cloud-init's progress and errors). */
export function consoleOutputCommand(instanceId: string, region: string): string {
  return `aws ec2 get-console-output --region ${shellQuote(region)} --instance-id ${shellQuote(instanceId)} --latest --output text`;
}

/** What `ftp-kit outputs` and the end of `deploy` print. */
export function formatOutputs(
  outputs: StackOutputs,
  region: string,
  extra: { certificateFingerprint?: string; controlPort?: number; passive?: { from: number; to: number } } = {},
): string {
  const lines = [`endpoint:     ${outputs.endpoint}  (explicit FTPS: AUTH TLS, passive mode)`, `public IP:    ${outputs.publicIp}`];
  if (extra.certificateFingerprint)
    lines.push(`certificate:  SHA-256 ${extra.certificateFingerprint}  (self-signed: partners compare this fingerprint on first connect)`);
  if (outputs.certificateFingerprintParameter) {
    lines.push(
      `fingerprint:  aws ssm get-parameter --region ${shellQuote(region)} --name ${shellQuote(outputs.certificateFingerprintParameter)} ` +
        '--query Parameter.Value --output text  (SHA-256 of the self-signed certificate, published by the server)',
    );
  }
  if (outputs.instanceId)
    lines.push(`instance:     ${outputs.instanceId}  (shell: aws ssm start-session --region ${region} --target ${outputs.instanceId})`);
  if (outputs.dataVolumeId) lines.push(`data volume:  ${outputs.dataVolumeId}  (snapshotted daily; restore: docs/operations.md)`);
  if (outputs.logGroupName) {
    lines.push(`logs:         ${outputs.logGroupName}  (aws logs tail --region ${region} --follow ${outputs.logGroupName})`);
  }
  if (outputs.alarmTopicArn) lines.push(`alarms:       ${outputs.alarmTopicArn}`);
  const users = Object.entries(outputs.userSecretArns);
  if (users.length > 0) {
    lines.push('passwords (generated on the server at first boot; read them with):');
    for (const [user, arn] of users) lines.push(`  ${user}: ${passwordCommand(arn, region)}`);
  }
  if (users.length > 0 && extra.controlPort !== undefined) {
    const [user] = users[0];
    const passive = extra.passive ? ` --expect-passive ${extra.passive.from}-${extra.passive.to}` : '';
    lines.push("check it end to end from a partner's network:");
    lines.push(`  FTP_PASSWORD=$(${passwordCommand(outputs.userSecretArns[user], region)}) \\`);
    lines.push(
      `    ftp-kit doctor ${outputs.publicIp} --port ${extra.controlPort} --user ${user} --password-env FTP_PASSWORD${passive} --insecure`,
    );
  }
  return lines.join('\n');
}
