/*
 * The app both entry points build: `ftp-kit synth` (lib/stack/synth.ts) and cdktf's `app`
 * (bin/app.ts). The outputs are declared here, outside the constructs, so that a stack that reuses
 * FtpServer chooses its own.
 */
import { App, TerraformOutput } from 'cdktf';
import { PolicyChecks } from '../checks/aspect';
import { acknowledgementsOf } from '../checks/acknowledge';
import { FtpKitConfig } from '../config/schema';
import { FtpKitStack } from '../constructs/stack';
import { FtpServer } from '../constructs/server';
import type { FtpKitContainerStack } from '../constructs/container-stack';

/** Names of the stack's outputs: `terraform output -json` keys, read by the CLI and the doctor. */
export const OUTPUT_NAMES = [
  'public_ip',
  'endpoint',
  'instance_id',
  'security_group_id',
  'prefix_list_ids',
  'data_volume_id',
  'availability_zone',
  'user_secret_arns',
  'alarm_topic_arn',
  'log_group_name',
  'certificate_fingerprint_parameter',
] as const;

export function addServerOutputs(stack: FtpKitStack, server: FtpServer): void {
  const out = (name: (typeof OUTPUT_NAMES)[number], value: unknown, description: string) =>
    new TerraformOutput(stack, name, { value, description, staticId: true });
  out('public_ip', server.publicIp, 'Elastic IP of the FTP server (pasv_address)');
  out('endpoint', server.endpoint, 'Connect with explicit FTPS (AUTH TLS)');
  out('instance_id', server.instanceId, 'EC2 instance: aws ssm start-session --target <id>');
  out('security_group_id', server.securityGroupId, 'Security group with the FTP rules');
  out('prefix_list_ids', server.prefixListIds, 'Managed prefix lists of the allowlist');
  out('data_volume_id', server.dataVolumeId, "EBS volume holding the users' files");
  out('availability_zone', server.availabilityZone, 'Zone of the instance and the data volume');
  out('user_secret_arns', server.userSecretArns, "user -> Secrets Manager secret holding that user's password");
  out('alarm_topic_arn', server.alarmTopicArn, 'SNS topic the alarms notify (subscribe to it, or set alerts.email)');
  out('log_group_name', server.logGroupName, "CloudWatch Logs log group with the server's logs");
  // Self-signed only: the other modes' certificates are checked by clients against public or partner CAs.
  if (server.certificate.fingerprintParameterName) {
    out(
      'certificate_fingerprint_parameter',
      server.certificate.fingerprintParameterName,
      "SSM parameter holding the certificate's SHA-256 fingerprint",
    );
  }
}

export interface BuildAppProps {
  readonly config: FtpKitConfig;
  /** cdktf output folder. @default cdktf's (CDKTF_OUTDIR, else cdktf.out) */
  readonly outdir?: string;
  /** Folder a relative local state path is relative to. @default process.cwd() */
  readonly workingDirectory?: string;
  /** Stop synthesis on unacknowledged high findings (see PolicyChecksProps.enforce). @default true */
  readonly enforcePolicy?: boolean;
}

/**
 * App + FtpKitStack (id = config.name) + outputs + the policy rules at synthesis (acknowledged by
 * the config's `acknowledge` and `allowPublic`; PolicyChecks.checkAtSynthesis). Call `app.synth()` to write it: an unacknowledged
 * high finding throws PolicyError instead; `checks.findings` holds what was reported.
 */
export function buildApp(props: BuildAppProps): { app: App; stack: FtpKitStack | FtpKitContainerStack; checks: PolicyChecks } {
  // cdktf's own validations would spawn `terraform version` on every synth (for terraform_data):
  // ~0.35 s of a cold synth. Terraform's version is checked where terraform runs, not here.
  const app = new App({ outdir: props.outdir, skipValidation: true });
  const stackProps = { config: props.config, workingDirectory: props.workingDirectory };
  let stack: FtpKitStack | FtpKitContainerStack;
  if (props.config.target === 'ecs') {
    // Loaded for target ecs only: an EC2 synth does not compile the ECS, ELB and EFS modules (~35 ms cold).
    const { FtpKitContainerStack } = require('../constructs/container-stack') as typeof import('../constructs/container-stack');
    const { addContainerOutputs } = require('./container-outputs') as typeof import('./container-outputs');
    stack = new FtpKitContainerStack(app, props.config.name, stackProps);
    addContainerOutputs(stack, stack.server);
  } else {
    stack = new FtpKitStack(app, props.config.name, stackProps);
    addServerOutputs(stack, stack.server);
  }
  const checks = new PolicyChecks({ acknowledgements: acknowledgementsOf(props.config), enforce: props.enforcePolicy });
  // On the JSON that is written, after every Aspect: a library user's Aspects on the returned stack are checked too.
  checks.checkAtSynthesis(stack);
  return { app, stack, checks };
}
