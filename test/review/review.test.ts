/*
 * The review of a real offline plan (FtpServer from an explicit config), and of that plan edited
 * the way a bad change would look: a replaced data volume, a destroyed secret, a widened passive
 * rule, port 20 open to the world, a weakened vsftpd setting.
 *
 * Golden file: __golden__/review.md. After an intended change of the Markdown, regenerate it with
 *   UPDATE_GOLDEN=1 npx jest test/review/review.test.ts
 * and review the diff.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { acknowledgementsOf } from '../../lib/checks/acknowledge';
import { synthesizeStack } from '../../lib/stack/synth';
import { formatReview } from '../../lib/review/format';
import { COMMENT_MARKER } from '../../lib/review/markdown';
import { failingFindings, reviewExitCode, reviewPlan } from '../../lib/review/review';
import { ReviewResult } from '../../lib/review/types';
import { config } from '../constructs/helpers';
import { PASSIVE, CONTROL, SERVER_INPUT } from '../checks/helpers';
import { planOffline } from '../terraform/fixture';

const GOLDEN = path.join(__dirname, '__golden__', 'review.md');

type Plan = Record<string, any>;

const change = (plan: Plan, type: string, part = '') =>
  plan.resource_changes.find((c: Plan) => c.type === type && c.address.includes(part));
const planned = (plan: Plan, address: string) => plan.planned_values.root_module.resources.find((r: Plan) => r.address === address);
const configured = (plan: Plan, address: string) => plan.configuration.root_module.resources.find((r: Plan) => r.address === address);

/** Adds a resource to all three sections of a plan, as terraform would show a new one. */
function addResource(plan: Plan, type: string, name: string, values: Plan, expressions: Plan): void {
  const address = `${type}.${name}`;
  plan.planned_values.root_module.resources.push({ address, mode: 'managed', type, name, values });
  plan.resource_changes.push({ address, mode: 'managed', type, name, change: { actions: ['create'], before: null, after: values } });
  plan.configuration.root_module.resources.push({ address, mode: 'managed', type, name, expressions });
}

