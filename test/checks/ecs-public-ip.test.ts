import { rule } from '../../lib/checks/ecs-public-ip';
import { Block } from '../constructs/helpers';
import { check, edited, resourceOf } from './helpers';
import { ecsJson } from './ecs-helpers';

describe('FTPKIT-ECS-PUBLIC-IP', () => {
  let json: Block;
  beforeAll(() => {
    json = ecsJson();
  });

  test('GIVEN FtpContainerServer THEN the task has no public IP: compliant', () => {
    expect(check(rule, json)).toEqual([]);
  });

  test('fails when the service assigns public IPs', () => {
    const findings = check(
      rule,
      edited(json, (j) => {
        resourceOf(j, 'aws_ecs_service').network_configuration.assign_public_ip = true;
      }),
    );
    expect(findings).toEqual([expect.objectContaining({ message: expect.stringContaining('gives its tasks a public IP') })]);
  });
});
