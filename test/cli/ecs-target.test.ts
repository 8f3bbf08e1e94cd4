/*
 * Target "ecs" end to end through the CLI users run: the acceptance config plans offline (real
 * terraform, provider mirror) into a Network Load Balancer with one listener per port, and a passive
 * range over the listener budget is refused before anything is written.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ftpKit } from '../support/cli';
import { ECS_INPUT } from '../constructs/ecs-input';

jest.setTimeout(180000);

const MIRROR = '/opt/tf-plugins';
const PASSIVE = Array.from({ length: 20 }, (_, i) => 50000 + i);

type Resource = { type: string; values: Record<string, any> };

describe('GIVEN a config with target "ecs", control port 2121 and passive 50000–50019', () => {
  let dir: string;
  let result: Awaited<ReturnType<typeof ftpKit>>;
  let planText: string;
  let resources: Resource[];
  const ofType = (type: string) => resources.filter((r) => r.type === type);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-ecs-'));
    writeFileSync(path.join(dir, 'ftp-kit.config.json'), JSON.stringify(ECS_INPUT));
    result = await ftpKit(['plan', '--offline', '--provider-mirror', MIRROR], dir, { TF_CLI_CONFIG_FILE: '/nonexistent/terraformrc' });
    planText = existsSync(path.join(dir, 'cdktf.out', 'plan.json')) ? readFileSync(path.join(dir, 'cdktf.out', 'plan.json'), 'utf8') : '{}';
    resources = JSON.parse(planText).planned_values?.root_module?.resources ?? [];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('WHEN ftp-kit plan --offline runs THEN it exits 0 and terraform plans only creations', () => {
    expect({ code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({ code: 0, stderr: '' });
    const changes = JSON.parse(planText).resource_changes as Array<{ change: { actions: string[] } }>;
    const actions = new Set(changes.map((c) => c.change.actions.join(',')));
    expect(actions).toEqual(new Set(['create']));
  });

  test('THEN the plan holds a network load balancer with an Elastic IP and exactly 21 listeners: 2121 and 50000–50019', () => {
    const [lb] = ofType('aws_lb');
    expect(lb.values).toMatchObject({ load_balancer_type: 'network', internal: false, enable_cross_zone_load_balancing: true });
    expect(lb.values.subnet_mapping).toHaveLength(1);
    expect(ofType('aws_eip')).toHaveLength(1);
    expect(
      ofType('aws_lb_listener')
        .map((l) => l.values.port)
        .sort(),
    ).toEqual([2121, ...PASSIVE].sort());
    expect(
      ofType('aws_lb_target_group')
        .map((g) => g.values.port)
        .sort(),
    ).toEqual([2121, ...PASSIVE].sort());
  });

  test('THEN the plan holds an ECS service, its task definition and an encrypted EFS file system', () => {
    expect(ofType('aws_ecs_service').map((s) => s.values.platform_version)).toEqual(['1.4.0']);
    expect(ofType('aws_ecs_task_definition').map((t) => t.values.requires_compatibilities)).toEqual([['FARGATE']]);
    expect(ofType('aws_efs_file_system').map((f) => f.values.encrypted)).toEqual([true]);
    expect(ofType('aws_ecr_repository').map((r) => r.values.image_tag_mutability)).toEqual(['IMMUTABLE']);
  });

  test('THEN no password, hash or key is in the plan', () => {
    expect(planText).not.toMatch(/PRIVATE KEY|\$6\$|"secret_string"/);
  });
});

describe('GIVEN the same config with passive 50000–50099 (101 listeners)', () => {
  test('WHEN ftp-kit synth runs THEN exit 1 naming passivePorts, the limit of 50 and a range that fits; nothing written', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-ecs-big-'));
    try {
      writeFileSync(path.join(dir, 'ftp-kit.config.json'), JSON.stringify({ ...ECS_INPUT, passivePorts: { from: 50000, to: 50099 } }));
      const result = await ftpKit(['synth'], dir);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('passivePorts: {"from":50000,"to":50099}');
      expect(result.stderr).toMatch(/Network Load Balancer has at most 50/);
      expect(result.stderr).toContain('{ "from": 50000, "to": 50048 }');
      expect(existsSync(path.join(dir, 'cdktf.out'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('GIVEN target "ecs" and the verbs written for EC2 so far', () => {
  test.each([['deploy'], ['destroy']])('WHEN ftp-kit %s runs THEN exit 1 pointing to plan, terraform and the image verbs', async (verb) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-ecs-verb-'));
    try {
      writeFileSync(path.join(dir, 'ftp-kit.config.json'), JSON.stringify(ECS_INPUT));
      const result = await ftpKit([verb, '--yes'], dir);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`target: "ecs" — ftp-kit ${verb} handles target "ec2" only so far`);
      expect(result.stderr).toContain('docs/ecs.md');
      expect(existsSync(path.join(dir, 'cdktf.out'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
