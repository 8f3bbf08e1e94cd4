import { Construct } from 'constructs';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { PolicyStatement } from './certificate';
import { partitionOf } from './partition';
import { ValidationError } from '../errors';

export interface FtpInstanceRoleProps {
  /** Name prefix of the role and the instance profile. */
  readonly name: string;
  /** Region of the stack: picks the ARN partition of the managed policy. */
  readonly region: string;
  /** The users' secret ARNs: the only resources the instance may write. */
  readonly secretArns: readonly string[];
  /**
   * What the CloudWatch agent ships to: streams of this log group only, metrics in this namespace only.
   * @default no CloudWatch permissions
   */
  readonly cloudWatchAgent?: { readonly logGroupArn: string; readonly metricNamespace: string };
  /** What the certificate's mode needs (FtpCertificate.policyStatements), in its own inline policy. @default none */
  readonly certificateStatements?: readonly PolicyStatement[];
}

/**
 * The instance's IAM role and instance profile: AWS's AmazonSSMManagedInstanceCore (Session Manager
 * instead of SSH), plus `secretsmanager:PutSecretValue` on exactly the users' secrets. Nothing reads
 * a secret: the server knows which passwords it has made from its own password file on the data
 * volume, so GetSecretValue/DescribeSecret would only widen what a compromised box can learn.
 *
 * With `cloudWatchAgent`, the agent's needs and no more (narrower than CloudWatchAgentServerPolicy: one
 * log group, one metric namespace, no SSM parameter reads, no ec2:DescribeTags).
 *
 * Construct IDs: `Role`, `SsmCore` (policy attachment), `WriteUserSecrets` (inline policy),
 * `CloudWatchAgent` (inline policy, with `cloudWatchAgent`), `Certificate` (inline policy, when
 * certificateStatements are given), `Profile`.
 */
export class FtpInstanceRole extends Construct {
  public readonly roleName: string;
  public readonly roleArn: string;
  public readonly instanceProfileName: string;
  public readonly instanceProfileArn: string;

  constructor(scope: Construct, id: string, props: FtpInstanceRoleProps) {
    super(scope, id);
    if (props.secretArns.length === 0)
      throw new ValidationError(`FtpInstanceRole ${this.node.path}: secretArns is empty — pass FtpUserSecrets.secretArns`, this);
    const role = new IamRole(this, 'Role', {
      namePrefix: `${props.name}-ftp-`,
      description: `ftp-kit ${props.name}: FTP server instance (SSM Session Manager, writes its users' passwords)`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    });
    new IamRolePolicyAttachment(this, 'SsmCore', {
      role: role.name,
      policyArn: `arn:${partitionOf(props.region)}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
    });
    new IamRolePolicy(this, 'WriteUserSecrets', {
      name: 'write-user-secrets',
      role: role.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'StoreGeneratedPasswords',
            Effect: 'Allow',
            Action: ['secretsmanager:PutSecretValue'],
            Resource: [...props.secretArns],
          },
        ],
      }),
    });
    if (props.cloudWatchAgent) {
      const { logGroupArn, metricNamespace } = props.cloudWatchAgent;
      new IamRolePolicy(this, 'CloudWatchAgent', {
        name: 'cloudwatch-agent',
        role: role.id,
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'ShipServerLogs',
              Effect: 'Allow',
              Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
              // `<group>:*`: the group's streams, and the form IAM matches DescribeLogStreams against.
              Resource: [logGroupArn, `${logGroupArn}:*`],
            },
            {
              Sid: 'PutServerMetrics',
              Effect: 'Allow',
              Action: 'cloudwatch:PutMetricData',
              Resource: '*',
              Condition: { StringEquals: { 'cloudwatch:namespace': metricNamespace } },
            },
          ],
        }),
      });
    }
    if (props.certificateStatements?.length) {
      new IamRolePolicy(this, 'Certificate', {
        name: 'certificate',
        role: role.id,
        policy: JSON.stringify({ Version: '2012-10-17', Statement: props.certificateStatements }),
      });
    }
    const profile = new IamInstanceProfile(this, 'Profile', { namePrefix: `${props.name}-ftp-`, role: role.name });
    this.roleName = role.name;
    this.roleArn = role.arn;
    this.instanceProfileName = profile.name;
    this.instanceProfileArn = profile.arn;
  }
}
