import { Construct } from 'constructs';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { FtpKitConfig } from '../config/schema';
import { CONTAINER_ENV, containerCapabilities, DEFAULT_CONTAINER_CAPABILITIES, renderContainerContext } from '../render/container';
import { FtpAllowList } from './allow-list';
import { FtpContainerService } from './container-service';
import { FtpFileSystem } from './file-system';
import { FtpImageRepository } from './image-repository';
import { FtpLoadBalancer } from './load-balancer';
import { FtpNetwork } from './network';
import { FtpSecurityGroup } from './security-group';
import { FtpTaskRoles } from './task-roles';
import { FtpUserSecrets } from './user-secrets';
import { FtpVpcEndpoints } from './vpc-endpoints';

export interface FtpContainerServerProps {
  /** The validated config, target "ecs". */
  readonly config: FtpKitConfig;
}

/**
 * The container target: the same rendered vsftpd as an image on ECS Fargate behind a Network Load
 * Balancer with static addresses.
 *
 * One subnet, one Elastic IP: pasv_address is that address. With an NLB in several zones each zone
 * has its own address, and a client whose control connection used one address but is told the
 * other for its data connection fails (strict clients) or is refused by a partner's firewall; so
 * ftp-kit uses one zone, as the EC2 target does. Partners allow-list the one address.
 *
 * Construct IDs: `Network` (only without config.subnetId), `AllowList`, `TaskSecurityGroup`,
 * `LoadBalancerSecurityGroup`, `HealthChecks`, `TaskToFiles`, `TaskToAws`, `LoadBalancerToTask<n>`,
 * `UserSecrets`, `Repository`, `LoadBalancer`, `Files`, `Roles`, `Endpoints` (only with `Network`), `Service`.
 */
export class FtpContainerServer extends Construct {
  /** The Elastic IP partners connect to, and vsftpd's pasv_address. */
  public readonly publicIp: string;
  /** `ftp://<publicIp>:<controlPort>` (explicit FTPS: AUTH TLS). */
  public readonly endpoint: string;
  /** The task's security group (the ports, from the allowlist only). */
  public readonly securityGroupId: string;
  public readonly prefixListIds: readonly string[];
  public readonly userSecretArns: Readonly<Record<string, string>>;
  public readonly repositoryUrl: string;
  /** The image the task runs: `<repositoryUrl>:<tag>`, the tag `ftp-kit image build` gives it. */
  public readonly image: string;
  public readonly fileSystemId: string;
  public readonly availabilityZone: string;
  public readonly loadBalancer: FtpLoadBalancer;
  public readonly service: FtpContainerService;

