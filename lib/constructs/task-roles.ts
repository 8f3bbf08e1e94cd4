import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';

export interface FtpTaskRolesProps {
  /** Name prefix of the roles. */
  readonly name: string;
}

/** What the roles may touch: `FtpTaskRoles.grant`. */
export interface FtpTaskGrants {
  /** The image repository: the only one the task may pull from. */
  readonly repositoryArn: string;
  /** The log group the container logs to (its ARN, without `:*`). */
  readonly logGroupArn: string;
  /** The users' password secrets: injected into the container at start. */
  readonly secretArns: readonly string[];
  /** The passive ports' target groups: the only ones the task may (de)register itself in. */
  readonly targetGroupArns: readonly string[];
  /** The EFS file system the task mounts (IAM authorization). */
  readonly fileSystemArn: string;
  /** Its access point: the only way in. */
  readonly accessPointArn: string;
}

const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/**
 * The two roles of the FTP task. The execution role (used by ECS, before the container runs) pulls
 * the image, writes the log group and reads the users' secrets. The task role (the container's own)
 * may only register itself in, and deregister from, the passive ports' target groups and mount the
 * file system through its access point. Every statement names its exact resources, except
 * ecr:GetAuthorizationToken, which has none.
 *
 * Construct IDs: `ExecutionRole`, `ExecutionPolicy`, `TaskRole`, `TaskPolicy`.
 */
export class FtpTaskRoles extends Construct {
  public readonly executionRoleArn: string;
  public readonly taskRoleArn: string;
  /** The account id, taken from the execution role's ARN (no data source: plans run offline). */
  public readonly accountId: string;
  private readonly executionRoleId: string;
  private readonly taskRoleId: string;
  private granted = false;

  constructor(scope: Construct, id: string, props: FtpTaskRolesProps) {
    super(scope, id);
    const execution = new IamRole(this, 'ExecutionRole', {
      namePrefix: `${props.name}-ftp-exec-`,
      description: `ftp-kit ${props.name}: ECS starts the FTP task (image, logs, user secrets)`,
      assumeRolePolicy: trust,
    });
    const task = new IamRole(this, 'TaskRole', {
      namePrefix: `${props.name}-ftp-task-`,
      description: `ftp-kit ${props.name}: the FTP container (joins its passive target groups, mounts its files)`,
      assumeRolePolicy: trust,
    });
    this.executionRoleArn = execution.arn;
    this.taskRoleArn = task.arn;
    this.accountId = Fn.element(Fn.split(':', execution.arn), 4);
    this.executionRoleId = execution.id;
    this.taskRoleId = task.id;
  }

  /** The roles' policies; once only (the log group's key needs the account id, which comes from a role). */
  public grant(props: FtpTaskGrants): void {
    if (this.granted) throw new Error(`FtpTaskRoles ${this.node.path}: grant() was already called`);
    this.granted = true;
    if (props.secretArns.length === 0) {
      throw new Error(`FtpTaskRoles ${this.node.path}: secretArns is empty — pass FtpUserSecrets.secretArns`);
    }
    new IamRolePolicy(this, 'ExecutionPolicy', {
      name: 'start-ftp-task',
      role: this.executionRoleId,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'EcrLogin', Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: '*' },
          {
            Sid: 'PullImage',
            Effect: 'Allow',
            Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
            Resource: [props.repositoryArn],
          },
          {
            Sid: 'WriteLogs',
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: [`${props.logGroupArn}:*`],
          },
          { Sid: 'ReadUserSecrets', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [...props.secretArns] },
        ],
      }),
    });
    new IamRolePolicy(this, 'TaskPolicy', {
      name: 'ftp-task',
      role: this.taskRoleId,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'JoinPassiveTargetGroups',
            Effect: 'Allow',
            Action: ['elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets'],
            Resource: [...props.targetGroupArns],
          },
          {
            Sid: 'MountFiles',
            Effect: 'Allow',
            Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite', 'elasticfilesystem:ClientRootAccess'],
            Resource: [props.fileSystemArn],
            Condition: { StringEquals: { 'elasticfilesystem:AccessPointArn': props.accessPointArn } },
          },
        ],
      }),
    });
  }
}
