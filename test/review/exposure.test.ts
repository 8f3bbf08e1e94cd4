import { groupExposure } from '../../lib/review/exposure';
import { ExposureRow } from '../../lib/review/types';

const row = (rule: string, ports: string, cidr: string, isPublic = false): ExposureRow => ({
  securityGroup: 'aws_security_group.sg',
  rule,
  protocol: 'tcp',
  ports,
  fromPort: 0,
  toPort: 0,
  sources: [{ kind: 'cidr', cidr }],
  public: isPublic,
  instances: [],
});

describe('groupExposure', () => {
  test('GIVEN one rule per prefix list for the same ports THEN one group with both sources, public if either is', () => {
    const groups = groupExposure([
      row('r1', '21', '198.51.100.0/24'),
      row('r2', '21', '::/0', true),
      row('r3', '21', '198.51.100.0/24'),
      row('r4', '40000-40099', '198.51.100.0/24'),
    ]);
    expect(groups.map((g) => [g.row.ports, g.row.public, g.sources.map((s) => (s.kind === 'cidr' ? s.cidr : s.kind))])).toEqual([
      ['21', true, ['198.51.100.0/24', '::/0']],
      ['40000-40099', false, ['198.51.100.0/24']],
    ]);
  });
});
