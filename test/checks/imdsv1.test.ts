import { rule } from '../../lib/checks/imdsv1';
import { Block } from '../constructs/helpers';
import { check, edited, nameOf, resourceOf, serverJson } from './helpers';

describe('FTPKIT-IMDSV1', () => {
  let json: Block;
  beforeAll(() => {
    json = serverJson();
  });

  test('GIVEN FtpInstance THEN the launch template requires IMDSv2 tokens: compliant', () => {
    expect(check(rule, json)).toEqual([]);
  });

  test('GIVEN the metadata endpoint turned off on the instance THEN compliant (no IMDS at all)', () => {
    expect(
      check(
        rule,
        edited(json, (j) => {
          resourceOf(j, 'aws_instance').metadata_options = { http_endpoint: 'disabled' };
        }),
      ),
    ).toEqual([]);
  });

  test('fails when the launch template makes tokens optional', () => {
    const findings = check(
      rule,
      edited(json, (j) => {
        resourceOf(j, 'aws_launch_template').metadata_options.http_tokens = 'optional';
      }),
    );
    expect(findings).toEqual([
      {
        resource: `aws_launch_template.${nameOf(json, 'aws_launch_template')}`,
        message: expect.stringContaining('allows IMDSv1: http_tokens is "optional" in aws_launch_template.'),
      },
    ]);
  });

  test('fails when the instance overrides the template with optional tokens', () => {
    const findings = check(
      rule,
      edited(json, (j) => {
        resourceOf(j, 'aws_instance').metadata_options = { http_tokens: 'optional' };
      }),
    );
    expect(findings).toEqual([expect.objectContaining({ resource: `aws_instance.${nameOf(json, 'aws_instance')}` })]);
  });

  test('fails when an instance has neither its own metadata options nor a template', () => {
    const findings = check(
      rule,
      edited(json, (j) => {
        j.resource.aws_instance.Bare = { ami: 'ami-0123456789abcdef0', instance_type: 't4g.nano' };
      }),
    );
    expect(findings).toEqual([
      { resource: 'aws_instance.Bare', message: 'aws_instance.Bare allows IMDSv1: http_tokens is not set (EC2 then accepts v1)' },
    ]);
  });
});