describe('reviewPlan GIVEN a real offline plan of a hardened FtpServer', () => {
  let root: string;
  let plan: Plan;
  let clean: ReviewResult;
  let bad: ReviewResult;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'ftp-kit-review-'));
    const { stackDir } = synthesizeStack(config(SERVER_INPUT), path.join(root, 'cdktf.out'), { workingDirectory: root });
    plan = await planOffline(stackDir);
    clean = reviewPlan(plan);

    const edited: Plan = structuredClone(plan);
    const volume = change(edited, 'aws_ebs_volume');
    volume.change.actions = ['delete', 'create'];
    volume.change.before = { ...volume.change.after, id: 'vol-0123456789abcdef0' };
    volume.action_reason = 'replace_because_cannot_update';
    const bob = change(edited, 'aws_secretsmanager_secret', 'bob');
    bob.change = { actions: ['delete'], before: { name: 'ftp-kit/ftp/bob-1' }, after: null };
    edited.planned_values.root_module.resources = edited.planned_values.root_module.resources.filter(
      (r: Plan) => r.address !== bob.address,
    );
    const passive = change(edited, 'aws_vpc_security_group_ingress_rule', 'Passive0');
    for (const body of [passive.change.after, planned(edited, passive.address).values]) body.to_port = PASSIVE.to + 10;
    configured(edited, passive.address).expressions.to_port.constant_value = PASSIVE.to + 10;
    const group = change(edited, 'aws_security_group').address;
    addResource(
      edited,
      'aws_vpc_security_group_ingress_rule',
      'ActiveData',
      { ip_protocol: 'tcp', from_port: 20, to_port: 20, cidr_ipv4: '0.0.0.0/0' },
      {
        ip_protocol: { constant_value: 'tcp' },
        from_port: { constant_value: 20 },
        to_port: { constant_value: 20 },
        cidr_ipv4: { constant_value: '0.0.0.0/0' },
        security_group_id: { constant_value: `\${${group}.id}`, references: [`${group}.id`, group] },
      },
    );
    const record = planned(edited, change(edited, 'terraform_data').address).values.input;
    record.vsftpd_conf = record.vsftpd_conf.replace('require_ssl_reuse=YES', 'require_ssl_reuse=NO');
    bad = reviewPlan(edited, {
      acknowledgements: acknowledgementsOf({
        allowPublic: true,
        acknowledge: [{ rule: 'FTPKIT-SSL-REUSE', reason: 'partner X uses a client without session reuse | until Q3' }],
      }),
    });
  });
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  test('THEN the review is clean: no finding, nothing dangerous, every level passes', () => {
    expect(clean.findings).toEqual([]);
    expect(clean.summary).toMatchObject({
      source: 'plan',
      dangerous: 0,
      publicExposure: false,
      findings: { high: 0, medium: 0, low: 0, acknowledged: 0 },
    });
    for (const level of ['high', 'medium', 'low', 'none'] as const) expect(reviewExitCode(clean, level)).toBe(0);
  });

  test("THEN the exposure is the control port and the passive range, from the allowlist, through the server's group", () => {
    const rows = clean.exposure
      .map((e) => `${e.protocol} ${e.ports} ${e.sources.map((s) => (s.kind === 'cidr' ? s.cidr : s.kind)).join(',')} ${e.instances.length}`)
      .sort();
    expect(rows).toEqual([
      `tcp ${CONTROL} 198.51.100.0/24 1`,
      `tcp ${CONTROL} 2001:db8::/32 1`,
      `tcp ${PASSIVE.from}-${PASSIVE.to} 198.51.100.0/24 1`,
      `tcp ${PASSIVE.from}-${PASSIVE.to} 2001:db8::/32 1`,
    ]);
    expect(clean.exposure.every((e) => e.securityGroup === clean.exposure[0].securityGroup && !e.public)).toBe(true);
  });

  test('GIVEN the edited plan THEN the replaced volume and the destroyed secret come first, as dangerous', () => {
    expect(bad.changes.slice(0, 2).map((c) => [c.action, c.type, c.dangerous])).toEqual([
      ['delete', 'aws_secretsmanager_secret', true],
      ['replace', 'aws_ebs_volume', true],
    ]);
    expect(bad.changes[1].reason).toBe('replace_because_cannot_update');
    expect(bad.summary).toMatchObject({ dangerous: 2, publicExposure: true, changes: { replace: 1, delete: 1 } });
  });

  test('GIVEN the edited plan THEN each problem is a finding, acknowledged ones marked', () => {
    expect(bad.findings.map((f) => [f.id, f.level, f.acknowledged?.counts])).toEqual([
      ['FTPKIT-DESTRUCTIVE-CHANGE', 'high', undefined],
      ['FTPKIT-DESTRUCTIVE-CHANGE', 'high', undefined],
      ['FTPKIT-PASSIVE-RANGE-DRIFT', 'high', undefined],
      ['FTPKIT-SSL-REUSE', 'medium', false],
      ['FTPKIT-UNEXPECTED-PORT', 'medium', undefined],
      ['FTPKIT-PUBLIC-INGRESS', 'low', true],
    ]);
    expect(failingFindings(bad, 'medium').map((f) => f.id)).not.toContain('FTPKIT-SSL-REUSE');
    expect(failingFindings(bad, 'low').map((f) => f.id)).toContain('FTPKIT-PUBLIC-INGRESS');
    expect(failingFindings(bad, 'none')).toEqual([]);
  });

  test('THEN the Markdown matches the golden file', () => {
    const markdown = formatReview(bad, 'md', { failOn: 'high' });
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, markdown);
    expect(markdown).toBe(readFileSync(GOLDEN, 'utf8'));
    expect(markdown.startsWith(`${COMMENT_MARKER}\n## ftp-kit review: ❌ 3 findings at or above high\n`)).toBe(true);
  });

  test('THEN --format json is { summary, changes, exposure, findings } with the verdict', () => {
    const json = JSON.parse(formatReview(bad, 'json', { failOn: 'low' }));
    expect(Object.keys(json)).toEqual(['summary', 'changes', 'exposure', 'findings']);
    expect(json.summary).toMatchObject({ failOn: 'low', failing: 5, verdict: 'fail' });
    for (const f of json.findings)
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['id', 'level', 'resource', 'message', 'fix', 'refs']));
  });
});
