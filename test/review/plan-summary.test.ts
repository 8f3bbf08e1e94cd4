import { formatPlanSummary, hasChanges, summarizePlan } from '../../lib/review/plan-summary';

const change = (address: string, actions: string[], mode = 'managed') => ({ address, mode, change: { actions } });

describe('summarizePlan', () => {
  test('GIVEN creates, an update, a replacement, a delete, a read and a no-op THEN counted as terraform counts them', () => {
    const summary = summarizePlan({
      resource_changes: [
        change('aws_vpc.b', ['create']),
        change('aws_vpc.a', ['create']),
        change('aws_instance.s', ['delete', 'create']),
        change('aws_security_group.g', ['update']),
        change('aws_eip.e', ['delete']),
        change('data.aws_ami.x', ['read'], 'data'),
        change('aws_subnet.n', ['no-op']),
      ],
    });
    expect(summary).toMatchObject({ add: 3, change: 1, destroy: 2 });
    expect(formatPlanSummary(summary)).toBe(
      [
        'Plan: 3 to add, 1 to change, 2 to destroy.',
        '    - aws_eip.e',
        '  -/+ aws_instance.s',
        '    ~ aws_security_group.g',
        '    + aws_vpc.a',
        '    + aws_vpc.b',
        '',
      ].join('\n'),
    );
    expect(hasChanges(summary)).toBe(true);
  });

  test('GIVEN nothing to change THEN zero counts and no list', () => {
    const summary = summarizePlan({ resource_changes: [change('aws_vpc.a', ['no-op'])] });
    expect(formatPlanSummary(summary)).toBe('Plan: 0 to add, 0 to change, 0 to destroy.\n');
    expect(hasChanges(summary)).toBe(false);
  });
});
