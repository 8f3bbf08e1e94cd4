import { FtpServer } from '../../lib/constructs/server';
import { config, CUSTOM_INPUT, DEFAULT_INPUT, ingressPaths, ref, Synth, synth } from './helpers';

/** The properties issue 2 asks of every synthesized server. */
function expectHardened(s: Synth): void {
  const [lt] = s.all('aws_launch_template');
  expect(lt.metadata_options).toMatchObject({ http_tokens: 'required', http_put_response_hop_limit: 1 });
  expect(JSON.stringify(s.json)).not.toMatch(/"key_name"/);
  for (const v of s.all('aws_ebs_volume')) expect(v.encrypted).toBe(true);
  for (const i of s.all('aws_instance')) expect(i.root_block_device.encrypted).toBe(true);
  for (const b of lt.block_device_mappings ?? []) expect(b.ebs?.encrypted).toBe(true);
  expect(s.all('aws_ebs_volume')).toHaveLength(1);
  expect(s.all('aws_eip')).toHaveLength(1);
  expect(s.all('aws_eip_association')).toHaveLength(1);
  expect(s.json.resource.aws_secretsmanager_secret_version).toBeUndefined();
}

function secretArnRefs(s: Synth): string[] {
  return Object.keys(s.resources('aws_secretsmanager_secret'))
    .map((name) => ref('aws_secretsmanager_secret', name, 'arn'))
    .sort();
}

function userDataOf(s: Synth): string {
  const [lt] = s.all('aws_launch_template');
  const local = /^\$\{base64gzip\(local\.([A-Za-z0-9_]+)\)\}$/.exec(lt.user_data)![1];
  return s.json.locals[local];
}

