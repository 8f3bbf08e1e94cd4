import { rule } from '../../lib/checks/ecs-listeners';
import { Block } from '../constructs/helpers';
import { check, edited } from './helpers';
import { ecsJson, nameWhere } from './ecs-helpers';

describe('FTPKIT-ECS-LISTENERS', () => {
  let json: Block;
  beforeAll(() => {
    json = ecsJson();
  });
  const listener = (j: Block, port: number) => j.resource.aws_lb_listener[nameWhere(j, 'aws_lb_listener', (l) => l.port === port)];

  test('GIVEN FtpContainerServer THEN 2121 and 50000–50019, each to its own port: compliant', () => {
    expect(check(rule, json)).toEqual([]);
  });

  test('fails when a passive port has no listener', () => {
    const findings = check(
      rule,
      edited(json, (j) => {
        delete j.resource.aws_lb_listener[nameWhere(j, 'aws_lb_listener', (l) => l.port === 50007)];
      }),
    );
    const message = expect.stringContaining('has no listener on passive port 50007 of 50000-50019');
    expect(findings).toEqual([expect.objectContaining({ message })]);
  });

  test('fails when a listener is added on another port', () => {
    const findings = check(
      rule,
      edited(json, (j) => {
        j.resource.aws_lb_listener.Extra = { ...listener(j, 50000), port: 22 };
      }),
    );
    const message = expect.stringContaining('listens on 22, neither the control port 2121 nor in the passive range');
    expect(findings).toEqual(expect.arrayContaining([expect.objectContaining({ resource: 'aws_lb_listener.Extra', message })]));
  });

  test('fails when a listener forwards to the target group of another port', () => {
    const findings = check(
      rule,
      edited(json, (j) => {
        listener(j, 50001).default_action = listener(j, 50002).default_action;
      }),
    );
    const message = expect.stringMatching(/listens on 50001 but forwards to .*port 50002/);
    expect(findings).toEqual([expect.objectContaining({ message })]);
  });
});
