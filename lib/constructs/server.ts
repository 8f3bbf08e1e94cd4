import { Construct } from 'constructs';
import { Fn, Lazy } from 'cdktf';
import { FtpKitConfig } from '../config/schema';
import { dataDiskMetricDimensions, logGroupNameOf, metricNamespaceOf } from '../render/cloudwatch-agent';
import { DEFAULT_LAYOUT } from '../render/layout';
import { renderUserData } from '../render/user-data';
import { FtpAlarms } from './alarms';
import { FtpAllowList } from './allow-list';
import { FtpBackup } from './backup';
import { FtpCertificate } from './certificate';
import { FtpDataVolume } from './data-volume';
import { FtpElasticIp } from './elastic-ip';
import { FtpInstance } from './instance';
import { FtpInstanceRole } from './instance-role';
import { FtpLogGroup } from './log-group';
import { FtpNetwork } from './network';
import { FtpSecurityGroup } from './security-group';
import { FtpUserSecrets } from './user-secrets';
import { ValidationError } from '../errors';

export interface FtpServerProps {
  /** The validated config (`validateConfig`): ports, allowlist, users, instance, storage, banner. */
  readonly config: FtpKitConfig;
  /**
   * Existing subnet to launch in; it needs a route to an internet gateway.
   * @default config.subnetId, else a new FtpNetwork (VPC with one public subnet)
   */
  readonly subnetId?: string;
  /**
   * VPC of `subnetId`, for the new security group (no data source looks it up: plans run offline).
   * @default config.vpcId; the new network's VPC when no subnet is given
   */
  readonly vpcId?: string;
  /**
   * Zone of `subnetId`: the data volume must be in it.
   * @default config.availabilityZone, else `<region>a` (required with an existing subnet)
   */
  readonly availabilityZone?: string;
  /**
   * Existing security group to add the FTP rules to instead of making one.
   * @default a new group
   */
  readonly securityGroupId?: string;
  /**
   * Actions of the certificate's days-to-expiry alarm, e.g. an SNS topic ARN.
   * @default the alarm topic (`alarmTopicArn`), as the server's other alarms
   */
  readonly certificateAlarmActions?: readonly string[];
}

/**
 * A hardened FTPS server from one validated config: allowlist prefix lists, security group,
 * empty per-user secrets, IAM role, Elastic IP, encrypted data volume and the instance, wired so
 * that every layer uses the same ports, addresses and users.
 *
 * Operations: the server's logs in an encrypted log group with metric filters, alarms to an
 * encrypted SNS topic (e-mailed with `alerts.email`), daily snapshots of the data volume.
 *
 * Construct IDs (stable: renaming one replaces its resources): `Network` (only without a subnet),
 * `AllowList`, `SecurityGroup`, `UserSecrets`, `Logs`, `Certificate`, `InstanceRole`, `ElasticIp`, `Backup`,
 * `DataVolume`, `Instance`, `Alarms`.
 */
export class FtpServer extends Construct {
  /** The Elastic IP clients connect to (also vsftpd's pasv_address). */
  public readonly publicIp: string;
  /** `ftp://<publicIp or tls.domain>:<controlPort>` (clients must use explicit FTPS: AUTH TLS; with lets-encrypt, the name the certificate carries). */
  public readonly endpoint: string;
  public readonly securityGroupId: string;
  public readonly instanceId: string;
  /** The first allowlist prefix list (IPv4 when there is one). */
  public readonly prefixListId: string;
  /** Every allowlist prefix list, IPv4 first. */
  public readonly prefixListIds: readonly string[];
  public readonly dataVolumeId: string;
  /** user name → ARN of the secret the server writes that user's password into. */
  public readonly userSecretArns: Readonly<Record<string, string>>;
  public readonly vpcId: string;
  public readonly subnetId: string;
  public readonly availabilityZone: string;
  /** The SNS topic every alarm notifies: wire further alarms (e.g. certificate expiry) to it. */
  public readonly alarmTopicArn: string;
  /** The CloudWatch Logs log group holding the server's logs. */
  public readonly logGroupName: string;
  /** The CloudWatch namespace of the server's metrics (log metric filters, the agent's disk metric). */
  public readonly metricNamespace: string;

  public readonly network?: FtpNetwork;
  public readonly allowList: FtpAllowList;
  public readonly securityGroup: FtpSecurityGroup;
  public readonly userSecrets: FtpUserSecrets;
  public readonly certificate: FtpCertificate;
  public readonly role: FtpInstanceRole;
  public readonly elasticIp: FtpElasticIp;
  public readonly dataVolume: FtpDataVolume;
  public readonly instance: FtpInstance;
  public readonly logs: FtpLogGroup;
  public readonly alarms: FtpAlarms;
  public readonly backup: FtpBackup;

