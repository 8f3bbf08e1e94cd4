import { Construct } from 'constructs';
import { FtpKitConfig } from '../config/schema';
import { renderUserData } from '../render/user-data';
import { FtpAllowList } from './allow-list';
import { FtpCertificate } from './certificate';
import { FtpDataVolume } from './data-volume';
import { FtpElasticIp } from './elastic-ip';
import { FtpInstance } from './instance';
import { FtpInstanceRole } from './instance-role';
import { FtpNetwork } from './network';
import { FtpSecurityGroup } from './security-group';
import { FtpUserSecrets } from './user-secrets';

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
   * @default none: the alarm changes state only
   */
  readonly certificateAlarmActions?: readonly string[];
}

/**
 * A hardened FTPS server from one validated config: allowlist prefix lists, security group,
 * empty per-user secrets, IAM role, Elastic IP, encrypted data volume and the instance, wired so
 * that every layer uses the same ports, addresses and users.
 *
 * Construct IDs (stable: renaming one replaces its resources): `Network` (only without a subnet),
 * `AllowList`, `SecurityGroup`, `UserSecrets`, `Certificate`, `InstanceRole`, `ElasticIp`, `DataVolume`, `Instance`.
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

  public readonly network?: FtpNetwork;
  public readonly allowList: FtpAllowList;
  public readonly securityGroup: FtpSecurityGroup;
  public readonly userSecrets: FtpUserSecrets;
  public readonly certificate: FtpCertificate;
  public readonly role: FtpInstanceRole;
  public readonly elasticIp: FtpElasticIp;
  public readonly dataVolume: FtpDataVolume;
  public readonly instance: FtpInstance;

  constructor(scope: Construct, id: string, props: FtpServerProps) {
    super(scope, id);
    const { config } = props;
    const existingSubnet = props.subnetId ?? config.subnetId;
    if (existingSubnet !== undefined) {
      const vpcId = props.vpcId ?? config.vpcId;
      const zone = props.availabilityZone ?? config.availabilityZone;
      if (vpcId === undefined && props.securityGroupId === undefined) {
        throw new Error(`FtpServer ${this.node.path}: vpcId is missing — with subnetId ${existingSubnet}, also set vpcId (the subnet's VPC) or securityGroupId`);
      }
      if (zone === undefined) {
        throw new Error(`FtpServer ${this.node.path}: availabilityZone is missing — with subnetId ${existingSubnet}, also set availabilityZone (the subnet's zone, e.g. "${config.region}a"): the data volume must be in it`);
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
    this.elasticIp = new FtpElasticIp(this, 'ElasticIp', { name: config.name });
    this.certificate = new FtpCertificate(this, 'Certificate', {
      name: config.name,
      region: config.region,
      tls: config.tls,
      publicIp: this.elasticIp.publicIp,
      alarmActions: props.certificateAlarmActions,
    });
    this.role = new FtpInstanceRole(this, 'InstanceRole', {
      name: config.name,
      region: config.region,
      secretArns: Object.values(this.userSecrets.secretArns),
      certificateStatements: this.certificate.policyStatements,
    });
    this.dataVolume = new FtpDataVolume(this, 'DataVolume', {
      name: config.name,
      availabilityZone: this.availabilityZone,
      sizeGiB: config.storage.sizeGiB,
      existingVolumeId: config.storage.volumeId,
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
    this.dataVolume.attach(this.instance.instanceId);

    this.publicIp = this.elasticIp.publicIp;
    this.endpoint = `ftp://${this.certificate.domain ?? this.publicIp}:${config.controlPort}`;
    this.securityGroupId = this.securityGroup.securityGroupId;
    this.instanceId = this.instance.instanceId;
    this.prefixListIds = this.allowList.prefixListIds;
    this.prefixListId = this.prefixListIds[0];
    this.dataVolumeId = this.dataVolume.volumeId;
    this.userSecretArns = this.userSecrets.secretArns;
  }
}
