import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { partitionOf } from './partition';

/** Fargate platform version, pinned so that a platform release never changes a running server unasked. */
export const FARGATE_PLATFORM_VERSION = '1.4.0';
/** The container's name in the task definition. */
export const FTP_CONTAINER_NAME = 'vsftpd';

export interface FtpContainerServiceProps {
  readonly name: string;
  readonly region: string;
  /** The image, with its tag: `<repository url>:<tag>`. */
  readonly image: string;
  readonly controlPort: number;
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  /** The control port's target group: the one the service attaches (it can attach at most 5). */
  readonly controlTargetGroupArn: string;
  /** Plain environment of the container. */
  readonly environment: Readonly<Record<string, string>>;
  /** Environment variable → Secrets Manager secret ARN, injected by ECS at start. */
  readonly secrets: Readonly<Record<string, string>>;
  /** Default capabilities the container drops (Fargate can add none back). */
  readonly dropCapabilities: readonly string[];
  readonly fileSystemId: string;
  readonly accessPointId: string;
  readonly executionRoleArn: string;
  readonly taskRoleArn: string;
  /** The account, for the log key's policy. */
  readonly accountId: string;
  /** Task CPU units. @default 256 */
  readonly cpu?: number;
  /** Task memory. @default 512 */
  readonly memoryMiB?: number;
  /** Days the log group keeps events. @default 90 */
  readonly logRetentionDays?: number;
  /**
   * What the service must wait for: ECS refuses a target group that no listener uses yet.
   * @default nothing
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * The FTP server on Fargate: a cluster, a task definition (read-only root file system, not
 * privileged, default capabilities dropped but those vsftpd needs, the users' files on EFS with
 * transit encryption, logs to a KMS-encrypted log group with retention, passwords from Secrets
 * Manager) and a service of exactly one task: two tasks would both join the passive target groups,
 * and a data connection could reach the task that did not announce the port.
 *
 * Construct IDs: `Cluster`, `LogKey`, `LogGroup`, `TaskDefinition`, `Service`.
 */
export class FtpContainerService extends Construct {
  public readonly clusterName: string;
  public readonly serviceName: string;
  public readonly logGroupName: string;
  public readonly logGroupArn: string;
  public readonly taskDefinitionArn: string;

  constructor(scope: Construct, id: string, props: FtpContainerServiceProps) {
    super(scope, id);
    const partition = partitionOf(props.region);
    const logGroupName = `/ftp-kit/${props.name}`;
    const logGroupArn = `arn:${partition}:logs:${props.region}:${props.accountId}:log-group:${logGroupName}`;
    const cluster = new EcsCluster(this, 'Cluster', { name: `${props.name}-ftp`, tags: { Name: props.name } });
    const key = new KmsKey(this, 'LogKey', {
      description: `ftp-kit ${props.name}: encrypts the FTP server's log group`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AccountAdministers',
            Effect: 'Allow',
            Principal: { AWS: `arn:${partition}:iam::${props.accountId}:root` },
            Action: 'kms:*',
            Resource: '*',
          },
          {
            Sid: 'CloudWatchLogsOfThisGroup',
            Effect: 'Allow',
            Principal: { Service: `logs.${props.region}.amazonaws.com` },
            Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
            Resource: '*',
            Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn } },
          },
        ],
      }),
    });
    const logGroup = new CloudwatchLogGroup(this, 'LogGroup', {
      name: logGroupName,
      retentionInDays: props.logRetentionDays ?? 90,
      kmsKeyId: key.arn,
    });
    const container = {
      name: FTP_CONTAINER_NAME,
      image: props.image,
      essential: true,
      // Root inside, as vsftpd must be to chroot and switch to the guest account per session.
      user: '0',
      privileged: false,
      readonlyRootFilesystem: true,
      portMappings: [{ containerPort: props.controlPort, protocol: 'tcp' }],
      environment: Object.entries(props.environment).map(([name, value]) => ({ name, value })),
      secrets: Object.entries(props.secrets).map(([name, valueFrom]) => ({ name, valueFrom })),
      mountPoints: [
        { sourceVolume: 'run', containerPath: '/run/ftp-kit', readOnly: false },
        { sourceVolume: 'files', containerPath: '/srv/ftp-kit', readOnly: false },
      ],
      // An init as PID 1 reaps session processes vsftpd leaves behind; the entrypoint shell would not.
      linuxParameters: { capabilities: { add: [], drop: [...props.dropCapabilities] }, initProcessEnabled: true },
      healthCheck: { command: ['CMD', '/usr/local/lib/ftp-kit/health.sh'], interval: 30, timeout: 5, retries: 3, startPeriod: 20 },
      stopTimeout: 30,
      logConfiguration: {
        logDriver: 'awslogs',
        options: { 'awslogs-group': logGroupName, 'awslogs-region': props.region, 'awslogs-stream-prefix': 'ftp' },
      },
    };
    const taskDefinition = new EcsTaskDefinition(this, 'TaskDefinition', {
      family: `${props.name}-ftp`,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: String(props.cpu ?? 256),
      memory: String(props.memoryMiB ?? 512),
      executionRoleArn: props.executionRoleArn,
      taskRoleArn: props.taskRoleArn,
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
      containerDefinitions: JSON.stringify([container]),
      volume: [
        // Task storage (Fargate has no tmpfs): the files the entrypoint writes at start.
        { name: 'run' },
        {
          name: 'files',
          efsVolumeConfiguration: {
            fileSystemId: props.fileSystemId,
            transitEncryption: 'ENABLED',
            authorizationConfig: { accessPointId: props.accessPointId, iam: 'ENABLED' },
          },
        },
      ],
      dependsOn: [logGroup],
    });
    const service = new EcsService(this, 'Service', {
      name: `${props.name}-ftp`,
      cluster: cluster.id,
      taskDefinition: taskDefinition.arn,
      desiredCount: 1,
      launchType: 'FARGATE',
      platformVersion: FARGATE_PLATFORM_VERSION,
      // Stop the old task before starting the new one: one task at a time (see above).
      deploymentMinimumHealthyPercent: 0,
      deploymentMaximumPercent: 100,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      healthCheckGracePeriodSeconds: 60,
      enableExecuteCommand: false,
      propagateTags: 'SERVICE',
      networkConfiguration: { subnets: [...props.subnetIds], securityGroups: [...props.securityGroupIds], assignPublicIp: false },
      loadBalancer: [{ targetGroupArn: props.controlTargetGroupArn, containerName: FTP_CONTAINER_NAME, containerPort: props.controlPort }],
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
    this.clusterName = cluster.name;
    this.serviceName = service.name;
    this.logGroupName = logGroupName;
    this.logGroupArn = logGroup.arn;
    this.taskDefinitionArn = taskDefinition.arn;
  }
}
