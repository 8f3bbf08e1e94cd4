import { modelFromSynth } from '../../lib/model/build';
import { ingressPaths, instanceSecurityGroups, isPublicSource, mergeRanges, portText } from '../../lib/model/network';

/** A stack of raw resources, as cdk.tf.json holds them. */
const stack = (resource: Record<string, Record<string, unknown>>) => modelFromSynth({ resource });

describe('ingressPaths', () => {
  test('GIVEN a standalone rule on a prefix list of the stack THEN the list is expanded with descriptions', () => {
    const model = stack({
      aws_ec2_managed_prefix_list: { pl: { entry: [{ cidr: '198.51.100.0/24', description: 'A' }] } },
      aws_ec2_managed_prefix_list_entry: { extra: { prefix_list_id: '${aws_ec2_managed_prefix_list.pl.id}', cidr: '203.0.113.0/24' } },
      aws_vpc_security_group_ingress_rule: {
        r: {
          security_group_id: '${aws_security_group.sg.id}',
          prefix_list_id: '${aws_ec2_managed_prefix_list.pl.id}',
          ip_protocol: 'tcp',
          from_port: 21,
          to_port: 21,
        },
      },
      aws_security_group: { sg: {} },
    });
    expect(ingressPaths(model)).toEqual([
      {
        rule: 'aws_vpc_security_group_ingress_rule.r',
        securityGroup: 'aws_security_group.sg',
        protocol: 'tcp',
        fromPort: 21,
        toPort: 21,
        description: undefined,
        sources: [
          { kind: 'cidr', cidr: '198.51.100.0/24', description: 'A', prefixList: 'aws_ec2_managed_prefix_list.pl' },
          { kind: 'cidr', cidr: '203.0.113.0/24', description: undefined, prefixList: 'aws_ec2_managed_prefix_list.pl' },
        ],
      },
    ]);
  });

  test('GIVEN inline ingress, a legacy rule, "all" protocols, self and an unknown prefix list THEN each becomes a path', () => {
    const model = stack({
      aws_security_group: { sg: { ingress: [{ protocol: '-1', from_port: 0, to_port: 0, self: true, cidr_blocks: ['0.0.0.0/0'] }] } },
      aws_security_group_rule: {
        in: {
          type: 'ingress',
          security_group_id: 'sg-0123456789abcdef0',
          protocol: '6',
          from_port: 990,
          to_port: 990,
          prefix_list_ids: ['pl-0123456789abcdef0'],
        },
        out: {
          type: 'egress',
          security_group_id: 'sg-0123456789abcdef0',
          protocol: 'tcp',
          from_port: 443,
          to_port: 443,
          cidr_blocks: ['0.0.0.0/0'],
        },
      },
    });
    const paths = ingressPaths(model);
    expect(paths.map((p) => [p.rule, p.securityGroup, p.protocol, portText(p)])).toEqual([
      ['aws_security_group.sg', 'aws_security_group.sg', 'all', 'all'],
      ['aws_security_group_rule.in', 'sg-0123456789abcdef0', 'tcp', '990'],
    ]);
    expect(paths[0].sources).toEqual([
      { kind: 'cidr', cidr: '0.0.0.0/0', description: undefined },
      { kind: 'security-group', securityGroup: 'aws_security_group.sg' },
    ]);
    expect(paths[0].sources.map(isPublicSource)).toEqual([true, false]);
    expect(paths[1].sources).toEqual([{ kind: 'unresolved', what: 'prefix list pl-0123456789abcdef0' }]);
  });

  test('GIVEN a CIDR known only after apply THEN the source is unresolved, not dropped', () => {
    const model = stack({
      aws_vpc_security_group_ingress_rule: {
        r: { security_group_id: 'sg-1', ip_protocol: 'tcp', from_port: 21, to_port: 21, cidr_ipv4: '${aws_vpc.v.cidr_block}' },
      },
    });
    expect(ingressPaths(model)[0].sources).toEqual([{ kind: 'unresolved', what: '${aws_vpc.v.cidr_block}' }]);
  });
});

describe('instanceSecurityGroups', () => {
  test("GIVEN groups on the instance THEN they are read; GIVEN none THEN the launch template's", () => {
    const model = stack({
      aws_security_group: { a: {}, b: {} },
      aws_launch_template: { lt: { vpc_security_group_ids: ['${aws_security_group.b.id}'] } },
      aws_instance: {
        own: { vpc_security_group_ids: ['${aws_security_group.a.id}', 'sg-0123456789abcdef0'] },
        fromTemplate: { launch_template: { id: '${aws_launch_template.lt.id}' } },
      },
    });
    expect(instanceSecurityGroups(model, model.get('aws_instance.own')!)).toEqual(['aws_security_group.a', 'sg-0123456789abcdef0']);
    expect(instanceSecurityGroups(model, model.get('aws_instance.fromTemplate')!)).toEqual(['aws_security_group.b']);
  });
});

describe('mergeRanges', () => {
  test('GIVEN touching and overlapping ranges THEN they are joined', () => {
    expect(
      mergeRanges([
        { from: 10, to: 19 },
        { from: 1, to: 5 },
        { from: 20, to: 25 },
        { from: 3, to: 7 },
      ]),
    ).toEqual([
      { from: 1, to: 7 },
      { from: 10, to: 25 },
    ]);
  });
});
