import { rule } from '../../lib/checks/public-ingress';
import { Block } from '../constructs/helpers';
import { check, CONTROL, edited, nameOf, PASSIVE, serverJson, SERVER_INPUT } from './helpers';

describe('FTPKIT-PUBLIC-INGRESS', () => {
  let json: Block;
  let publicJson: Block;
  beforeAll(() => {
    json = serverJson();
    publicJson = serverJson({ ...SERVER_INPUT, allow: ['0.0.0.0/0', '::/0'], allowPublic: true });
  });

  test("GIVEN partners' CIDRs only THEN compliant", () => {
    expect(check(rule, json)).toEqual([]);
  });

  test('fails when allowPublic lets 0.0.0.0/0 and ::/0 in: each rule names the range and the ports', () => {
    const messages = check(rule, publicJson)
      .map((f) => f.message)
      .sort();
    expect(messages).toHaveLength(4);
    expect(messages.filter((m) => m.startsWith('0.0.0.0/0 reaches'))).toHaveLength(2);
    expect(messages.filter((m) => m.startsWith('::/0 reaches'))).toHaveLength(2);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`TCP ${CONTROL} through aws_security_group.`),
        expect.stringContaining(`TCP ${PASSIVE.from}-${PASSIVE.to} through`),
        expect.stringContaining(`passive range ${PASSIVE.from}-${PASSIVE.to}`),
      ]),
    );
  });

  test('fails when the prefix list holds the internet in slices (0.0.0.0/1 + 128.0.0.0/1, ::/1 + 8000::/1)', () => {
    const findings = check(
      rule,
      edited(json, (j) => {
        for (const list of Object.values<Block>(j.resource.aws_ec2_managed_prefix_list)) {
          list.entry =
            list.address_family === 'IPv4'
              ? [
                  { cidr: '0.0.0.0/1', description: 'a' },
                  { cidr: '128.0.0.0/1', description: 'b' },
                ]
              : [
                  { cidr: '::/1', description: 'a' },
                  { cidr: '8000::/1', description: 'b' },
                ];
        }
      }),
    );
    const messages = findings.map((f) => f.message);
    expect(messages).toHaveLength(4);
    expect(messages.filter((m) => m.startsWith('0.0.0.0/1 and 128.0.0.0/1 reach TCP'))).toHaveLength(2);
    expect(messages.filter((m) => m.startsWith('::/1 and 8000::/1 reach TCP'))).toHaveLength(2);
    expect(messages[0]).toContain('public exposure');
  });

  test('fails when two rules each open half of a /8 to the control port', () => {
    const sg = nameOf(json, 'aws_security_group');
    const findings = check(
      rule,
      edited(json, (j) => {
        for (const [name, cidr] of [
          ['HalfA', '10.0.0.0/9'],
          ['HalfB', '10.128.0.0/9'],
        ]) {
          j.resource.aws_vpc_security_group_ingress_rule[name] = {
            security_group_id: `\${aws_security_group.${sg}.id}`,
            ip_protocol: 'tcp',
            from_port: CONTROL,
            to_port: CONTROL,
            cidr_ipv4: cidr,
          };
        }
      }),
    );
    expect(findings.map((f) => f.resource).sort()).toEqual([
      'aws_vpc_security_group_ingress_rule.HalfA',
      'aws_vpc_security_group_ingress_rule.HalfB',
    ]);
  });

  test('GIVEN a /9 of IPv4 and a /17 of IPv6, short of the measure THEN compliant', () => {
    const sg = nameOf(json, 'aws_security_group');
    expect(
      check(
        rule,
        edited(json, (j) => {
          j.resource.aws_vpc_security_group_ingress_rule.Nine = {
            security_group_id: `\${aws_security_group.${sg}.id}`,
            ip_protocol: 'tcp',
            from_port: CONTROL,
            to_port: CONTROL,
            cidr_ipv4: '10.0.0.0/9',
          };
          j.resource.aws_vpc_security_group_ingress_rule.Seventeen = {
            security_group_id: `\${aws_security_group.${sg}.id}`,
            ip_protocol: 'tcp',
            from_port: CONTROL,
            to_port: CONTROL,
            cidr_ipv6: '2001:db8::/17',
          };
        }),
      ),
    ).toEqual([]);
  });

  test('fails when port 20 is opened to the world by hand', () => {
    const sg = nameOf(json, 'aws_security_group');
    const findings = check(
      rule,
      edited(json, (j) => {
        j.resource.aws_vpc_security_group_ingress_rule.Active = {
          security_group_id: `\${aws_security_group.${sg}.id}`,
          ip_protocol: 'tcp',
          from_port: 20,
          to_port: 20,
          cidr_ipv4: '0.0.0.0/0',
        };
      }),
    );
    expect(findings).toEqual([
      expect.objectContaining({ resource: 'aws_vpc_security_group_ingress_rule.Active', message: expect.stringContaining('FTP port 20') }),
    ]);
  });

  test('fails when a legacy inline rule of another group opens 21 to ::/0', () => {
    const findings = check(
      rule,
      edited(json, (j) => {
        j.resource.aws_security_group.Legacy = {
          ingress: [{ protocol: 'tcp', from_port: 21, to_port: 21, ipv6_cidr_blocks: ['::/0'], cidr_blocks: [] }],
        };
      }),
    );
    expect(findings).toEqual([
      expect.objectContaining({ resource: 'aws_security_group.Legacy', message: expect.stringContaining('::/0 reaches TCP 21') }),
    ]);
  });

  test("GIVEN a public rule on a port that is not FTP's (egress 443 aside) THEN this rule leaves it to others", () => {
    const sg = nameOf(json, 'aws_security_group');
    const findings = check(
      rule,
      edited(json, (j) => {
        j.resource.aws_vpc_security_group_ingress_rule.Web = {
          security_group_id: `\${aws_security_group.${sg}.id}`,
          ip_protocol: 'tcp',
          from_port: 443,
          to_port: 443,
          cidr_ipv4: '0.0.0.0/0',
        };
      }),
    );
    expect(findings).toEqual([]);
  });
});
