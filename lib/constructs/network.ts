import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';

export interface FtpNetworkProps {
  /** Name tag prefix. */
  readonly name: string;
  /** Zone of the subnet; the data volume must live in the same one. */
  readonly availabilityZone: string;
  /** IPv4 range of the VPC. @default '10.0.0.0/16' */
  readonly cidrBlock?: string;
  /** IPv4 range of the public subnet, inside `cidrBlock`. @default '10.0.0.0/24' */
  readonly subnetCidrBlock?: string;
  /** Also give the VPC an Amazon-provided IPv6 /56 and the subnet a /64 with a route to the internet. @default true */
  readonly ipv6?: boolean;
}

/**
 * A VPC with one public subnet, an internet gateway and a route table: the network ftp-kit makes
 * when the config names no `subnetId`. The subnet does not hand out public IPs: the server gets
 * its Elastic IP, nothing else in it is meant to be reachable.
 *
 * Construct IDs: `Vpc`, `InternetGateway`, `Subnet`, `RouteTable`, `DefaultRoute`, `DefaultRouteIpv6`,
 * `SubnetRouteTable`.
 */
export class FtpNetwork extends Construct {
  public readonly vpcId: string;
  public readonly subnetId: string;
  public readonly availabilityZone: string;
  /** The public subnet's route table. */
  public readonly routeTableId: string;

  constructor(scope: Construct, id: string, props: FtpNetworkProps) {
    super(scope, id);
    const ipv6 = props.ipv6 ?? true;
    const vpc = new Vpc(this, 'Vpc', {
      cidrBlock: props.cidrBlock ?? '10.0.0.0/16',
      assignGeneratedIpv6CidrBlock: ipv6,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: props.name },
    });
    const igw = new InternetGateway(this, 'InternetGateway', { vpcId: vpc.id, tags: { Name: props.name } });
    const subnet = new Subnet(this, 'Subnet', {
      vpcId: vpc.id,
      availabilityZone: props.availabilityZone,
      cidrBlock: props.subnetCidrBlock ?? '10.0.0.0/24',
      ipv6CidrBlock: ipv6 ? Fn.cidrsubnet(vpc.ipv6CidrBlock, 8, 0) : undefined,
      mapPublicIpOnLaunch: false,
      tags: { Name: `${props.name}-public` },
    });
    const routes = new RouteTable(this, 'RouteTable', { vpcId: vpc.id, tags: { Name: `${props.name}-public` } });
    new Route(this, 'DefaultRoute', { routeTableId: routes.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
    if (ipv6) new Route(this, 'DefaultRouteIpv6', { routeTableId: routes.id, destinationIpv6CidrBlock: '::/0', gatewayId: igw.id });
    new RouteTableAssociation(this, 'SubnetRouteTable', { subnetId: subnet.id, routeTableId: routes.id });
    this.vpcId = vpc.id;
    this.subnetId = subnet.id;
    this.availabilityZone = props.availabilityZone;
    this.routeTableId = routes.id;
  }
}
