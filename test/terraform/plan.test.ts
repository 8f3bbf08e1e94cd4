import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { planStack, type PlanStackResult } from '../../lib/terraform/plan';
import { OFFLINE_OVERRIDE_FILE, withOfflineCredentials } from '../../lib/terraform/offline';
import { TerraformError } from '../../lib/terraform/runner';
import { cdktfStack, MIRROR, writeStack } from './fixture';

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, depth: number): void => {
    if (depth > 12) return;
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p, depth + 1);
      else if (st.isFile()) out.push(p);
    }
  };
  walk(dir, 0);
  return out;
}

function sink(): PassThrough {
  const s = new PassThrough();
  s.resume();
  return s;
}

describe('planStack offline through the provider mirror', () => {
  let stackDir: string;
  let stackBefore: string;
  let result: PlanStackResult;
  const lines: string[] = [];

  beforeAll(async () => {
    // GIVEN a cdktf-shaped stack and no AWS account
    stackDir = writeStack(cdktfStack());
    stackBefore = readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8');
    // WHEN it is planned offline
    result = await planStack({
      stackDir,
      planOut: join(stackDir, 'out', 'plan.json'),
      offline: true,
      providerMirror: MIRROR,
      log: (l) => lines.push(l),
      output: sink(),
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TF_CLI_CONFIG_FILE: '/nonexistent/terraformrc' },
    });
  });
  afterAll(() => rmSync(stackDir, { recursive: true, force: true }));

  test('THEN the plan JSON holds the security group, on disk and returned', () => {
    const onDisk = JSON.parse(readFileSync(result.planJsonPath, 'utf8'));
    expect(onDisk).toEqual(result.plan);
    const changes = (result.plan as { resource_changes: { address: string; change: { actions: string[] } }[] }).resource_changes;
    expect(changes.map((c) => [c.address, c.change.actions])).toEqual([['aws_security_group.sg', ['create']]]);
  });

  test('THEN the step lines are printed in order', () => {
    expect(lines).toEqual(['[1/3] terraform init', '[2/3] terraform plan (offline)', '[3/3] terraform show -json']);
  });

  test('THEN the override sits beside the stack and cdk.tf.json is unchanged', () => {
    expect(existsSync(join(stackDir, OFFLINE_OVERRIDE_FILE))).toBe(true);
    expect(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')).toBe(stackBefore);
  });

  test('THEN no dummy credential appears in any file under the stack dir or in the plan JSON', () => {
    const dummy = withOfflineCredentials({});
    const secrets = [dummy.AWS_ACCESS_KEY_ID!, dummy.AWS_SECRET_ACCESS_KEY!];
    // .terraform/providers (offline: .ftp-kit/offline-terraform/providers) links into the read-only mirror (the 700 MB provider binary).
    const files = filesUnder(stackDir).filter(
      (f) => !f.includes(`${join('.terraform', 'providers')}`) && !f.includes(`${join('offline-terraform', 'providers')}`),
    );
    expect(files).toContain(result.planJsonPath);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const secret of secrets) expect({ file, found: bytes.includes(secret) }).toEqual({ file, found: false });
    }
  });
});

describe('planStack with an invalid stack', () => {
  let stackDir: string;
  let error: unknown;

  beforeAll(async () => {
    // GIVEN a stack referencing an undeclared resource
    stackDir = writeStack(
      cdktfStack({
        aws_security_group: { sg: { name: 'ftp-kit-test', vpc_id: '${aws_vpc.missing.id}' } },
      }),
    );
    // WHEN it is planned
    error = await planStack({
      stackDir,
      planOut: join(stackDir, 'plan.json'),
      offline: true,
      providerMirror: MIRROR,
      log: () => undefined,
      output: sink(),
    }).catch((e: unknown) => e);
  });
  afterAll(() => rmSync(stackDir, { recursive: true, force: true }));

  test('fails when the stack references an undeclared resource: terraform error surfaces verbatim', () => {
    expect(error).toBeInstanceOf(TerraformError);
    const tfErr = error as TerraformError;
    expect(tfErr.command[0]).toBe('plan');
    expect(tfErr.exitCode).toBe(1);
    expect(tfErr.stderr).toContain('Reference to undeclared resource');
    expect(tfErr.message).toContain('Reference to undeclared resource');
    expect(existsSync(join(stackDir, 'plan.json'))).toBe(false);
  });
});
