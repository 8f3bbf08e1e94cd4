import { rule } from '../../lib/checks/passive-range-drift';
import { Block } from '../constructs/helpers';
import { check, edited, nameOf, partsJson, PASSIVE, resourceOf, serverJson, setVsftpd, SERVER_INPUT } from './helpers';

describe('FTPKIT-PASSIVE-RANGE-DRIFT', () => {
  let json: Block;
  beforeAll(() => {
    json = serverJson();
  });

  test("GIVEN FtpServer THEN the group opens exactly vsftpd's passive range: compliant", () => {
    expect(check(rule, json)).toEqual([]);
  });

  test('GIVEN a server composed from the lower-level constructs with one config THEN compliant', () => {
    expect(check(rule, partsJson())).toEqual([]);
  });

  test('fails when the passive rule is widened by 10 ports after synth', () => {
    const widened = edited(json, (j) => {
      resourceOf(j, 'aws_vpc_security_group_ingress_rule', 'Passive0').to_port = PASSIVE.to + 10;
    });
    const findings = check(rule, widened);
    expect(findings).toEqual([
      {
        resource: `aws_vpc_security_group_ingress_rule.${nameOf(json, 'aws_vpc_security_group_ingress_rule', 'Passive0')}`,
        message: expect.stringContaining(`opens TCP ${PASSIVE.from}-${PASSIVE.to + 10}, but vsftpd's passive range on aws_instance.`),
      },
    ]);
    expect(findings[0].message).toContain(`is ${PASSIVE.from}-${PASSIVE.to} (10 ports beyond it)`);
  });

  test('fails when the security group opens fewer passive ports than vsftpd uses (built from constructs)', () => {
    const findings = check(rule, partsJson({ groupPassivePorts: { from: PASSIVE.from, to: PASSIVE.from + 24 } }));
    const messages = findings.map((f) => f.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('(25 of its ports left out)'),
        expect.stringMatching(
          /^198\.51\.100\.0\/24 reaches the control port 2121 of aws_instance\.\S+ but only passive ports 50000-50024 of vsftpd's 50000-50049/,
        ),
        expect.stringMatching(/^2001:db8::\/32 reaches the control port 2121/),
      ]),
    );
  });

  test("fails when the group's passive range was moved away from vsftpd's", () => {
    const findings = check(rule, partsJson({ groupPassivePorts: { from: 41000, to: 41049 } }));
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining('198.51.100.0/24 reaches the control port 2121'),
      expect.stringContaining('2001:db8::/32 reaches the control port 2121'),
    ]);
    expect(findings[0].message).toContain('none of the passive ports');
  });

  test('fails when vsftpd has no passive range: it may pick any port', () => {
    const findings = check(
      rule,
      edited(json, (j) => {
        setVsftpd(j, 'pasv_min_port', undefined);
        setVsftpd(j, 'pasv_max_port', undefined);
      }),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('has no passive range');
  });

  test("fails when an all-traffic rule from a network is added to the server's group", () => {
    const sg = nameOf(json, 'aws_security_group');
    const findings = check(
      rule,
      edited(json, (j) => {
        j.resource.aws_vpc_security_group_ingress_rule.Everything = {
          security_group_id: `\${aws_security_group.${sg}.id}`,
          ip_protocol: '-1',
          cidr_ipv4: '192.0.2.0/24',
        };
      }),
    );
    expect(findings.map((f) => f.resource)).toContain('aws_vpc_security_group_ingress_rule.Everything');
    expect(findings.find((f) => f.resource === 'aws_vpc_security_group_ingress_rule.Everything')!.message).toContain('opens TCP all');
  });

  test("GIVEN another config's ports THEN the rule follows them, not fixed numbers", () => {
    const other = { ...SERVER_INPUT, controlPort: 990, passivePorts: { from: 30000, to: 30009 } };
    expect(check(rule, serverJson(other))).toEqual([]);
    const widened = edited(serverJson(other), (j) => {
      resourceOf(j, 'aws_vpc_security_group_ingress_rule', 'Passive1').from_port = 29999;
    });
    expect(check(rule, widened).map((f) => f.message)).toEqual([
      expect.stringContaining(
        "opens TCP 29999-30009, but vsftpd's passive range on aws_instance.Server_Instance_E518391B is 30000-30009 (1 port beyond it)",
      ),
    ]);
  });
});