  constructor(scope: Construct, id: string, props: FtpContainerServerProps) {
    super(scope, id);
    const { config } = props;
    const name = config.name;
    let vpcId: string;
    let subnetId: string;
    let routeTableIds: string[] | undefined;
    if (config.subnetId !== undefined && config.vpcId !== undefined) {
      vpcId = config.vpcId;
      subnetId = config.subnetId;
      this.availabilityZone = config.availabilityZone ?? `${config.region}a`;
    } else {
      const network = new FtpNetwork(this, 'Network', { name, availabilityZone: config.availabilityZone ?? `${config.region}a` });
      vpcId = network.vpcId;
      subnetId = network.subnetId;
      routeTableIds = [network.routeTableId];
      this.availabilityZone = network.availabilityZone;
    }
    const subnetIds = [subnetId];
    const { controlPort, passivePorts } = config;
    const allowList = new FtpAllowList(this, 'AllowList', { name, allow: config.allow });
    const sgProps = { vpcId, controlPort, passivePorts, prefixListIds: allowList.prefixListIds, allowWebEgress: false };
    const taskGroup = new FtpSecurityGroup(this, 'TaskSecurityGroup', { ...sgProps, name: `${name}-task` });
    const lbGroup = new FtpSecurityGroup(this, 'LoadBalancerSecurityGroup', { ...sgProps, name: `${name}-nlb` });
    const taskSg = taskGroup.securityGroupId;
    const lbSg = lbGroup.securityGroupId;
    new VpcSecurityGroupIngressRule(this, 'HealthChecks', {
      securityGroupId: taskSg,
      referencedSecurityGroupId: lbSg,
      ipProtocol: 'tcp',
      fromPort: controlPort,
      toPort: controlPort,
      description: 'NLB health checks on the control port (clients keep their own address: the allowlist rules admit them)',
    });
    const ranges = [
      [controlPort, controlPort],
      [passivePorts.from, passivePorts.to],
    ] as const;
    ranges.forEach(
      ([from, to], i) =>
        new VpcSecurityGroupEgressRule(this, `LoadBalancerToTask${i}`, {
          securityGroupId: lbSg,
          referencedSecurityGroupId: taskSg,
          ipProtocol: 'tcp',
          fromPort: from,
          toPort: to,
          description: 'NLB to the FTP task: control and passive ports',
        }),
    );

    const userSecrets = new FtpUserSecrets(this, 'UserSecrets', { name, users: config.users.map((u) => u.name) });
    const repository = new FtpImageRepository(this, 'Repository', { name });
    this.loadBalancer = new FtpLoadBalancer(this, 'LoadBalancer', {
      name,
      vpcId,
      subnetIds,
      controlPort,
      passivePorts,
      securityGroupIds: [lbSg],
    });
    const files = new FtpFileSystem(this, 'Files', { name, vpcId, subnetIds, clientSecurityGroupId: taskSg });
    new VpcSecurityGroupEgressRule(this, 'TaskToFiles', {
      securityGroupId: taskSg,
      referencedSecurityGroupId: files.securityGroupId,
      ipProtocol: 'tcp',
      fromPort: 2049,
      toPort: 2049,
      description: 'NFS to the EFS mount targets',
    });
    new VpcSecurityGroupEgressRule(this, 'TaskToAws', {
      securityGroupId: taskSg,
      cidrIpv4: '0.0.0.0/0',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      description: 'HTTPS to AWS APIs (VPC endpoints: the task has no public address and no NAT)',
    });
    const tag = renderContainerContext(config).tag;
    this.image = `${repository.repositoryUrl}:${tag}`;
    const roles = new FtpTaskRoles(this, 'Roles', { name });
    if (routeTableIds) {
      new FtpVpcEndpoints(this, 'Endpoints', {
        name,
        region: config.region,
        vpcId,
        subnetIds,
        routeTableIds,
        clientSecurityGroupId: taskSg,
      });
    }
    const needed = new Set(containerCapabilities(config));
    this.service = new FtpContainerService(this, 'Service', {
      name,
      region: config.region,
      image: this.image,
      controlPort,
      subnetIds,
      securityGroupIds: [taskSg],
      controlTargetGroupArn: this.loadBalancer.controlTargetGroupArn,
      environment: {
        [CONTAINER_ENV.pasvAddress]: this.loadBalancer.publicIp,
        [CONTAINER_ENV.region]: config.region,
        [CONTAINER_ENV.targetGroups]: Object.entries(this.loadBalancer.passiveTargetGroupArns)
          .map(([port, arn]) => `${port}=${arn}`)
          .join(' '),
      },
      secrets: Object.fromEntries(config.users.map((u, i) => [CONTAINER_ENV.password(i), userSecrets.secretArns[u.name]])),
      dropCapabilities: DEFAULT_CONTAINER_CAPABILITIES.filter((c) => !needed.has(c)),
      fileSystemId: files.fileSystemId,
      accessPointId: files.accessPointId,
      executionRoleArn: roles.executionRoleArn,
      taskRoleArn: roles.taskRoleArn,
      accountId: roles.accountId,
      dependsOn: [this.loadBalancer.controlListener],
    });
    roles.grant({
      repositoryArn: repository.repositoryArn,
      logGroupArn: this.service.logGroupArn,
      secretArns: Object.values(userSecrets.secretArns),
      targetGroupArns: Object.values(this.loadBalancer.passiveTargetGroupArns),
      fileSystemArn: files.fileSystemArn,
      accessPointArn: files.accessPointArn,
    });
    this.publicIp = this.loadBalancer.publicIp;
    this.endpoint = `ftp://${this.publicIp}:${controlPort}`;
    this.securityGroupId = taskSg;
    this.prefixListIds = allowList.prefixListIds;
    this.userSecretArns = userSecrets.secretArns;
    this.repositoryUrl = repository.repositoryUrl;
    this.fileSystemId = files.fileSystemId;
  }
}
