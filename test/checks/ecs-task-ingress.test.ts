import { rule } from '../../lib/checks/ecs-task-ingress';
import { Block } from '../constructs/helpers';
import { check, edited } from './helpers';
import { ecsJson, nameWhere } from './ecs-helpers';

describe('FTPKIT-ECS-TASK-INGRESS', () => {
  let json: Block;
  let taskGroup: string;
  beforeAll(() => {
    json = ecsJson();
    taskGroup = `\${aws_security_group.${nameWhere(json, 'aws_security_group', (g) => g.name_prefix === 'drop-task-')}.id}`;
  });
  const add = (rule: Block) => (j: Block) => {
    j.resource.aws_vpc_security_group_ingress_rule.Added = { security_group_id: taskGroup, ip_protocol: 'tcp', ...rule };
  };

  test("GIVEN FtpContainerServer THEN the allowlist on the FTP ports and the NLB's health checks on 2121: compliant", () => {
    expect(check(rule, json)).toEqual([]);
  });

  test('fails when the whole internet may reach the control port', () => {
    const findings = check(rule, edited(json, add({ cidr_ipv4: '0.0.0.0/0', from_port: 2121, to_port: 2121 })));
    const message = expect.stringContaining('admits 0.0.0.0/0 on TCP 2121');
    expect(findings).toEqual([expect.objectContaining({ resource: 'aws_vpc_security_group_ingress_rule.Added', message })]);
  });

  test('fails when another security group may reach the passive ports', () => {
    const other = { referenced_security_group_id: 'sg-0123456789abcdef0', from_port: 50000, to_port: 50019 };
    const findings = check(rule, edited(json, add(other)));
    expect(findings).toEqual([expect.objectContaining({ message: expect.stringContaining('admits security group sg-0123456789abcdef0') })]);
  });

  test('fails when an allowlist network may reach a port beyond the FTP ports', () => {
    const findings = check(rule, edited(json, add({ cidr_ipv4: '198.51.100.0/24', from_port: 22, to_port: 22 })));
    expect(findings).toEqual([expect.objectContaining({ message: expect.stringContaining('opens tcp 22, beyond the control port 2121') })]);
  });
});
