import { Construct } from 'constructs';
import { DataResource, Fn, Lazy, TerraformLocal } from 'cdktf';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { serverRecordOf } from '../render/server-record';
import { terraformTemplateLiteral } from './template-literal';

export type CpuArch = 'arm64' | 'x86_64';

/**
 * The public SSM parameter Debian publishes for its latest Debian 12 (bookworm) AMI. Debian names
 * the architectures `arm64` and `amd64`.
 */
export function debianAmiParameter(arch: CpuArch): string {
  return `/aws/service/debian/release/12/latest/${arch === 'arm64' ? 'arm64' : 'amd64'}`;
}

export interface FtpInstanceProps {
  /** Name tag and launch template name prefix. */
  readonly name: string;
  /** EC2 instance type; its architecture must be `arch`. */
  readonly instanceType: string;
  /** CPU architecture: picks the Debian AMI. */
  readonly arch: CpuArch;
  /** Subnet to launch in: a public one (route to an internet gateway) for the Elastic IP to work. */
  readonly subnetId: string;
  /** Security groups of the instance. */
  readonly securityGroupIds: readonly string[];
  /** Instance profile name (FtpInstanceRole.instanceProfileName). */
  readonly instanceProfileName: string;
  /** Cloud-init user-data text (`#cloud-config ...`); may hold Terraform tokens. It is gzipped and base64-encoded by Terraform. */
  readonly userData: string;
  /**
   * The AMI: an id, or `resolve:ssm:<parameter>`, which EC2 resolves at launch (no AMI data
   * source, so plans run offline).
   * @default `resolve:ssm:` + debianAmiParameter(arch)
   */
  readonly imageId?: string;
  /**
   * IPv6 addresses of the instance (the subnet needs an IPv6 range). vsftpd listens on IPv6 too,
   * so IPv6 partners in the allowlist reach it at this address (EPSV needs no pasv_address).
   * @default 0
   */
  readonly ipv6AddressCount?: number;
  /** Root volume size. @default the AMI's size (8 GiB for Debian 12) */
  readonly rootVolumeSizeGiB?: number;
}

/**
 * The FTP server instance: a launch template (AMI, IMDSv2 only with hop limit 1, no key pair,
 * user-data, instance profile) and an instance launched from it into the subnet and groups.
 *
 * The `resolve:ssm:` AMI sits in the launch template: on aws_instance.ami it reads as a change on
 * every plan and forces replacement (terraform-provider-aws#43364). The root volume is set on the
 * instance (encrypted gp3) so it applies whatever the AMI's root device is called.
 *
 * A new user-data or AMI makes a new template version, which replaces the instance; the data
 * volume and the Elastic IP stay.
 *
 * When the user-data is cloud-config that writes a vsftpd.conf, a `terraform_data` records that file
 * (and the per-user files) for reviews: a plan shows user-data only as "known after apply", so
 * `ftp-kit review` reads the server's ports, pasv_address and TLS settings from this record, which
 * is cut from the same text the instance boots with.
 *
 * Construct IDs: `UserData` (Terraform local), `LaunchTemplate`, `Resource` (aws_instance),
 * `ServerConfig` (terraform_data, only with a vsftpd.conf in the user-data).
 */
export class FtpInstance extends Construct {
  public readonly instanceId: string;
  public readonly launchTemplateId: string;
  public readonly privateIp: string;
  public readonly availabilityZone: string;
  /** The instance's IPv6 addresses (empty without `ipv6AddressCount`). */
  public readonly ipv6Addresses: string[];

  constructor(scope: Construct, id: string, props: FtpInstanceProps) {
    super(scope, id);
    // A local, because cdktf rejects a string literal with quotes as a function argument.
    const userData = new TerraformLocal(this, 'UserData', terraformTemplateLiteral(props.userData));
    const template = new LaunchTemplate(this, 'LaunchTemplate', {
      namePrefix: `${props.name}-ftp-`,
      description: `ftp-kit ${props.name}: Debian 12 vsftpd server`,
      imageId: props.imageId ?? `resolve:ssm:${debianAmiParameter(props.arch)}`,
      instanceType: props.instanceType,
      iamInstanceProfile: { name: props.instanceProfileName },
      userData: Fn.base64gzip(userData.asString),
      metadataOptions: {
        httpEndpoint: 'enabled',
        httpTokens: 'required',
        httpPutResponseHopLimit: 1,
        instanceMetadataTags: 'disabled',
      },
      updateDefaultVersion: true,
      tagSpecifications: [
        { resourceType: 'instance', tags: { Name: props.name } },
        { resourceType: 'volume', tags: { Name: `${props.name}-root` } },
      ],
      tags: { Name: props.name },
    });
    const instance = new Instance(this, 'Resource', {
      launchTemplate: { id: template.id, version: Fn.tostring(template.latestVersion) },
      subnetId: props.subnetId,
      vpcSecurityGroupIds: [...props.securityGroupIds],
      // The first boot installs packages before the Elastic IP association may have landed; a
      // launch-time public IP gives it a way out at once, and EC2 releases it when the EIP arrives.
      // (Groups sit here, not in the template: EC2 refuses template-level groups with this setting.)
      associatePublicIpAddress: true,
      ipv6AddressCount: props.ipv6AddressCount || undefined,
      rootBlockDevice: {
        encrypted: true,
        volumeType: 'gp3',
        volumeSize: props.rootVolumeSizeGiB,
        deleteOnTermination: true,
      },
      tags: { Name: props.name },
    });
    const record = serverRecordOf(
      props.userData,
      Lazy.stringValue({ produce: () => `${instance.terraformResourceType}.${instance.friendlyUniqueId}` }),
    );
    if (record) {
      new DataResource(this, 'ServerConfig', {
        input: {
          ...record,
          vsftpd_conf: terraformTemplateLiteral(record.vsftpd_conf),
          user_configs: Object.fromEntries(
            Object.entries(record.user_configs).map(([user, text]) => [user, terraformTemplateLiteral(text)]),
          ),
        },
      });
    }
    this.instanceId = instance.id;
    this.launchTemplateId = template.id;
    this.privateIp = instance.privateIp;
    this.availabilityZone = instance.availabilityZone;
    this.ipv6Addresses = instance.ipv6Addresses;
  }
}