describe('FtpServer', () => {
  describe('GIVEN the default config (one IPv4 CIDR, one user)', () => {
    let s: Synth;
    let server: FtpServer;
    beforeAll(() => {
      s = synth((stack) => {
        server = new FtpServer(stack, 'Server', { config: config(DEFAULT_INPUT) });
      });
    });

    test('THEN ingress is exactly port 21 and 40000–40599, TCP, from the one CIDR', () => {
      expect(ingressPaths(s)).toEqual(['tcp 198.51.100.0/24 21-21', 'tcp 198.51.100.0/24 40000-40599']);
    });

    test('THEN it is hardened: IMDSv2, no key pair, every volume encrypted, a data volume, an EIP, empty secrets', () => {
      expectHardened(s);
    });

    test("THEN it makes its own VPC and subnet, and the data volume is in the subnet's zone", () => {
      expect(s.all('aws_vpc')).toHaveLength(1);
      const [subnet] = s.all('aws_subnet');
      expect(subnet.availability_zone).toBe('us-east-1a');
      expect(s.all('aws_ebs_volume')[0]).toMatchObject({ availability_zone: 'us-east-1a', size: 20, type: 'gp3' });
      expect(s.all('aws_instance')[0].ipv6_address_count).toBe(1);
      expect(server.network).toBeDefined();
    });

    test('THEN the Debian 12 arm64 AMI of t4g.small is resolved through SSM', () => {
      expect(s.all('aws_launch_template')[0]).toMatchObject({
        image_id: 'resolve:ssm:/aws/service/debian/release/12/latest/arm64',
        instance_type: 't4g.small',
      });
    });

    test('THEN user-data sets pasv_address to the Elastic IP and names the data volume and the secret', () => {
      const [eip] = Object.keys(s.resources('aws_eip'));
      const [volume] = Object.keys(s.resources('aws_ebs_volume'));
      const text = userDataOf(s);
      expect(text.startsWith('#cloud-config\n')).toBe(true);
      expect(text).toContain(`pasv_address=${ref('aws_eip', eip, 'public_ip')}\n`);
      expect(text).toContain(ref('aws_ebs_volume', volume, 'id'));
      expect(text).toContain(secretArnRefs(s)[0]);
      expect(text).toMatch(/listen_port=21\n/);
    });

    test("THEN the server record is the user-data's vsftpd.conf, and its pasv_address the same Elastic IP reference", () => {
      const [record] = s.all('terraform_data');
      const [eip] = Object.keys(s.resources('aws_eip'));
      expect(record.input.pasv_address).toBe(ref('aws_eip', eip, 'public_ip'));
      const text = userDataOf(s);
      for (const line of (record.input.vsftpd_conf as string).split('\n').filter((l) => l && !l.startsWith('pasv_address='))) {
        expect(text).toContain(line);
      }
    });
  });

  describe('GIVEN the custom config (2121, 50000–50049, two IPv4 CIDRs, one IPv6 CIDR, two users)', () => {
    let s: Synth;
    beforeAll(() => {
      s = synth((stack) => new FtpServer(stack, 'Server', { config: config(CUSTOM_INPUT) }));
    });

    test('THEN ingress is exactly {2121, 50000–50049}, TCP, from exactly the three sources, and nothing covers 22', () => {
      expect(ingressPaths(s)).toEqual([
        'tcp 198.51.100.0/24 2121-2121',
        'tcp 198.51.100.0/24 50000-50049',
        'tcp 2001:db8::/32 2121-2121',
        'tcp 2001:db8::/32 50000-50049',
        'tcp 203.0.113.0/24 2121-2121',
        'tcp 203.0.113.0/24 50000-50049',
      ]);
      for (const r of s.all('aws_vpc_security_group_ingress_rule')) expect(r.from_port <= 22 && r.to_port >= 22).toBe(false);
    });

    test('THEN it is hardened: IMDSv2, no key pair, every volume encrypted, a data volume, an EIP, empty secrets', () => {
      expectHardened(s);
    });

    test("THEN the IAM policy's resources are exactly the users' secret ARNs", () => {
      const statements = s
        .all('aws_iam_role_policy')
        .filter((p) => p.name === 'write-user-secrets')
        .flatMap((p) => JSON.parse(p.policy).Statement);
      expect(statements.flatMap((st: { Resource: string[] }) => st.Resource).sort()).toEqual(secretArnRefs(s));
      expect(secretArnRefs(s)).toHaveLength(2);
    });

    test('THEN the x86_64 AMI, the size and the zone follow the config', () => {
      expect(s.all('aws_launch_template')[0].image_id).toBe('resolve:ssm:/aws/service/debian/release/12/latest/amd64');
      expect(s.all('aws_ebs_volume')[0]).toMatchObject({ size: 50, availability_zone: 'eu-central-1a' });
    });

    test('THEN user-data carries the custom ports', () => {
      const text = userDataOf(s);
      expect(text).toMatch(/listen_port=2121\n/);
      expect(text).toMatch(/pasv_min_port=50000\n/);
      expect(text).toMatch(/pasv_max_port=50049\n/);
    });
  });

  describe('GIVEN an existing VPC, subnet, zone and security group', () => {
    let s: Synth;
    beforeAll(() => {
      s = synth(
        (stack) =>
          new FtpServer(stack, 'Server', {
            config: config(DEFAULT_INPUT),
            vpcId: 'vpc-0123456789abcdef0',
            subnetId: 'subnet-0123456789abcdef0',
            availabilityZone: 'us-east-1c',
            securityGroupId: 'sg-0123456789abcdef0',
          }),
      );
    });

    test('THEN no network and no group are made; the instance, volume and rules use the given ones', () => {
      expect(s.json.resource.aws_vpc).toBeUndefined();
      expect(s.json.resource.aws_subnet).toBeUndefined();
      expect(s.json.resource.aws_security_group).toBeUndefined();
      expect(s.all('aws_instance')[0]).toMatchObject({
        subnet_id: 'subnet-0123456789abcdef0',
        vpc_security_group_ids: ['sg-0123456789abcdef0'],
      });
      expect(s.all('aws_instance')[0].ipv6_address_count).toBeUndefined();
      expect(s.all('aws_ebs_volume')[0].availability_zone).toBe('us-east-1c');
      for (const r of s.all('aws_vpc_security_group_ingress_rule')) expect(r.security_group_id).toBe('sg-0123456789abcdef0');
    });
  });

  test('fails when a subnet is given without its VPC', () => {
    expect(() =>
      synth(
        (stack) =>
          new FtpServer(stack, 'Server', {
            config: config(DEFAULT_INPUT),
            subnetId: 'subnet-0123456789abcdef0',
            availabilityZone: 'us-east-1a',
          }),
      ),
    ).toThrow(/vpcId is missing — with subnetId subnet-0123456789abcdef0/);
  });

  test('fails when a subnet is given without its zone', () => {
    expect(() =>
      synth(
        (stack) =>
          new FtpServer(stack, 'Server', {
            config: config(DEFAULT_INPUT),
            subnetId: 'subnet-0123456789abcdef0',
            vpcId: 'vpc-0123456789abcdef0',
          }),
      ),
    ).toThrow(/availabilityZone is missing/);
  });
});
