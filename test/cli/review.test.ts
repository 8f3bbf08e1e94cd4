/*
 * `ftp-kit plan` and `ftp-kit review` as users run them: the built CLI, real offline terraform
 * plans through the provider mirror, no AWS credentials in the environment. Three plans, made
 * once and shared: a hardened config, a public one (allowPublic), and a stack widened after synth.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CLI, CliResult, ftpKit } from '../support/cli';

const run = promisify(execFile);

// S3 state: an offline plan must not touch the real backend (it plans against a throwaway local state).
const HARDENED = {
  name: 'hardened',
  controlPort: 2121,
  passivePorts: { from: 50000, to: 50049 },
  allow: [{ cidr: '198.51.100.0/24', description: 'partner A' }, '2001:db8::/32'],
  users: [{ name: 'alice', write: true }, { name: 'bob' }],
  state: { backend: 's3', bucket: 'example-ftp-kit-state' },
};
const PUBLIC = { name: 'public', allow: ['0.0.0.0/0', '::/0'], allowPublic: true, users: [{ name: 'alice' }] };
const WIDEN_BY = 10;

/** Added to ftpKit's PATH and HOME: no AWS credentials; TF_CLI_CONFIG_FILE names a missing file, as on this image. */
const ENV: NodeJS.ProcessEnv = { TF_CLI_CONFIG_FILE: '/nonexistent/terraformrc', CI: 'true' };

