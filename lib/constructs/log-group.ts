import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { LOG_METRICS } from '../render/log-metrics';
import { partitionOf } from './partition';

export interface FtpLogGroupProps {
  /** Name prefix (alias, descriptions). */
  readonly name: string;
  readonly region: string;
  /** The account the stack deploys to (a token: read from a resource ARN, no data source, so plans run offline). */
  readonly accountId: string;
  /** The log group's name (`logGroupNameOf(config)`). */
  readonly logGroupName: string;
  /** One of CloudWatch's retention values (the config schema checks it). */
  readonly retentionDays: number;
  /** Namespace of the metrics the filters count. */
  readonly metricNamespace: string;
}

/**
 * The server's logs in CloudWatch: a KMS key of the stack's own (rotated yearly), the log group
 * encrypted with it and kept `retentionDays`, and a metric filter per LOG_METRICS entry. The key
 * also serves the alarm topic: its policy lets CloudWatch Logs use it for this log group only
 * (encryption context) and CloudWatch alarms publish to an encrypted topic.
 *
 * Construct IDs: `Key`, `KeyAlias`, `LogGroup`, `Metric<metricName>` (one per filter).
 */
export class FtpLogGroup extends Construct {
  public readonly logGroupName: string;
  public readonly logGroupArn: string;
  public readonly kmsKeyArn: string;
  public readonly metricNamespace: string;

  constructor(scope: Construct, id: string, props: FtpLogGroupProps) {
    super(scope, id);
    const partition = partitionOf(props.region);
    const logGroupArn = `arn:${partition}:logs:${props.region}:${props.accountId}:log-group:${props.logGroupName}`;
    const key = new KmsKey(this, 'Key', {
      description: `ftp-kit ${props.name}: server logs and alarm topic`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AccountAdministersTheKey',
            Effect: 'Allow',
            Principal: { AWS: `arn:${partition}:iam::${props.accountId}:root` },
            Action: 'kms:*',
            Resource: '*',
          },
          {
            Sid: 'CloudWatchLogsForThisLogGroupOnly',
            Effect: 'Allow',
            Principal: { Service: `logs.${props.region}.amazonaws.com` },
            Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
            Resource: '*',
            Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn } },
          },
          {
            Sid: 'CloudWatchAlarmsPublishToTheEncryptedTopic',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Resource: '*',
            // AWS's documented statement for alarms → encrypted topic has no condition; the topic's
            // own policy limits publishing to this account's alarms.
          },
        ],
      }),
    });
    new KmsAlias(this, 'KeyAlias', { name: `alias/ftp-kit/${props.name}`, targetKeyId: key.keyId });
    const group = new CloudwatchLogGroup(this, 'LogGroup', {
      name: props.logGroupName,
      retentionInDays: props.retentionDays,
      kmsKeyId: key.arn,
    });
    for (const metric of Object.values(LOG_METRICS)) {
      new CloudwatchLogMetricFilter(this, `Metric${metric.metricName}`, {
        name: `${props.name}-${metric.metricName}`,
        logGroupName: group.name,
        pattern: metric.pattern,
        metricTransformation: { name: metric.metricName, namespace: props.metricNamespace, value: '1', defaultValue: '0', unit: 'Count' },
      });
    }
    this.logGroupName = group.name;
    this.logGroupArn = group.arn;
    this.kmsKeyArn = key.arn;
    this.metricNamespace = props.metricNamespace;
  }
}
