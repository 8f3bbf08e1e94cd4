/*
 * deploy's orchestration with the real terraform: offline up to the plan and the review gate (no AWS
 * account), the confirmation rules on a stack that needs no cloud, and (test/deploy/apply.test.ts) the
 * apply, readiness and doctor steps against a real preview server.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { validateConfig } from '../../lib/config/load';
import { synthesizeStack } from '../../lib/stack/synth';
import { terraformFor } from '../../lib/terraform/plan';
import { deploy, DeployStopped } from '../../lib/deploy/deploy';
import { reviewGate } from '../../lib/review/gate';
import { CliResult, ftpKit } from '../support/cli';
import { writeNoCloudStack } from './no-cloud-stack';

const quiet = () => {
  const s = new PassThrough();
  s.resume();
  return s;
};
const env = { PATH: process.env.PATH, HOME: process.env.HOME, CHECKPOINT_DISABLE: '1' };
const reviewer = (plan: unknown, config: Parameters<typeof reviewGate>[1]) => reviewGate(plan, config);

describe('ftp-kit deploy --offline', () => {
  let dir: string;
  let result: CliResult;
  beforeAll(async () => {
    // GIVEN a config and no AWS account WHEN deploy runs offline
    dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-deploy-offline-'));
    writeFileSync(
      path.join(dir, 'ftp-kit.config.json'),
      JSON.stringify({
        name: 'drop',
        controlPort: 2121,
        passivePorts: { from: 50000, to: 50049 },
        allow: ['198.51.100.0/24'],
        users: [{ name: 'alice', write: true }],
      }),
    );
    result = await ftpKit(['deploy', '--offline'], dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('THEN it runs synth, plan and review for real and stops before apply, exit 0', () => {
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\[1\/7\] synth drop\n\[2\/7\] terraform init \+ plan \(offline/);
    expect(result.stdout).toContain('[3/7] review');
    expect(result.stdout).toContain('offline: stopping before apply');
    expect(result.stdout).not.toContain('[5/7]');
  });

  test('THEN the summary shows what will be created, what the internet can reach and the monthly cost', () => {
    expect(result.stdout).toMatch(/changes: \d+ to create/);
    expect(result.stdout).toMatch(/TCP 2121 +from 198\.51\.100\.0\/24/);
    expect(result.stdout).toMatch(/TCP 50000-50049 +from 198\.51\.100\.0\/24/);
    expect(result.stdout).toMatch(/total per month +\$\d+\.\d\d/);
    expect(result.stdout).toMatch(/list prices of \d{4}-\d{2}-\d{2}/);
  });

  test('THEN no state was written', () => {
    expect(existsSync(path.join(dir, 'terraform.drop.tfstate'))).toBe(false);
  });
});

describe('deploy stops at the review gate', () => {
  let dir: string;
  let error: unknown;
  let applied = false;
  beforeAll(async () => {
    // GIVEN a stack whose security group opens 10 more passive ports than vsftpd uses (edited after synth)
    dir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-deploy-gate-'));
    const config = validateConfig({
      name: 'gate',
      allow: ['198.51.100.0/24'],
      users: [{ name: 'alice', write: true }],
      passivePorts: { from: 50000, to: 50049 },
    });
    const { stackDir } = synthesizeStack(config, path.join(dir, 'cdktf.out'), { workingDirectory: dir });
    const file = path.join(stackDir, 'cdk.tf.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    for (const rule of Object.values<Record<string, number>>(json.resource.aws_vpc_security_group_ingress_rule)) {
      if (rule.from_port === 50000) rule.to_port += 10;
    }
    writeFileSync(file, JSON.stringify(json));
    // WHEN it is deployed (offline: the gate comes before anything that needs AWS)
    try {
      const result = await deploy({ config, reviewer, stackDir, offline: true, yes: true, log: () => undefined, output: quiet() });
      applied = result.applied;
    } catch (err) {
      error = err;
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('fails when a high finding is not acknowledged: the drift is named and nothing is applied', () => {
    expect(applied).toBe(false);
    expect(error).toBeInstanceOf(DeployStopped);
    expect((error as Error).message).toMatch(/deploy stopped: .*nothing was applied/);
    expect((error as Error).message).toContain('FTPKIT-PASSIVE-RANGE-DRIFT');
    expect((error as Error).message).toContain('acknowledge');
  });
});

describe('deploy asks before it applies', () => {
  const config = validateConfig({
    name: 'nocloud',
    controlPort: 2121,
    allow: ['198.51.100.0/24'],
    users: [{ name: 'alice', write: true }],
  });
  let stackDir: string;
  beforeEach(() => {
    stackDir = writeNoCloudStack({ host: '127.0.0.1', port: 2121 });
  });
  afterEach(() => rmSync(stackDir, { recursive: true, force: true }));

  const stateOf = () => terraformFor({ stackDir, offline: false, output: quiet(), env }).stateList();

  test('fails when no terminal can confirm and --yes is absent: nothing is applied', async () => {
    await expect(deploy({ config, reviewer, stackDir, log: () => undefined, output: quiet(), env })).rejects.toThrow(
      /no terminal can give it .*--yes/,
    );
    expect(await stateOf()).toEqual([]);
  });

  test('fails when the answer is no: nothing is applied', async () => {
    let asked = '';
    await expect(
      deploy({
        config,
        reviewer,
        stackDir,
        confirm: async (q) => {
          asked = q;
          return false;
        },
        log: () => undefined,
        output: quiet(),
        env,
      }),
    ).rejects.toThrow(/cancelled: nothing was applied/);
    expect(asked).toMatch(/Apply this plan to us-east-1\? \[y\/N\]/);
    expect(await stateOf()).toEqual([]);
  });
});
