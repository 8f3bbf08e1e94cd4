/*
 * Reusing FtpServer in a stack of your own: this stack makes its VPC and public subnet itself
 * (standing in for the network you already have), places the FTP server in it, and reads the
 * server's attributes into outputs of its own choosing. It imports 'ftp-kit' as your app would (its
 * tsconfig.json maps that to this checkout; `npm run typecheck` checks it). test/examples/existing-vpc.test.ts
 * synthesizes it; run as a program it writes cdktf.out/stacks/ftp-in-my-vpc.
 */
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { FtpServer, validateConfig } from 'ftp-kit';

export interface ExistingVpcStackProps {
  /** The ftp-kit config (raw, as in ftp-kit.config.json); validated here. */
  readonly ftpConfig: unknown;
}

export class ExistingVpcStack extends TerraformStack {
  public readonly server: FtpServer;

  constructor(scope: Construct, id: string, props: ExistingVpcStackProps) {
    super(scope, id);
    const config = validateConfig(props.ftpConfig, 'ExistingVpcStack');
    new AwsProvider(this, 'aws', { region: config.region });

    // "Your" network: in a real stack these come from elsewhere (ids, or other constructs).
    const zone = `${config.region}b`;
    const vpc = new Vpc(this, 'AppVpc', { cidrBlock: '10.42.0.0/16', enableDnsHostnames: true, tags: { Name: 'app' } });
    const igw = new InternetGateway(this, 'AppIgw', { vpcId: vpc.id });
    const subnet = new Subnet(this, 'AppPublicSubnet', {
      vpcId: vpc.id,
      cidrBlock: '10.42.1.0/24',
      availabilityZone: zone,
      tags: { Name: 'app-public' },
    });
    const routes = new RouteTable(this, 'AppPublicRoutes', { vpcId: vpc.id });
    new Route(this, 'AppDefaultRoute', { routeTableId: routes.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
    new RouteTableAssociation(this, 'AppPublicSubnetRoutes', { subnetId: subnet.id, routeTableId: routes.id });

    this.server = new FtpServer(this, 'Ftp', { config, vpcId: vpc.id, subnetId: subnet.id, availabilityZone: zone });

    new TerraformOutput(this, 'ftp_endpoint', { value: this.server.endpoint, staticId: true });
    new TerraformOutput(this, 'ftp_public_ip', { value: this.server.publicIp, staticId: true });
    new TerraformOutput(this, 'ftp_security_group_id', { value: this.server.securityGroupId, staticId: true });
    new TerraformOutput(this, 'ftp_instance_id', { value: this.server.instanceId, staticId: true });
    new TerraformOutput(this, 'ftp_prefix_list_id', { value: this.server.prefixListId, staticId: true });
    new TerraformOutput(this, 'ftp_data_volume_id', { value: this.server.dataVolumeId, staticId: true });
    new TerraformOutput(this, 'ftp_user_secret_arns', { value: this.server.userSecretArns, staticId: true });
  }
}

export const EXAMPLE_FTP_CONFIG = {
  name: 'ftp-in-my-vpc',
  region: 'eu-west-1',
  allow: [{ cidr: '198.51.100.0/24', description: 'partner A' }],
  users: [{ name: 'partner-a', write: true }],
};

if (require.main === module) {
  const app = new App();
  new ExistingVpcStack(app, EXAMPLE_FTP_CONFIG.name, { ftpConfig: EXAMPLE_FTP_CONFIG });
  app.synth();
}
