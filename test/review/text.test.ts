import { reviewPlan } from '../../lib/review/review';
import { formatText } from '../../lib/review/text';
import { ReviewResult } from '../../lib/review/types';
import { CONTROL, PASSIVE, serverJson, SERVER_INPUT } from '../checks/helpers';

describe('formatText', () => {
  test('GIVEN a public server THEN changes, the exposure (public rows marked !) and the findings, one per line', () => {
    const text = formatText(reviewPlan(serverJson({ ...SERVER_INPUT, allow: ['0.0.0.0/0'], allowPublic: true })));
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^changes: \d+ to create, 0 to update, 0 to replace, 0 to destroy$/);
    expect(lines).toContain('exposure (what can reach the server):');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^  ! TCP ${CONTROL} +from 0\\.0\\.0\\.0/0  via aws_security_group\\.`)),
        expect.stringMatching(new RegExp(`^  ! TCP ${PASSIVE.from}-${PASSIVE.to}  from 0\\.0\\.0\\.0/0  via `)),
        'findings: 2 high, 0 medium, 0 low',
      ]),
    );
  });

  test('GIVEN a dangerous change and no ingress THEN it says so', () => {
    const result: ReviewResult = {
      summary: {
        source: 'plan',
        changes: { create: 0, update: 0, replace: 1, delete: 0, read: 0, 'no-op': 0 },
        dangerous: 1,
        findings: { high: 0, medium: 0, low: 0, acknowledged: 0 },
        publicExposure: false,
      },
      changes: [
        {
          address: 'aws_ebs_volume.data',
          type: 'aws_ebs_volume',
          action: 'replace',
          actions: ['delete', 'create'],
          dangerous: true,
          loses: "the users' files",
          reason: 'replace_because_cannot_update',
        },
      ],
      exposure: [],
      findings: [],
    };
    expect(formatText(result)).toBe(
      [
        'changes: 0 to create, 0 to update, 1 to replace, 0 to destroy',
        "  DANGER: the plan replaces aws_ebs_volume.data: the users' files would be lost (replace because cannot update)",
        'exposure (what can reach the server):',
        '  nothing: no ingress rule',
        'findings: 0 high, 0 medium, 0 low',
      ].join('\n'),
    );
  });
});
