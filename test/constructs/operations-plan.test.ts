/*
 * Operations (issue 14) proven by Terraform: a real offline `terraform plan`, through the CLI, of the
 * whole stack with and without alerts.email. Integration, not unit: it spawns the compiled CLI and
 * terraform (the bench's unit-test layer leaves it out, bench/kit.ts UNIT_TEST_EXCLUDED).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LOG_METRICS } from '../../lib/render/log-metrics';
import { CliResult, ftpKit } from '../support/cli';
import { DEFAULT_INPUT, WITH_EMAIL } from './helpers';

describe('GIVEN the CLI and no AWS account WHEN `ftp-kit plan --offline` runs with and without alerts.email', () => {
  let root: string;
  const results: Record<string, CliResult> = {};
  const plans: Record<string, { resource_changes: Array<{ type: string; change: { after: Record<string, unknown> } }> }> = {};
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'ftp-kit-ops-plan-'));
    const cases = { email: WITH_EMAIL, quiet: DEFAULT_INPUT };
    await Promise.all(
      Object.entries(cases).map(async ([name, input]) => {
        const dir = path.join(root, name);
        mkdirSync(dir);
        writeFileSync(path.join(dir, 'ftp-kit.config.json'), JSON.stringify(input));
        const env = { TF_CLI_CONFIG_FILE: '/nonexistent/terraformrc', CI: 'true' };
        results[name] = await ftpKit(['plan', '--config', 'ftp-kit.config.json', '--offline', '--out', 'plan.json'], dir, env);
        if (results[name].code === 0) plans[name] = JSON.parse(readFileSync(path.join(dir, 'plan.json'), 'utf8'));
      }),
    );
  }, 240000);
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const created = (name: string, type: string) => plans[name].resource_changes.filter((r) => r.type === type).map((r) => r.change.after);

  test(
    'THEN both plan, creating the log group with its retention, the FAIL LOGIN filter, ' +
      'five alarms (the certificate expiry among them) and the backup policy',
    () => {
      for (const name of ['email', 'quiet']) {
        const { code, stderr } = results[name];
        expect({ name, code, stderr: code === 0 ? '' : stderr }).toEqual({ name, code: 0, stderr: '' });
        expect(created(name, 'aws_cloudwatch_log_group')).toEqual([
          expect.objectContaining({ name: '/ftp-kit/ftp', retention_in_days: name === 'email' ? 30 : 90 }),
        ]);
        expect(created(name, 'aws_cloudwatch_log_metric_filter').map((f) => f.pattern)).toContain(LOG_METRICS.failedLogins.pattern);
        expect(created(name, 'aws_cloudwatch_metric_alarm')).toHaveLength(5);
        expect(created(name, 'aws_dlm_lifecycle_policy')).toHaveLength(1);
        expect(created(name, 'aws_kms_key')).toEqual([expect.objectContaining({ enable_key_rotation: true })]);
      }
    },
  );

  test('THEN only the plan with alerts.email subscribes the address', () => {
    expect(created('email', 'aws_sns_topic_subscription')).toEqual([
      expect.objectContaining({ protocol: 'email', endpoint: 'ops@example.com' }),
    ]);
    expect(created('quiet', 'aws_sns_topic_subscription')).toEqual([]);
  });
});
