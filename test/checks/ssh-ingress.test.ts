import { rule } from '../../lib/checks/ssh-ingress';
import { Block } from '../constructs/helpers';
import { check, edited, nameOf, serverJson } from './helpers';

describe('FTPKIT-SSH-INGRESS', () => {
  let json: Block;
  let sg: string;
  beforeAll(() => {
    json = serverJson();
    sg = nameOf(json, 'aws_security_group');
  });

  test('GIVEN FtpServer THEN no rule covers 22: compliant', () => {
    expect(check(rule, json)).toEqual([]);
  });

  test('GIVEN a rule from another security group only (no network) THEN compliant', () => {
    const fromGroup = edited(json, (j) => {
      j.resource.aws_vpc_security_group_ingress_rule.Bastion = {
        security_group_id: `\${aws_security_group.${sg}.id}`,
        ip_protocol: 'tcp',
        from_port: 22,
        to_port: 22,
        referenced_security_group_id: 'sg-0123456789abcdef0',
      };
    });
    expect(check(rule, fromGroup)).toEqual([]);
  });

  test('fails when port 22 is opened to an office range', () => {
    const findings = check(
      rule,
      edited(json, (j) => {
        j.resource.aws_vpc_security_group_ingress_rule.Ssh = {
          security_group_id: `\${aws_security_group.${sg}.id}`,
          ip_protocol: 'tcp',
          from_port: 22,
          to_port: 22,
          cidr_ipv4: '192.0.2.0/24',
        };
      }),
    );
    expect(findings).toEqual([
      {
        resource: 'aws_vpc_security_group_ingress_rule.Ssh',
        message: `aws_security_group.${sg} opens TCP 22, which includes SSH (22), to 192.0.2.0/24`,
      },
    ]);
  });

  test('fails when a legacy aws_security_group_rule opens a range that includes 22', () => {
    const findings = check(
      rule,
      edited(json, (j) => {
        j.resource.aws_security_group_rule = {
          Wide: {
            type: 'ingress',
            security_group_id: `\${aws_security_group.${sg}.id}`,
            protocol: 'tcp',
            from_port: 1,
            to_port: 1024,
            cidr_blocks: ['0.0.0.0/0'],
          },
        };
      }),
    );
    expect(findings).toEqual([
      expect.objectContaining({
        resource: 'aws_security_group_rule.Wide',
        message: expect.stringContaining('TCP 1-1024, which includes SSH (22), to 0.0.0.0/0'),
      }),
    ]);
  });
});
