/*
 * synthesizeStack skips cdktf's "preparing" resolve (it only finds references between stacks) and
 * runs the policy rules on the JSON being written: what it writes must be what `app.synth()` writes.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Aspects } from 'cdktf';
import { IConstruct } from 'constructs';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { FtpKitConfigInput } from '../../lib/config/schema';
import { FtpKitStack } from '../../lib/constructs/stack';
import { buildApp } from '../../lib/stack/app';
import { synthesizeStack, synthOneStack } from '../../lib/stack/synth';
import { config, CUSTOM_INPUT, DEFAULT_INPUT } from '../constructs/helpers';
import { ECS_INPUT } from '../constructs/ecs-input';

const LETS_ENCRYPT: FtpKitConfigInput = {
  ...DEFAULT_INPUT,
  tls: { mode: 'lets-encrypt', domain: 'files.partner-drop.example.org', hostedZoneId: 'Z0123456789ABCDEFGHIJ', email: 'ops@example.org' },
};

/** Every file under dir, by relative path, with its text. */
function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, file)] = readFileSync(file, 'utf8');
  }
  return out;
}

describe('synthOneStack', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'ftp-kit-synth-one-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test.each([
    ['default', DEFAULT_INPUT],
    ['custom', CUSTOM_INPUT],
    ['lets-encrypt', LETS_ENCRYPT],
    ['ecs', ECS_INPUT],
  ])('GIVEN the %s config THEN it writes byte for byte what app.synth() writes', (label, input) => {
    const ours = path.join(root, label, 'ours');
    const theirs = path.join(root, label, 'cdktf');
    synthesizeStack(config(input), ours, { workingDirectory: root });
    const { app } = buildApp({ config: config(input), outdir: theirs, workingDirectory: root });
    app.synth();
    const written = filesOf(ours);
    expect(Object.keys(written).sort()).toEqual(['manifest.json', `stacks/${config(input).name}/cdk.tf.json`]);
    expect(written).toEqual(filesOf(theirs));
  });

  test('fails when the app holds a second stack: references between stacks need the preparing pass', () => {
    const { app, stack } = buildApp({ config: config(DEFAULT_INPUT), outdir: path.join(root, 'two'), workingDirectory: root });
    new FtpKitStack(app, 'second', { config: config(CUSTOM_INPUT), workingDirectory: root });
    expect(() => synthOneStack(app, stack)).toThrow(/must hold this one stack/);
  });
});

describe('the policy rules at synthesis', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'ftp-kit-synth-checks-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('fails when an Aspect on a child construct opens SSH: the rules see the JSON after every Aspect', () => {
    const { app, stack } = buildApp({ config: config(DEFAULT_INPUT), outdir: path.join(root, 'aspect'), workingDirectory: root });
    let added = false;
    // An Aspect below the stack runs after anything on the stack itself, as cdktf visits parents first.
    Aspects.of(stack.server).add({
      visit: (node: IConstruct) => {
        if (added || node !== stack.server) return;
        added = true;
        new VpcSecurityGroupIngressRule(stack, 'LateSsh', {
          securityGroupId: stack.server.securityGroupId,
          ipProtocol: 'tcp',
          fromPort: 22,
          toPort: 22,
          cidrIpv4: '192.0.2.0/24',
        });
      },
    });
    expect(() => app.synth()).toThrow(/FTPKIT-SSH-INGRESS \[high\] aws_vpc_security_group_ingress_rule\.LateSsh/);
    expect(readdirSync(path.join(root, 'aspect', 'stacks', 'ftp'))).toEqual([]);
  });

  describe('GIVEN cdktf writing HCL (SYNTH_HCL_OUTPUT, as `cdktf synth --hcl` sets it)', () => {
    beforeEach(() => {
      process.env.SYNTH_HCL_OUTPUT = 'true';
    });
    afterEach(() => {
      delete process.env.SYNTH_HCL_OUTPUT;
    });

    test('fails when an escape hatch opens SSH: the rules run before the HCL is written', () => {
      const outdir = path.join(root, 'hcl-refused');
      const { app, stack } = buildApp({ config: config(DEFAULT_INPUT), outdir, workingDirectory: root });
      expect(app.hclOutput).toBe(true);
      new VpcSecurityGroupIngressRule(stack, 'HclSsh', {
        securityGroupId: stack.server.securityGroupId,
        ipProtocol: 'tcp',
        fromPort: 22,
        toPort: 22,
        cidrIpv4: '192.0.2.0/24',
      });
      expect(() => app.synth()).toThrow(/FTPKIT-SSH-INGRESS \[high\] aws_vpc_security_group_ingress_rule\.HclSsh/);
      expect(readdirSync(path.join(outdir, 'stacks', 'ftp'))).toEqual([]);
    });

    test('GIVEN a compliant stack THEN it writes the HCL, and the findings are recorded', () => {
      const outdir = path.join(root, 'hcl-ok');
      const { app, stack, checks } = buildApp({ config: config(DEFAULT_INPUT), outdir, workingDirectory: root });
      app.synth();
      expect(readdirSync(path.join(outdir, 'stacks', 'ftp'))).toContain('cdk.tf');
      expect(checks.findings.get(stack.node.path)).toEqual([]);
    });
  });
});
