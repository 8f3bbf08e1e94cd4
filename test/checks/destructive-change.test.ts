import { rule } from '../../lib/checks/destructive-change';
import { check, serverJson } from './helpers';

/** A plan (terraform show -json shape) of one resource with the given actions. */
function planOf(type: string, actions: string[], reason?: string): Record<string, unknown> {
  const values = { tags: { Name: 'ftp' } };
  return {
    format_version: '1.2',
    planned_values: {
      root_module: {
        resources: actions.includes('create') ? [{ address: `${type}.data`, mode: 'managed', type, name: 'data', values }] : [],
      },
    },
    resource_changes: [
      {
        address: `${type}.data`,
        mode: 'managed',
        type,
        name: 'data',
        change: { actions, before: values, after: actions.includes('create') ? values : null },
        ...(reason ? { action_reason: reason } : {}),
      },
    ],
    configuration: { root_module: { resources: [] } },
  };
}

describe('FTPKIT-DESTRUCTIVE-CHANGE', () => {
  test('GIVEN a synthesized stack (everything is created) THEN compliant', () => {
    expect(check(rule, serverJson())).toEqual([]);
  });

  test('GIVEN a plan that updates the data volume in place (a resize) THEN compliant', () => {
    expect(check(rule, planOf('aws_ebs_volume', ['update']))).toEqual([]);
  });

  test('GIVEN a plan that replaces the instance THEN compliant: the instance holds nothing', () => {
    expect(check(rule, planOf('aws_instance', ['delete', 'create']))).toEqual([]);
  });

  test('fails when the plan replaces the data volume, naming why', () => {
    expect(check(rule, planOf('aws_ebs_volume', ['delete', 'create'], 'replace_because_cannot_update'))).toEqual([
      {
        resource: 'aws_ebs_volume.data',
        message:
          "the plan replaces aws_ebs_volume.data (replace because cannot update): the users' files, " +
          'password file and TLS key on it would be lost',
      },
    ]);
  });

  test('fails when the plan destroys the Elastic IP or a user secret', () => {
    expect(check(rule, planOf('aws_eip', ['delete']))[0].message).toContain('the plan destroys aws_eip.data');
    expect(check(rule, planOf('aws_secretsmanager_secret', ['create', 'delete']))[0].message).toContain(
      'the plan replaces aws_secretsmanager_secret.data',
    );
  });
});
