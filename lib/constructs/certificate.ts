import { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { TlsConfig } from '../config/tls';
import { fingerprintParameterName, METRIC_NAMESPACE } from '../render/tls';
import { partitionOf } from './partition';

/** One IAM policy statement, as the instance role's inline policy carries it. */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
}

export interface FtpCertificateProps {
  /** Name prefix (config.name): the metric's `Server` dimension and the parameter's path. */
  readonly name: string;
  /** Region of the stack: the ARN partition. */
  readonly region: string;
  /** config.tls. */
  readonly tls: TlsConfig;
  /** The Elastic IP: what the lets-encrypt domain's A record points at. */
  readonly publicIp: string;
  /** Actions of the days-to-expiry alarm (e.g. an SNS topic ARN). @default none: the alarm only changes state */
  readonly alarmActions?: readonly string[];
  /** The alarm fires below this many days to expiry. @default 14 */
  readonly alarmThresholdDays?: number;
}

/**
 * What the server's certificate needs outside the instance, by `tls.mode`: `lets-encrypt` an A record
 * `domain` → Elastic IP in the hosted zone; `self-signed` the SSM parameter the instance publishes the
 * certificate's SHA-256 fingerprint to (Terraform creates it and then leaves its value to the
 * instance); every mode the days-to-expiry alarm. `policyStatements` are what the instance role must
 * add, each on the one resource it needs.
 *
 * Construct IDs: `DomainRecord` (lets-encrypt), `FingerprintParameter` (self-signed), `ExpiryAlarm`.
 */
export class FtpCertificate extends Construct {
  /** The IAM statements the instance needs for this mode. */
  public readonly policyStatements: readonly PolicyStatement[];
  /** self-signed: the SSM parameter holding the fingerprint. */
  public readonly fingerprintParameterName?: string;
  /** lets-encrypt: the name clients connect to. */
  public readonly domain?: string;
  public readonly alarmName: string;

  constructor(scope: Construct, id: string, props: FtpCertificateProps) {
    super(scope, id);
    const partition = partitionOf(props.region);
    const { tls } = props;
    const statements: PolicyStatement[] = [
      {
        Sid: 'PublishDaysToExpiry',
        Effect: 'Allow',
        Action: ['cloudwatch:PutMetricData'],
        // PutMetricData has no resource type: the namespace condition is what confines it.
        Resource: ['*'],
        Condition: { StringEquals: { 'cloudwatch:namespace': METRIC_NAMESPACE } },
      },
    ];
    if (tls.mode === 'lets-encrypt') {
      const zoneArn = `arn:${partition}:route53:::hostedzone/${tls.hostedZoneId}`;
      new Route53Record(this, 'DomainRecord', {
        zoneId: tls.hostedZoneId,
        name: tls.domain,
        type: 'A',
        ttl: 300,
        records: [props.publicIp],
      });
      this.domain = tls.domain;
      statements.push(
        {
          Sid: 'AcmeDnsChallenge',
          Effect: 'Allow',
          Action: ['route53:ChangeResourceRecordSets'],
          Resource: [zoneArn],
          // Only the challenge's TXT record: the role cannot repoint the domain or touch other names.
          Condition: {
            'ForAllValues:StringEquals': {
              'route53:ChangeResourceRecordSetsNormalizedRecordNames': [`_acme-challenge.${tls.domain}`],
              'route53:ChangeResourceRecordSetsRecordTypes': ['TXT'],
            },
          },
        },
        {
          // lego's route53 provider reads the name's TXT values before its UPSERT (getExistingRecordSets).
          // With AWS_HOSTED_ZONE_ID set it never lists hosted zones, so no ListHostedZones* is granted.
          Sid: 'AcmeReadChallengeRecord',
          Effect: 'Allow',
          Action: ['route53:ListResourceRecordSets'],
          Resource: [zoneArn],
        },
        {
          Sid: 'AcmeWaitForChange',
          Effect: 'Allow',
          Action: ['route53:GetChange'],
          Resource: [`arn:${partition}:route53:::change/*`],
        },
      );
    } else if (tls.mode === 'imported') {
      statements.push({
        Sid: 'ReadImportedCertificate',
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue'],
        Resource: [tls.secretArn],
      });
    } else {
      this.fingerprintParameterName = fingerprintParameterName(props.name);
      const parameter = new SsmParameter(this, 'FingerprintParameter', {
        name: this.fingerprintParameterName,
        type: 'String',
        // Written by the instance at first boot and on each renewal; never a secret.
        value: 'pending: the server publishes its certificate fingerprint at first boot',
        description: `ftp-kit ${props.name}: SHA-256 fingerprint of the server's self-signed certificate`,
        lifecycle: { ignoreChanges: ['value'] },
      });
      statements.push({ Sid: 'PublishFingerprint', Effect: 'Allow', Action: ['ssm:PutParameter'], Resource: [parameter.arn] });
    }
    this.alarmName = `${props.name}-ftp-certificate-expiry`;
    new CloudwatchMetricAlarm(this, 'ExpiryAlarm', {
      alarmName: this.alarmName,
      alarmDescription:
        `ftp-kit ${props.name}: the FTPS certificate expires in ` +
        `under ${props.alarmThresholdDays ?? 14} days, or its daily check ` +
        `stopped`,
      namespace: METRIC_NAMESPACE,
      metricName: 'DaysToExpiry',
      dimensions: { Server: props.name },
      statistic: 'Minimum',
      period: 86400,
      evaluationPeriods: 1,
      threshold: props.alarmThresholdDays ?? 14,
      comparisonOperator: 'LessThanThreshold',
      // No data point for a day means the check itself stopped: as urgent as an expiring certificate.
      treatMissingData: 'breaching',
      alarmActions: props.alarmActions ? [...props.alarmActions] : undefined,
    });
    this.policyStatements = statements;
  }
}
