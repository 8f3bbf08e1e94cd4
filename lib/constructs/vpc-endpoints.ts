import { Construct } from 'constructs';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';

/** The AWS APIs the FTP task calls, reached privately: it has no public address and no NAT. */
export const TASK_INTERFACE_ENDPOINTS = ['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager', 'elasticloadbalancing'] as const;

export interface FtpVpcEndpointsProps {
  readonly name: string;
  readonly region: string;
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  /** Route tables of the subnets: the S3 gateway endpoint (image layers) is added to them. */
  readonly routeTableIds: readonly string[];
  /** The task's security group: the only source the endpoints admit (HTTPS). */
  readonly clientSecurityGroupId: string;
}

/**
 * Interface endpoints (private DNS) for ECR, CloudWatch Logs, Secrets Manager and Elastic Load
 * Balancing, and an S3 gateway endpoint for ECR's image layers: so the task needs neither a
 * public IP nor a NAT gateway.
 *
 * Construct IDs: `EndpointGroup` (aws_security_group), `FromTask`, `S3`, and one per service with
 * dots removed (`ecrapi`, `ecrdkr`, `logs`, `secretsmanager`, `elasticloadbalancing`).
 */
export class FtpVpcEndpoints extends Construct {
  public readonly securityGroupId: string;

  constructor(scope: Construct, id: string, props: FtpVpcEndpointsProps) {
    super(scope, id);
    const group = new SecurityGroup(this, 'EndpointGroup', {
      namePrefix: `${props.name}-endpoints-`,
      description: `ftp-kit ${props.name}: VPC endpoints, HTTPS from the FTP task only`,
      vpcId: props.vpcId,
      tags: { Name: `${props.name}-endpoints` },
      lifecycle: { createBeforeDestroy: true },
    });
    new VpcSecurityGroupIngressRule(this, 'FromTask', {
      securityGroupId: group.id,
      referencedSecurityGroupId: props.clientSecurityGroupId,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      description: 'HTTPS from the ftp-kit task only',
    });
    for (const service of TASK_INTERFACE_ENDPOINTS) {
      new VpcEndpoint(this, service.replace('.', ''), {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: [...props.subnetIds],
        securityGroupIds: [group.id],
        tags: { Name: `${props.name}-${service}` },
      });
    }
    new VpcEndpoint(this, 'S3', {
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: [...props.routeTableIds],
      tags: { Name: `${props.name}-s3` },
    });
    this.securityGroupId = group.id;
  }
}
