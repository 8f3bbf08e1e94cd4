import { Construct } from 'constructs';
import { EfsAccessPoint } from '@cdktf/provider-aws/lib/efs-access-point';
import { EfsFileSystem } from '@cdktf/provider-aws/lib/efs-file-system';
import { EfsMountTarget } from '@cdktf/provider-aws/lib/efs-mount-target';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';

export interface FtpFileSystemProps {
  /** Name tag prefix. */
  readonly name: string;
  readonly vpcId: string;
  /** One mount target per subnet. */
  readonly subnetIds: readonly string[];
  /** The task's security group: the only source the mount targets admit (NFS, TCP 2049). */
  readonly clientSecurityGroupId: string;
}

/**
 * The users' files for the container target: an encrypted EFS file system, an access point whose
 * root `/ftp-kit` is created root-owned (the jails must be root-owned for vsftpd's chroot, so no
 * POSIX user is forced on the client), and mount targets whose security group admits only the task.
 *
 * Construct IDs: `Resource` (aws_efs_file_system), `AccessPoint`, `MountTargetGroup` (aws_security_group),
 * `FromTask` (its one ingress rule), `MountTarget<n>`.
 */
export class FtpFileSystem extends Construct {
  public readonly fileSystemId: string;
  public readonly fileSystemArn: string;
  public readonly accessPointId: string;
  public readonly accessPointArn: string;
  public readonly securityGroupId: string;

  constructor(scope: Construct, id: string, props: FtpFileSystemProps) {
    super(scope, id);
    const fs = new EfsFileSystem(this, 'Resource', {
      encrypted: true,
      creationToken: `ftp-kit-${props.name}`,
      tags: { Name: `${props.name}-data` },
    });
    const accessPoint = new EfsAccessPoint(this, 'AccessPoint', {
      fileSystemId: fs.id,
      rootDirectory: { path: '/ftp-kit', creationInfo: { ownerUid: 0, ownerGid: 0, permissions: '755' } },
      tags: { Name: `${props.name}-data` },
    });
    const group = new SecurityGroup(this, 'MountTargetGroup', {
      namePrefix: `${props.name}-efs-`,
      description: `ftp-kit ${props.name}: EFS mount targets, NFS from the FTP task only`,
      vpcId: props.vpcId,
      tags: { Name: `${props.name}-efs` },
      lifecycle: { createBeforeDestroy: true },
    });
    new VpcSecurityGroupIngressRule(this, 'FromTask', {
      securityGroupId: group.id,
      referencedSecurityGroupId: props.clientSecurityGroupId,
      ipProtocol: 'tcp',
      fromPort: 2049,
      toPort: 2049,
      description: 'NFS from the ftp-kit task only',
    });
    props.subnetIds.forEach(
      (subnetId, i) =>
        new EfsMountTarget(this, `MountTarget${i}`, {
          fileSystemId: fs.id,
          subnetId,
          securityGroups: [group.id],
        }),
    );
    this.fileSystemId = fs.id;
    this.fileSystemArn = fs.arn;
    this.accessPointId = accessPoint.id;
    this.accessPointArn = accessPoint.arn;
    this.securityGroupId = group.id;
  }
}
