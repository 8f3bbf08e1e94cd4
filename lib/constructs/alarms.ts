import { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { LOG_METRICS } from '../render/log-metrics';
import { partitionOf } from './partition';

export interface FtpAlarmsProps {
  readonly name: string;
  readonly region: string;
  /** The account (a token), for the topic policy. */
  readonly accountId: string;
  readonly instanceId: string;
  /** KMS key the topic is encrypted with (FtpLogGroup.kmsKeyArn: its policy lets CloudWatch publish). */
  readonly kmsKeyArn: string;
  /** Namespace of the log metrics and the agent's disk metric. */
  readonly metricNamespace: string;
  /** Dimensions of the agent's `disk_used_percent` for the data volume's mount. */
  readonly dataDiskDimensions: Readonly<Record<string, string>>;
  /** Where alarms are e-mailed. @default no subscription */
  readonly email?: string;
  /** Failed logins in 5 minutes that raise the alarm. @default 20 */
  readonly failedLoginsPer5Minutes?: number;
  /** Data disk used percent that raises the alarm. @default 80 */
  readonly dataDiskPercent?: number;
}

/**
 * Who is told, and when: an encrypted SNS topic (an e-mail subscription when `email` is set) and
 * alarms on a failed-login spike, the instance and system status checks and a full data disk.
 * The system check recovers the instance onto healthy hardware (EC2's recover action accepts only
 * that metric); the instance check reboots it. Other alarms (the certificate's) use `topicArn`.
 *
 * Construct IDs: `Topic`, `TopicPolicy`, `Email` (with `email`), `FailedLogins`, `InstanceStatus`,
 * `SystemStatus`, `DataDiskFull`.
 */
export class FtpAlarms extends Construct {
  public readonly topicArn: string;
  /** Every alarm's name. */
  public readonly alarmNames: readonly string[];

  constructor(scope: Construct, id: string, props: FtpAlarmsProps) {
    super(scope, id);
    const topic = new SnsTopic(this, 'Topic', { name: `${props.name}-ftp-alarms`, kmsMasterKeyId: props.kmsKeyArn });
    new SnsTopicPolicy(this, 'TopicPolicy', {
      arn: topic.arn,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'CloudWatchAlarmsOfThisAccount',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: topic.arn,
            Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } },
          },
        ],
      }),
    });
    if (props.email !== undefined) {
      new SnsTopicSubscription(this, 'Email', { topicArn: topic.arn, protocol: 'email', endpoint: props.email });
    }
    const notify = [topic.arn];
    const automate = (action: 'recover' | 'reboot') => `arn:${partitionOf(props.region)}:automate:${props.region}:ec2:${action}`;
    type Action = 'recover' | 'reboot';
    const statusAlarm = (alarmId: string, metricName: string, action: Action, evaluationPeriods: number, alarmDescription: string) =>
      new CloudwatchMetricAlarm(this, alarmId, {
        alarmName: `${props.name}-ftp-${alarmId.replace(/Status$/, '').toLowerCase()}-status`,
        alarmDescription,
        namespace: 'AWS/EC2',
        metricName,
        dimensions: { InstanceId: props.instanceId },
        statistic: 'Maximum',
        period: 60,
        evaluationPeriods,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        threshold: 1,
        alarmActions: [...notify, automate(action)],
        okActions: notify,
      });
    const alarms = [
      new CloudwatchMetricAlarm(this, 'FailedLogins', {
        alarmName: `${props.name}-ftp-failed-logins`,
        alarmDescription:
          `More than ${props.failedLoginsPer5Minutes ?? 20} failed FTP logins in 5 minutes: brute force ` +
          '(fail2ban bans single addresses)',
        namespace: props.metricNamespace,
        metricName: LOG_METRICS.failedLogins.metricName,
        statistic: 'Sum',
        period: 300,
        evaluationPeriods: 1,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: props.failedLoginsPer5Minutes ?? 20,
        treatMissingData: 'notBreaching',
        alarmActions: notify,
        okActions: notify,
      }),
      statusAlarm(
        'InstanceStatus',
        'StatusCheckFailed_Instance',
        'reboot',
        3,
        'The instance status check fails (the OS does not answer): rebooted',
      ),
      statusAlarm(
        'SystemStatus',
        'StatusCheckFailed_System',
        'recover',
        2,
        'The system status check fails (AWS hardware or network): recovered onto other hardware',
      ),
      new CloudwatchMetricAlarm(this, 'DataDiskFull', {
        alarmName: `${props.name}-ftp-data-disk`,
        alarmDescription: `The data volume is over ${props.dataDiskPercent ?? 80} % full: grow storage.sizeGiB`,
        namespace: props.metricNamespace,
        metricName: 'disk_used_percent',
        dimensions: { ...props.dataDiskDimensions },
        statistic: 'Maximum',
        period: 300,
        evaluationPeriods: 2,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: props.dataDiskPercent ?? 80,
        treatMissingData: 'missing',
        alarmActions: notify,
        okActions: notify,
      }),
    ];
    this.topicArn = topic.arn;
    this.alarmNames = alarms.map((a) => a.alarmName);
  }
}
