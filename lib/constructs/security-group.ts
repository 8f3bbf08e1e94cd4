import { Construct } from 'constructs';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { ValidationError } from '../errors';

export interface FtpSecurityGroupProps {
  /** Name prefix of the group and its rules. */
  readonly name: string;
  /** FTP control port. */
  readonly controlPort: number;
  /** Passive data port range (inclusive). */
  readonly passivePorts: { readonly from: number; readonly to: number };
  /** Prefix lists of the networks that may connect (see FtpAllowList); the only ingress sources. */
  readonly prefixListIds: readonly string[];
  /** VPC of a new group. Required unless `securityGroupId` is given. @default none */
  readonly vpcId?: string;
  /**
   * An existing group to add the FTP rules to instead of making one. Its other rules stay as they
   * are: review them, nothing here can remove them.
   * @default a new group is made in `vpcId`
   */
  readonly securityGroupId?: string;
  /**
   * Add egress TCP 80/443 to anywhere (IPv4 and IPv6). The first boot needs it: apt (Debian
   * mirrors and security updates), Secrets Manager and the SSM agent's endpoints. Turn it off only
   * when the group already allows that, or VPC endpoints and a mirror stand in for it.
   * @default true
   */
  readonly allowWebEgress?: boolean;
}

/**
 * The server's security group: ingress on the control port and the passive range, TCP, only from
 * the allowlist's prefix lists; a description on every rule; nothing else (no SSH: admins use SSM
 * Session Manager). One `aws_vpc_security_group_*_rule` resource per rule, so rules can be added
 * and reviewed one by one and no inline block fights them.
 *
 * Construct IDs: `Resource` (aws_security_group, when made here); `Control<n>`, `Passive<n>`
 * (ingress per prefix list n); `EgressHttpsIpv4`, `EgressHttpsIpv6`, `EgressHttpIpv4`, `EgressHttpIpv6`.
 */
export class FtpSecurityGroup extends Construct {
  public readonly securityGroupId: string;

  constructor(scope: Construct, id: string, props: FtpSecurityGroupProps) {
    super(scope, id);
    if (props.prefixListIds.length === 0)
      throw new ValidationError(
        `FtpSecurityGroup ${this.node.path}: prefixListIds is empty — pass the ids of FtpAllowList.prefixListIds`,
        this,
      );
    if (props.securityGroupId !== undefined) {
      this.securityGroupId = props.securityGroupId;
    } else {
      if (props.vpcId === undefined)
        throw new ValidationError(
          `FtpSecurityGroup ${this.node.path}: vpcId is missing — pass vpcId, or securityGroupId of an existing group`,
          this,
        );
      // No inline ingress/egress blocks: the provider then also removes AWS's default allow-all egress.
      this.securityGroupId = new SecurityGroup(this, 'Resource', {
        namePrefix: `${props.name}-`,
        description: `ftp-kit ${props.name}: FTP(S) control and passive ports from the allowlist only`,
        vpcId: props.vpcId,
        tags: { Name: props.name },
        lifecycle: { createBeforeDestroy: true },
      }).id;
    }
    const { controlPort, passivePorts } = props;
    props.prefixListIds.forEach((prefixListId, i) => {
      new VpcSecurityGroupIngressRule(this, `Control${i}`, {
        securityGroupId: this.securityGroupId,
        prefixListId,
        ipProtocol: 'tcp',
        fromPort: controlPort,
        toPort: controlPort,
        description: `FTP control port ${controlPort} from the ftp-kit allowlist`,
        tags: { Name: `${props.name}-control` },
      });
      new VpcSecurityGroupIngressRule(this, `Passive${i}`, {
        securityGroupId: this.securityGroupId,
        prefixListId,
        ipProtocol: 'tcp',
        fromPort: passivePorts.from,
        toPort: passivePorts.to,
        description: `FTP passive data ports ${passivePorts.from}-${passivePorts.to} from the ftp-kit allowlist`,
        tags: { Name: `${props.name}-passive` },
      });
    });
    if (props.allowWebEgress ?? true) {
      for (const [port, what] of [
        [443, 'Https'],
        [80, 'Http'],
      ] as const) {
        for (const [family, cidr] of [
          ['Ipv4', { cidrIpv4: '0.0.0.0/0' }],
          ['Ipv6', { cidrIpv6: '::/0' }],
        ] as const) {
          new VpcSecurityGroupEgressRule(this, `Egress${what}${family}`, {
            securityGroupId: this.securityGroupId,
            ...cidr,
            ipProtocol: 'tcp',
            fromPort: port,
            toPort: port,
            description:
              port === 443
                ? 'HTTPS out: Secrets Manager, SSM Session Manager, apt over TLS'
                : 'HTTP out: Debian apt mirrors (packages are signature-checked)',
            tags: { Name: `${props.name}-egress-${port}` },
          });
        }
      }
    }
  }
}
