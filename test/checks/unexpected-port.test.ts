import { rule } from '../../lib/checks/unexpected-port';
import { Block } from '../constructs/helpers';
import { check, CONTROL, edited, nameOf, PASSIVE, serverJson } from './helpers';

describe('FTPKIT-UNEXPECTED-PORT', () => {
  let json: Block;
  let sg: string;
  beforeAll(() => {
    json = serverJson();
    sg = nameOf(json, 'aws_security_group');
  });
  const add = (body: Block) =>
    edited(json, (j) => {
      j.resource.aws_vpc_security_group_ingress_rule.Extra = { security_group_id: `\${aws_security_group.${sg}.id}`, ...body };
    });

  test('GIVEN FtpServer THEN only the control port and the passive range are open: compliant', () => {
    expect(check(rule, json)).toEqual([]);
  });

  test('fails when port 20 is opened (vsftpd never listens there)', () => {
    expect(check(rule, add({ ip_protocol: 'tcp', from_port: 20, to_port: 20, cidr_ipv4: '198.51.100.0/24' }))).toEqual([
      {
        resource: 'aws_vpc_security_group_ingress_rule.Extra',
        message: expect.stringContaining(
          `opens TCP 20 to 198.51.100.0/24; vsftpd serves only TCP ${CONTROL} and ${PASSIVE.from}-${PASSIVE.to}`,
        ),
      },
    ]);
  });

  test('fails when UDP is opened on the passive ports', () => {
    expect(check(rule, add({ ip_protocol: 'udp', from_port: PASSIVE.from, to_port: PASSIVE.to, cidr_ipv6: '2001:db8::/32' }))).toEqual([
      expect.objectContaining({ message: expect.stringContaining(`opens UDP ${PASSIVE.from}-${PASSIVE.to} to 2001:db8::/32`) }),
    ]);
  });

  test('GIVEN SSH or passive-range drift THEN this rule leaves them to their own rules', () => {
    expect(check(rule, add({ ip_protocol: 'tcp', from_port: 22, to_port: 22, cidr_ipv4: '198.51.100.0/24' }))).toEqual([]);
    expect(check(rule, add({ ip_protocol: 'tcp', from_port: PASSIVE.to, to_port: PASSIVE.to + 5, cidr_ipv4: '198.51.100.0/24' }))).toEqual(
      [],
    );
  });
});