  constructor(scope: Construct, id: string, props: FtpServerProps) {
    super(scope, id);
    const { config } = props;
    const existingSubnet = props.subnetId ?? config.subnetId;
    if (existingSubnet !== undefined) {
      const vpcId = props.vpcId ?? config.vpcId;
      const zone = props.availabilityZone ?? config.availabilityZone;
      if (vpcId === undefined && props.securityGroupId === undefined) {
        throw new ValidationError(
          `FtpServer ${this.node.path}: vpcId is missing — with ` +
            `subnetId ${existingSubnet}, also set vpcId (the subnet's VPC) or ` +
            `securityGroupId`,
          this,
        );
      }
      if (zone === undefined) {
        throw new ValidationError(
          `FtpServer ${this.node.path}: availabilityZone is missing — with ` +
            `subnetId ${existingSubnet}, also set availabilityZone (the subnet's ` +
            `zone, e.g. "${config.region}a"): the data volume must be in it`,
          this,
        );
      }
      this.subnetId = existingSubnet;
      this.vpcId = vpcId ?? '';
      this.availabilityZone = zone;
    } else {
      this.network = new FtpNetwork(this, 'Network', {
        name: config.name,
        availabilityZone: props.availabilityZone ?? config.availabilityZone ?? `${config.region}a`,
      });
      this.subnetId = this.network.subnetId;
      this.vpcId = this.network.vpcId;
      this.availabilityZone = this.network.availabilityZone;
    }

    this.allowList = new FtpAllowList(this, 'AllowList', { name: config.name, allow: config.allow });
    this.securityGroup = new FtpSecurityGroup(this, 'SecurityGroup', {
      name: config.name,
      vpcId: this.vpcId || undefined,
      securityGroupId: props.securityGroupId,
      controlPort: config.controlPort,
      passivePorts: config.passivePorts,
      prefixListIds: this.allowList.prefixListIds,
    });
    this.userSecrets = new FtpUserSecrets(this, 'UserSecrets', { name: config.name, users: config.users.map((u) => u.name) });
    // The account id from an ARN the stack makes: a data source would need AWS at plan time.
    const accountId = Fn.element(Fn.split(':', Object.values(this.userSecrets.secretArns)[0]), 4);
    this.logs = new FtpLogGroup(this, 'Logs', {
      name: config.name,
      region: config.region,
      accountId,
      logGroupName: logGroupNameOf(config),
      retentionDays: config.logs.retentionDays,
      metricNamespace: metricNamespaceOf(config),
    });
    this.elasticIp = new FtpElasticIp(this, 'ElasticIp', { name: config.name });
    this.certificate = new FtpCertificate(this, 'Certificate', {
      name: config.name,
      region: config.region,
      tls: config.tls,
      publicIp: this.elasticIp.publicIp,
      // By default the expiry alarm notifies the alarm topic, which is made once the instance exists.
      alarmActions: props.certificateAlarmActions ?? Lazy.listValue({ produce: () => [this.alarms.topicArn] }),
    });
    this.role = new FtpInstanceRole(this, 'InstanceRole', {
      name: config.name,
      region: config.region,
      secretArns: Object.values(this.userSecrets.secretArns),
      cloudWatchAgent: { logGroupArn: this.logs.logGroupArn, metricNamespace: this.logs.metricNamespace },
      certificateStatements: this.certificate.policyStatements,
    });
    this.backup = new FtpBackup(this, 'Backup', {
      name: config.name,
      region: config.region,
      retainDays: config.backup.retainDays,
      tagVolumeId: config.storage.volumeId,
    });
    this.dataVolume = new FtpDataVolume(this, 'DataVolume', {
      name: config.name,
      availabilityZone: this.availabilityZone,
      sizeGiB: config.storage.sizeGiB,
      existingVolumeId: config.storage.volumeId,
      tags: this.backup.backupTag,
    });
    this.instance = new FtpInstance(this, 'Instance', {
      name: config.name,
      instanceType: config.instance.type,
      arch: config.instance.arch,
      subnetId: this.subnetId,
      securityGroupIds: [this.securityGroup.securityGroupId],
      instanceProfileName: this.role.instanceProfileName,
      // The network made here has IPv6; an existing subnet may not.
      ipv6AddressCount: this.network ? 1 : 0,
      userData: renderUserData(config, {
        publicAddress: this.elasticIp.publicIp,
        dataVolumeId: this.dataVolume.volumeId,
        secretArns: this.userSecrets.secretArns,
        region: config.region,
      }),
    });
    this.elasticIp.associate(this.instance.instanceId);
    this.alarms = new FtpAlarms(this, 'Alarms', {
      name: config.name,
      region: config.region,
      accountId,
      instanceId: this.instance.instanceId,
      kmsKeyArn: this.logs.kmsKeyArn,
      metricNamespace: this.logs.metricNamespace,
      dataDiskDimensions: dataDiskMetricDimensions(DEFAULT_LAYOUT),
      email: config.alerts.email,
    });
    this.dataVolume.attach(this.instance.instanceId);

    this.publicIp = this.elasticIp.publicIp;
    this.endpoint = `ftp://${this.certificate.domain ?? this.publicIp}:${config.controlPort}`;
    this.securityGroupId = this.securityGroup.securityGroupId;
    this.instanceId = this.instance.instanceId;
    this.prefixListIds = this.allowList.prefixListIds;
    this.prefixListId = this.prefixListIds[0];
    this.dataVolumeId = this.dataVolume.volumeId;
    this.userSecretArns = this.userSecrets.secretArns;
    this.alarmTopicArn = this.alarms.topicArn;
    this.logGroupName = this.logs.logGroupName;
    this.metricNamespace = this.logs.metricNamespace;
  }
}