describe('ftp-kit plan and review (built CLI, offline terraform)', () => {
  let root: string;
  const dir = (name: string) => path.join(root, name);
  const cli = (name: string, ...args: string[]) => ftpKit(args, dir(name), ENV);
  let hardened: CliResult;
  let publicRun: CliResult;
  let widenedPlan: CliResult;
  let ttyPlan: string;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'ftp-kit-cli-review-'));
    for (const [name, cfg] of [
      ['hardened', HARDENED],
      ['public', PUBLIC],
      ['widened', HARDENED],
    ] as const) {
      mkdirSync(dir(name));
      writeFileSync(path.join(dir(name), 'ftp-kit.config.json'), JSON.stringify(cfg));
    }
    writeFileSync(path.join(dir('widened'), 'not-json.txt'), 'plan: binary\n');
    const widen = async (): Promise<CliResult> => {
      const synth = await cli('widened', 'synth');
      if (synth.code !== 0) return synth;
      const file = path.join(dir('widened'), 'cdktf.out', 'stacks', 'hardened', 'cdk.tf.json');
      const stack = JSON.parse(readFileSync(file, 'utf8'));
      for (const [name, rule] of Object.entries<Record<string, number>>(stack.resource.aws_vpc_security_group_ingress_rule)) {
        if (name.includes('Passive')) rule.to_port += WIDEN_BY;
      }
      writeFileSync(file, JSON.stringify(stack, null, 2));
      return cli(
        'widened',
        'plan',
        '--stack',
        'cdktf.out/stacks/hardened',
        '--offline',
        '--out',
        'widened-plan.json',
        '--detailed-exitcode',
      );
    };
    // plan on a real pseudo-terminal (script), in a folder of its own: the same config as hardened.
    mkdirSync(dir('tty'));
    writeFileSync(path.join(dir('tty'), 'ftp-kit.config.json'), JSON.stringify(HARDENED));
    const onTerminal = run('script', ['-qec', `${CLI} plan --offline`, '/dev/null'], {
      cwd: dir('tty'),
      env: { PATH: process.env.PATH, HOME: root, TERM: 'xterm', TF_CLI_CONFIG_FILE: '/nonexistent/terraformrc' },
    }).then(
      (r) => r.stdout,
      (e: { stdout?: string; message: string }) => e.stdout ?? e.message,
    );
    [hardened, publicRun, widenedPlan, ttyPlan] = await Promise.all([
      cli('hardened', 'review', '--config', 'ftp-kit.config.json', '--offline', '--format', 'json'),
      cli('public', 'review', '--config', 'ftp-kit.config.json', '--offline', '--fail-on', 'low'),
      widen(),
      onTerminal,
    ]);
  });
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  test('GIVEN a hardened config WHEN review --config --offline --format json THEN exit 0 and no finding at all', () => {
    expect({ code: hardened.code, stderr: hardened.code === 0 ? '' : hardened.stderr }).toEqual({ code: 0, stderr: '' });
    const review = JSON.parse(hardened.stdout);
    expect(review.summary).toMatchObject({ source: 'plan', verdict: 'pass', findings: { high: 0, medium: 0, low: 0 } });
    expect(review.findings).toEqual([]);
    expect(review.exposure.map((e: { ports: string }) => e.ports).sort()).toEqual(['2121', '2121', '50000-50049', '50000-50049']);
  });

  test("GIVEN S3 state THEN the offline plan left the deployable stack's S3 backend as it was", () => {
    const stack = JSON.parse(readFileSync(path.join(dir('hardened'), 'cdktf.out', 'stacks', 'hardened', 'cdk.tf.json'), 'utf8'));
    expect(stack.terraform.backend).toEqual({ s3: expect.objectContaining({ bucket: 'example-ftp-kit-state' }) });
  });

  test("GIVEN CI (not a terminal) THEN progress is plain step lines on stderr, terraform's chatter only in its log", () => {
    expect(hardened.stderr).toBe(
      '[1/4] synth\n[2/4] terraform init\n[3/4] terraform plan (offline)\n[4/4] terraform show -json\n' +
        // Offline, it says where the providers came from: here the mirror this machine ships.
        'providers: registry.terraform.io/hashicorp/aws 5.100.0 from the provider mirror /opt/tf-plugins, found on this machine ' +
        '(--offline uses it when no mirror or CLI config is given)\n',
    );
    const log = readFileSync(path.join(dir('hardened'), 'cdktf.out', 'stacks', 'hardened', '.ftp-kit', 'terraform.log'), 'utf8');
    expect(log).toContain('Terraform will perform the following actions');
    // Piped: terraform ran with -no-color.
    expect(log).not.toContain('\u001b[');
  });

  test('GIVEN allowPublic with 0.0.0.0/0 and ::/0 WHEN review --config --offline --fail-on low THEN exit 1, naming both ranges', () => {
    expect(publicRun.code).toBe(1);
    expect(publicRun.stdout).toContain('## ftp-kit review: ❌ 4 findings at or above low');
    expect(publicRun.stdout).toContain('**0.0.0.0/0 (whole internet)**');
    expect(publicRun.stdout).toContain('**::/0 (whole internet)**');
    expect(publicRun.stdout).toMatch(/FTPKIT-PUBLIC-INGRESS.*0\.0\.0\.0\/0 reaches TCP/);
    expect(publicRun.stdout).toMatch(/FTPKIT-PUBLIC-INGRESS.*::\/0 reaches TCP/);
  });

  test('GIVEN the public plan THEN the default --fail-on high passes: allowPublic keeps it at low', async () => {
    const run = await cli('public', 'review', '--plan', 'cdktf.out/plan.json', '--config', 'ftp-kit.config.json', '--format', 'json');
    expect(run.code).toBe(0);
    expect(
      JSON.parse(run.stdout).findings.map((f: { level: string; acknowledged: { reason: string } }) => [f.level, f.acknowledged.reason]),
    ).toEqual(Array(4).fill(['low', 'allowPublic: true in the config']));
  });

  test(
    'GIVEN a stack whose passive rules were widened by 10 after synth, ' +
      'planned with plan --stack --offline THEN review --plan exits 1 naming the drift',
    async () => {
      // --detailed-exitcode: 2, there are changes.
      expect({ code: widenedPlan.code, stderr: widenedPlan.code === 2 ? '' : widenedPlan.stderr }).toEqual({ code: 2, stderr: '' });
      expect(widenedPlan.stdout).toMatch(
        /^Plan: \d+ to add, 0 to change, 0 to destroy\.\n( {4}\+ \S+\n)* {4}\+ aws_ebs_volume\.Server_DataVolume_\w+\n/,
      );
      expect(widenedPlan.stdout).toMatch(/\n {4}\+ aws_vpc_security_group_ingress_rule\.Server_SecurityGroup_Passive0_\w+\n/);
      expect(widenedPlan.stdout).toMatch(/\nplanned widened-plan\.json\n$/);
      expect(widenedPlan.stdout + widenedPlan.stderr).not.toMatch(/lock file|\.terraform\.lock\.hcl/);
      const run = await cli('widened', 'review', '--plan', 'widened-plan.json', '--fail-on', 'high', '--format', 'json');
      expect(run.code).toBe(1);
      const findings = JSON.parse(run.stdout).findings;
      expect(findings.map((f: { id: string; level: string }) => `${f.id} ${f.level}`)).toEqual([
        'FTPKIT-PASSIVE-RANGE-DRIFT high',
        'FTPKIT-PASSIVE-RANGE-DRIFT high',
      ]);
      expect(findings[0].message).toContain(`opens TCP 50000-${50049 + WIDEN_BY}, but vsftpd's passive range on aws_instance.`);
    },
  );

  test.each([
    // plan, --fail-on, exit code
    ['hardened', 'cdktf.out/plan.json', 'high', 0],
    ['hardened', 'cdktf.out/plan.json', 'medium', 0],
    ['hardened', 'cdktf.out/plan.json', 'low', 0],
    ['hardened', 'cdktf.out/plan.json', 'none', 0],
    ['public', 'cdktf.out/plan.json', 'high', 0],
    ['public', 'cdktf.out/plan.json', 'medium', 0],
    ['public', 'cdktf.out/plan.json', 'low', 1],
    ['public', 'cdktf.out/plan.json', 'none', 0],
    ['widened', 'widened-plan.json', 'high', 1],
    ['widened', 'widened-plan.json', 'medium', 1],
    ['widened', 'widened-plan.json', 'low', 1],
    ['widened', 'widened-plan.json', 'none', 0],
    // A synthesized stack reviews too: here one with only a medium finding.
    ['medium-only', 'cdk.tf.json', 'high', 0],
    ['medium-only', 'cdk.tf.json', 'medium', 1],
    ['medium-only', 'cdk.tf.json', 'low', 1],
    ['medium-only', 'cdk.tf.json', 'none', 0],
  ] as const)('GIVEN the %s review (%s) WHEN --fail-on %s THEN exit %d', async (name, plan, failOn, code) => {
    if (name === 'medium-only') {
      if (!existsSync(dir(name))) {
        mkdirSync(dir(name));
        const stack = JSON.parse(readFileSync(path.join(dir('widened'), 'cdktf.out', 'stacks', 'hardened', 'cdk.tf.json'), 'utf8'));
        for (const rule of Object.values<Record<string, number>>(stack.resource.aws_vpc_security_group_ingress_rule))
          if (rule.to_port === 50049 + WIDEN_BY) rule.to_port = 50049;
        for (const volume of Object.values<Record<string, unknown>>(stack.resource.aws_ebs_volume)) volume.final_snapshot = false;
        writeFileSync(path.join(dir(name), 'cdk.tf.json'), JSON.stringify(stack));
      }
    }
    // The public plan's allowPublic acknowledgement comes from its config.
    const run = await cli(
      name,
      'review',
      '--plan',
      plan,
      '--fail-on',
      failOn,
      ...(name === 'public' ? ['--config', 'ftp-kit.config.json'] : []),
    );
    const note = name === 'public' ? 'ftp-kit review: 4 findings acknowledged by ftp-kit.config.json\n' : '';
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code, stderr: note });
  });

  test(
    'GIVEN a folder whose ftp-kit.config.json acknowledges the findings ' +
      'WHEN review --plan without --config THEN exit 0, naming the config',
    async () => {
      const run = await cli('public', 'review', '--plan', 'cdktf.out/plan.json');
      expect(run).toEqual({
        code: 0,
        stdout: expect.stringContaining('## ftp-kit review'),
        stderr: 'ftp-kit review: 4 findings acknowledged by ftp-kit.config.json\n',
      });
    },
  );

  test('GIVEN --format junit THEN a JUnit report: the failing finding a <failure>, rules without findings passing cases', async () => {
    const run = await cli('widened', 'review', '--plan', 'widened-plan.json', '--format', 'junit');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="ftp-kit review" tests="\d+" failures="2" errors="0" skipped="0">/,
    );
    expect(run.stdout).toMatch(
      /<testcase classname="FTPKIT-PASSIVE-RANGE-DRIFT" name="aws_vpc_security_group_ingress_rule\.[^"]+">\n {6}<failure type="high" message="[^"]*opens TCP 50000-50059/,
    );
    expect(run.stdout).toMatch(/<testcase classname="FTPKIT-IMDSV1" name="[^"]+: no finding"\/>/);
  });

  test('GIVEN a terminal WHEN plan --offline THEN a step list, then the change count and the resources, + in green', () => {
    const stdout = ttyPlan;
    expect(stdout).toContain('✔ [4/4] terraform show -json');
    expect(stdout).toMatch(/\u001b\[1mPlan:\u001b\[22m \d+ to add, 0 to change, 0 to destroy\./);
    expect(stdout).toMatch(/\u001b\[32m {2}\+\u001b\[39m aws_instance\.Server_Instance_\w+/);
    expect(stdout).not.toMatch(/lock file|Terraform will perform/);
  });

  test('GIVEN a terminal WHEN review --plan THEN the terminal format with the level coloured; NO_COLOR takes the colour away', async () => {
    const tty = (env: string) =>
      run('script', ['-qec', `${env} ${CLI} review --plan widened-plan.json --fail-on high`, '/dev/null'], {
        cwd: dir('widened'),
        env: { PATH: process.env.PATH, HOME: root, TERM: 'xterm' },
      }).then(
        (r) => r.stdout,
        (e: { stdout: string }) => e.stdout,
      );
    const colored = await tty('');
    expect(colored).toContain('FTPKIT-PASSIVE-RANGE-DRIFT [\u001b[31mhigh\u001b[39m]');
    expect(colored).toContain('\u001b[31mFAIL  2 findings at or above high\u001b[39m');
    expect(colored).not.toContain('## ftp-kit review');
    const plain = await tty('NO_COLOR=1');
    expect(plain).toContain('FTPKIT-PASSIVE-RANGE-DRIFT [high]');
    expect(plain).not.toContain('\u001b[');
  });

  test('GIVEN --format sarif THEN it prints SARIF 2.1.0 that validates against the schema', async () => {
    const run = await cli('widened', 'review', '--plan', 'widened-plan.json', '--format', 'sarif', '--fail-on', 'none');
    expect(run.code).toBe(0);
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(
      JSON.parse(readFileSync(path.join(__dirname, '..', 'review', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8')),
    );
    const sarif = JSON.parse(run.stdout);
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    // The folder's config is read (as --config would be): results point at the file the user edits.
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('ftp-kit.config.json');
  });

  test.each([
    ['a missing plan file', ['review', '--plan', 'nope.json'], /--plan: "nope.json" — cannot be read \(ENOENT\)/],
    ['a plan that is not JSON', ['review', '--plan', 'not-json.txt'], /--plan: "not-json.txt" — is not JSON/],
    [
      'JSON that is no plan',
      ['review', '--plan', 'ftp-kit.config.json'],
      /not a Terraform plan JSON|not a synthesized Terraform JSON stack/,
    ],
    [
      'an unknown format',
      ['review', '--plan', 'widened-plan.json', '--format', 'xml'],
      /argument 'xml' is invalid\. Allowed choices are terminal, md, json, sarif, junit/,
    ],
    [
      'a bad config beside --plan',
      ['review', '--plan', 'widened-plan.json', '--config', 'missing.yaml'],
      /--config: "missing.yaml" — does not exist/,
    ],
    [
      '--offline beside --plan (nothing to plan)',
      ['review', '--plan', 'widened-plan.json', '--offline'],
      /--offline: has no effect with --plan/,
    ],
  ])('fails with exit 2 on %s', async (_what, args, message) => {
    const run = await cli('widened', ...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });
});
