import { FtpNetwork } from '../../lib/constructs/network';
import { ref, Synth, synth } from './helpers';

describe('FtpNetwork', () => {
  describe('GIVEN the defaults', () => {
    let s: Synth;
    let network: FtpNetwork;
    beforeAll(() => {
      s = synth((stack) => {
        network = new FtpNetwork(stack, 'Net', { name: 'ftp', availabilityZone: 'eu-central-1a' });
      });
    });

    test('THEN one VPC with an IPv6 range and one subnet in the given zone exist', () => {
      const [vpcName, vpc] = Object.entries(s.resources('aws_vpc'))[0];
      expect(Object.keys(s.resources('aws_vpc'))).toHaveLength(1);
      expect(vpc.assign_generated_ipv6_cidr_block).toBe(true);
      const subnets = s.all('aws_subnet');
      expect(subnets).toHaveLength(1);
      expect(subnets[0]).toMatchObject({
        availability_zone: 'eu-central-1a',
        vpc_id: ref('aws_vpc', vpcName, 'id'),
        map_public_ip_on_launch: false,
      });
      expect(subnets[0].ipv6_cidr_block).toContain('cidrsubnet(');
      expect(network.availabilityZone).toBe('eu-central-1a');
    });

    test('THEN the subnet routes 0.0.0.0/0 and ::/0 to the internet gateway', () => {
      const [igwName] = Object.keys(s.resources('aws_internet_gateway'));
      const [tableName] = Object.keys(s.resources('aws_route_table'));
      const routes = s.all('aws_route');
      expect(routes.map((r) => r.destination_cidr_block ?? r.destination_ipv6_cidr_block).sort()).toEqual(['0.0.0.0/0', '::/0']);
      for (const r of routes)
        expect(r).toMatchObject({
          gateway_id: ref('aws_internet_gateway', igwName, 'id'),
          route_table_id: ref('aws_route_table', tableName, 'id'),
        });
      const [subnetName] = Object.keys(s.resources('aws_subnet'));
      expect(s.all('aws_route_table_association')).toEqual([expect.objectContaining({ subnet_id: ref('aws_subnet', subnetName, 'id') })]);
    });
  });

  describe('GIVEN ipv6 false and custom ranges', () => {
    test('THEN the VPC has no IPv6 range and there is no IPv6 route', () => {
      const s = synth(
        (stack) =>
          new FtpNetwork(stack, 'Net', {
            name: 'ftp',
            availabilityZone: 'us-east-1b',
            ipv6: false,
            cidrBlock: '10.20.0.0/16',
            subnetCidrBlock: '10.20.1.0/24',
          }),
      );
      expect(s.all('aws_vpc')[0]).toMatchObject({ cidr_block: '10.20.0.0/16', assign_generated_ipv6_cidr_block: false });
      expect(s.all('aws_subnet')[0].cidr_block).toBe('10.20.1.0/24');
      expect(s.all('aws_subnet')[0].ipv6_cidr_block).toBeUndefined();
      expect(s.all('aws_route').map((r) => r.destination_cidr_block)).toEqual(['0.0.0.0/0']);
    });
  });
});
