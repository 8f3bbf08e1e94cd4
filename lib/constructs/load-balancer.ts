import { Construct } from 'constructs';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { NLB_MAX_LISTENERS } from '../config/schema';

export interface FtpLoadBalancerProps {
  /** Name prefix (at most 24 characters, as the config's `name`): target groups are `<name>-c<port>` and `<name>-p<port>`. */
  readonly name: string;
  readonly vpcId: string;
  /** Public subnets: one Elastic IP each. The first one's address is vsftpd's pasv_address. */
  readonly subnetIds: readonly string[];
  readonly controlPort: number;
  readonly passivePorts: { readonly from: number; readonly to: number };
  /** Security groups of the load balancer. @default none */
  readonly securityGroupIds?: readonly string[];
}

/**
 * A Network Load Balancer with static addresses for a container FTP server: one Elastic IP per
 * subnet (`subnet_mapping`), cross-zone on, and one TCP listener and one IP target group for the
 * control port and for each passive port, since a passive data connection must reach the very port
 * vsftpd announced. Targets keep the client's address (`preserve_client_ip`), so the task's
 * security group enforces `allow`; every target group is health-checked on the control port.
 *
 * Construct IDs: `Address<n>` (aws_eip per subnet), `Resource` (aws_lb), `ControlTargets`,
 * `ControlListener`, `PassiveTargets<port>`, `PassiveListener<port>`.
 */
export class FtpLoadBalancer extends Construct {
  /** The Elastic IPs, in subnet order. */
  public readonly publicIps: readonly string[];
  /** The address partners use and vsftpd announces in 227 replies: the first subnet's Elastic IP. */
  public readonly publicIp: string;
  public readonly loadBalancerArn: string;
  public readonly controlTargetGroupArn: string;
  /** passive port → target group ARN. */
  public readonly passiveTargetGroupArns: Readonly<Record<number, string>>;
  /** Every listener port: the control port, then the passive range. */
  public readonly listenerPorts: readonly number[];
  /** The control port's listener: an ECS service attached to its target group must be created after it. */
  public readonly controlListener: LbListener;

  constructor(scope: Construct, id: string, props: FtpLoadBalancerProps) {
    super(scope, id);
    const { controlPort, passivePorts } = props;
    const passive = Array.from({ length: passivePorts.to - passivePorts.from + 1 }, (_, i) => passivePorts.from + i);
    if (passive.length + 1 > NLB_MAX_LISTENERS) {
      throw new Error(
        `FtpLoadBalancer ${this.node.path}: passivePorts ${passivePorts.from}-${passivePorts.to} — ` +
          `needs ${passive.length + 1} listeners, ` +
          `a Network Load Balancer has at most ${NLB_MAX_LISTENERS} — use at most ${NLB_MAX_LISTENERS - 1} passive ports`,
      );
    }
    if (props.subnetIds.length === 0) {
      throw new Error(`FtpLoadBalancer ${this.node.path}: subnetIds is empty — pass at least one public subnet`);
    }
    const addresses = props.subnetIds.map(
      (_, i) =>
        new Eip(this, `Address${i}`, {
          domain: 'vpc',
          tags: { Name: `${props.name}-nlb-${i}` },
        }),
    );
    const lb = new Lb(this, 'Resource', {
      name: `${props.name}-ftp`,
      loadBalancerType: 'network',
      internal: false,
      enableCrossZoneLoadBalancing: true,
      securityGroups: props.securityGroupIds ? [...props.securityGroupIds] : undefined,
      subnetMapping: props.subnetIds.map((subnetId, i) => ({ subnetId, allocationId: addresses[i].allocationId })),
      tags: { Name: props.name },
    });
    const targets = (cid: string, port: number, label: string) =>
      new LbTargetGroup(this, cid, {
        name: `${props.name}-${label}${port}`,
        targetType: 'ip',
        protocol: 'TCP',
        port,
        vpcId: props.vpcId,
        preserveClientIp: 'true',
        // Passive ports answer only during a transfer: the control port says whether the task is up.
        healthCheck: { protocol: 'TCP', port: String(controlPort), interval: 10, healthyThreshold: 2, unhealthyThreshold: 2 },
        deregistrationDelay: '30',
        tags: { Name: `${props.name}-${label}${port}` },
      });
    const listen = (cid: string, port: number, group: LbTargetGroup) =>
      new LbListener(this, cid, {
        loadBalancerArn: lb.arn,
        port,
        protocol: 'TCP',
        defaultAction: [{ type: 'forward', targetGroupArn: group.arn }],
      });
    const control = targets('ControlTargets', controlPort, 'c');
    this.controlListener = listen('ControlListener', controlPort, control);
    const passiveArns: Record<number, string> = {};
    for (const port of passive) {
      const group = targets(`PassiveTargets${port}`, port, 'p');
      listen(`PassiveListener${port}`, port, group);
      passiveArns[port] = group.arn;
    }
    this.publicIps = addresses.map((a) => a.publicIp);
    this.publicIp = this.publicIps[0];
    this.loadBalancerArn = lb.arn;
    this.controlTargetGroupArn = control.arn;
    this.passiveTargetGroupArns = passiveArns;
    this.listenerPorts = [controlPort, ...passive];
  }
}
