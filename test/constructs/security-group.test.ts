import { FtpSecurityGroup } from '../../lib/constructs/security-group';
import { Synth, synth } from './helpers';

const BASE = { name: 'ftp', controlPort: 2121, passivePorts: { from: 50000, to: 50049 }, prefixListIds: ['pl-0aaa', 'pl-0bbb'] };

describe('FtpSecurityGroup', () => {
  describe('GIVEN a VPC id and two prefix lists', () => {
    let s: Synth;
    let group: FtpSecurityGroup;
    beforeAll(() => {
      s = synth((stack) => {
        group = new FtpSecurityGroup(stack, 'Sg', { ...BASE, vpcId: 'vpc-0123456789abcdef0' });
      });
    });

    test('THEN one group is made in that VPC, with no inline rules', () => {
      const groups = s.all('aws_security_group');
      expect(groups).toHaveLength(1);
      expect(groups[0].vpc_id).toBe('vpc-0123456789abcdef0');
      expect(groups[0].ingress).toBeUndefined();
      expect(groups[0].egress).toBeUndefined();
      expect(group.securityGroupId).toMatch(/TfToken/);
    });

    test('THEN ingress is exactly the control port and the passive range, TCP, from each prefix list', () => {
      const rules = s
        .all('aws_vpc_security_group_ingress_rule')
        .map((r) => `${r.ip_protocol} ${r.prefix_list_id} ${r.from_port}-${r.to_port}`)
        .sort();
      expect(rules).toEqual(['tcp pl-0aaa 2121-2121', 'tcp pl-0aaa 50000-50049', 'tcp pl-0bbb 2121-2121', 'tcp pl-0bbb 50000-50049']);
    });

    test('THEN no ingress rule has a CIDR or group source, and none covers port 22', () => {
      for (const r of s.all('aws_vpc_security_group_ingress_rule')) {
        expect(r.cidr_ipv4 ?? r.cidr_ipv6 ?? r.referenced_security_group_id).toBeUndefined();
        expect(r.from_port <= 22 && r.to_port >= 22).toBe(false);
      }
      expect(s.all('aws_security_group_rule')).toHaveLength(0);
    });

    test('THEN every rule has a description', () => {
      const rules = [...s.all('aws_vpc_security_group_ingress_rule'), ...s.all('aws_vpc_security_group_egress_rule')];
      expect(rules.length).toBeGreaterThan(0);
      for (const r of rules) expect(r.description).toMatch(/\w{3}/);
    });

    test('THEN egress is TCP 80 and 443 only, to IPv4 and IPv6', () => {
      const egress = s
        .all('aws_vpc_security_group_egress_rule')
        .map((r) => `${r.ip_protocol} ${r.cidr_ipv4 ?? r.cidr_ipv6} ${r.from_port}-${r.to_port}`)
        .sort();
      expect(egress).toEqual(['tcp 0.0.0.0/0 443-443', 'tcp 0.0.0.0/0 80-80', 'tcp ::/0 443-443', 'tcp ::/0 80-80']);
    });
  });

  describe('GIVEN an existing security group and allowWebEgress false', () => {
    let s: Synth;
    beforeAll(() => {
      s = synth(
        (stack) =>
          new FtpSecurityGroup(stack, 'Sg', {
            ...BASE,
            prefixListIds: ['pl-0aaa'],
            securityGroupId: 'sg-0123456789abcdef0',
            allowWebEgress: false,
          }),
      );
    });

    test('THEN no group is made and the rules go to the existing one', () => {
      expect(s.all('aws_security_group')).toHaveLength(0);
      const rules = s.all('aws_vpc_security_group_ingress_rule');
      expect(rules).toHaveLength(2);
      for (const r of rules) expect(r.security_group_id).toBe('sg-0123456789abcdef0');
    });

    test('THEN no egress rule is added', () => {
      expect(s.all('aws_vpc_security_group_egress_rule')).toHaveLength(0);
    });
  });

  test('fails when neither vpcId nor securityGroupId is given', () => {
    expect(() => synth((stack) => new FtpSecurityGroup(stack, 'Sg', BASE))).toThrow(/vpcId is missing/);
  });

  test('fails when there is no prefix list', () => {
    expect(() => synth((stack) => new FtpSecurityGroup(stack, 'Sg', { ...BASE, vpcId: 'vpc-1', prefixListIds: [] }))).toThrow(
      /prefixListIds is empty/,
    );
  });
});
