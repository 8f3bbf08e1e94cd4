import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ExitError, UsageError } from '../../lib/cli/errors';
import { runPlanCommand } from '../../lib/cli/plan-command';
import { cdktfStack, MIRROR, writeStack } from '../terraform/fixture';
import { capture } from '../support/capture';

const env = { PATH: process.env.PATH, HOME: process.env.HOME, TF_CLI_CONFIG_FILE: '/nonexistent/terraformrc' };

describe('runPlanCommand on a terminal', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  test("GIVEN a synthesized stack folder (--stack) THEN a step list, terraform's chatter hidden, the plan JSON written", async () => {
    const stackDir = writeStack(cdktfStack());
    dirs.push(stackDir);
    const err = capture();
    const result = await runPlanCommand({
      stack: stackDir,
      out: join(stackDir, 'out', 'plan.json'),
      offline: true,
      providerMirror: MIRROR,
      stderr: err.stream,
      tty: true,
      env,
    });
    expect(JSON.parse(readFileSync(result.planJsonPath, 'utf8'))).toEqual(result.plan);
    const lines = err
      .text()
      .split('\n')
      .filter(Boolean)
      .map((l) => l.replace(/^[\s\S]*\x1b\[2K/, '').replace(/\(\d+\.\d s\)/, '(t)'));
    expect(lines).toEqual([
      '  ✔ [1/3] terraform init (t)',
      '  ✔ [2/3] terraform plan (offline) (t)',
      '  ✔ [3/3] terraform show -json (t)',
      `providers: registry.terraform.io/hashicorp/aws 5.100.0 from the provider mirror ${MIRROR} ` +
        `(--provider-mirror or FTP_KIT_PROVIDER_MIRROR)`,
    ]);
    expect(result.synthFindings).toEqual([]);
  });

  test('fails with exit 1 when terraform fails: its error verbatim, the step marked ✖', async () => {
    const stackDir = writeStack(cdktfStack({ aws_security_group: { sg: { name: 'x', vpc_id: '${aws_vpc.missing.id}' } } }));
    dirs.push(stackDir);
    const err = capture();
    const error = await runPlanCommand({
      stack: stackDir,
      out: join(stackDir, 'plan.json'),
      offline: true,
      providerMirror: MIRROR,
      stderr: err.stream,
      tty: true,
      env,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExitError);
    expect((error as ExitError).exitCode).toBe(1);
    expect((error as ExitError).message).toContain('Reference to undeclared resource');
    // Terraform's error once, then where its whole run is.
    expect((error as ExitError).message.match(/Reference to undeclared resource/g)).toHaveLength(1);
    const log = join(stackDir, '.ftp-kit', 'terraform.log');
    expect((error as ExitError).message).toMatch(new RegExp(`\\nftp-kit: terraform's full output: ${log.replace(/[.]/g, '\\.')}$`));
    expect(readFileSync(log, 'utf8')).toContain('Reference to undeclared resource');
    expect(err.text()).toContain('✖ [2/3] terraform plan (offline)');
    expect(existsSync(join(stackDir, 'plan.json'))).toBe(false);
  });

  test('fails when --stack and --config are both given: one of them would be ignored', async () => {
    await expect(
      runPlanCommand({ stack: '/nonexistent', config: 'ftp-kit.config.json', stderr: capture().stream, tty: false, env }),
    ).rejects.toThrow('--stack: plans an already synthesized stack, so --config would be ignored');
  });

  test('fails when --stack has no cdk.tf.json, before running terraform', async () => {
    await expect(runPlanCommand({ stack: '/nonexistent', stderr: capture().stream, tty: false, env })).rejects.toThrow(UsageError);
    await expect(runPlanCommand({ stack: '/nonexistent', stderr: capture().stream, tty: false, env })).rejects.toThrow(
      '--stack: "/nonexistent" — has no cdk.tf.json',
    );
  });
});
