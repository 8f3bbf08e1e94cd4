import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Aspects, TerraformStack, Testing } from 'cdktf';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { buildApp } from '../../lib/stack/app';
import { PolicyChecks } from '../../lib/checks/aspect';
import { PolicyError } from '../../lib/checks/policy-error';
import { Finding } from '../../lib/checks/types';
import { config } from '../constructs/helpers';
import { PASSIVE, partsStack, SERVER_INPUT } from './helpers';

/** Synthesizes `build` with the aspect, the way cdktf's synth invokes it. */
function synthWith(build: (stack: TerraformStack) => void, checks: PolicyChecks): string {
  const stack = new TerraformStack(Testing.app(), 'test');
  build(stack);
  Aspects.of(stack).add(checks);
  return Testing.synth(stack);
}

const widened = partsStack({ groupPassivePorts: { from: PASSIVE.from, to: PASSIVE.to + 10 } });

describe('PolicyChecks', () => {
  test('GIVEN a compliant stack THEN it synthesizes and reports nothing', () => {
    const checks = new PolicyChecks();
    expect(() => synthWith(partsStack(), checks)).not.toThrow();
    expect(checks.findings.get('test')).toEqual([]);
  });

  test(
    'fails when a stack built from the lower-level constructs widens the passive range: ' +
      'one message with id, resource, fix and how to acknowledge',
    () => {
      let error: unknown;
      try {
        synthWith(widened, new PolicyChecks());
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(PolicyError);
      const { message, findings } = error as PolicyError;
      // One finding per widened rule: the IPv4 and the IPv6 prefix list each have one.
      expect(findings.map((f) => f.id)).toEqual(['FTPKIT-PASSIVE-RANGE-DRIFT', 'FTPKIT-PASSIVE-RANGE-DRIFT']);
      expect(message).toMatch(
        /^policy check of stack "test" failed: 2 high findings\n  FTPKIT-PASSIVE-RANGE-DRIFT \[high\] aws_vpc_security_group_ingress_rule\.\S+ \(test\/Group\/Passive0\): \S+ opens TCP 50000-50059/,
      );
      expect(message).toContain('    fix: Derive both from one config');
      expect(message).toContain('add { "rule": "<id>", "reason": "<why>" } to `acknowledge` in the config');
    },
  );

  test('GIVEN the same stack and an acknowledgement with a reason THEN it synthesizes, and the finding is reported as acknowledged', () => {
    const reported: Finding[] = [];
    const checks = new PolicyChecks({
      acknowledgements: [{ rule: 'FTPKIT-PASSIVE-RANGE-DRIFT', reason: 'a NAT in front maps the extra ports' }],
      onReport: (_stack, findings) => reported.push(...findings),
    });
    expect(() => synthWith(widened, checks)).not.toThrow();
    expect(reported).toHaveLength(2);
    expect(reported[0]).toMatchObject({
      id: 'FTPKIT-PASSIVE-RANGE-DRIFT',
      level: 'high',
      path: 'test/Group/Passive0',
      acknowledged: { reason: 'a NAT in front maps the extra ports', counts: false },
    });
  });

  test('GIVEN only a medium finding THEN synthesis goes on and reports it', () => {
    const checks = new PolicyChecks();
    synthWith(partsStack({ finalSnapshot: false }), checks);
    expect(checks.findings.get('test')!.map((f) => [f.id, f.level])).toEqual([['FTPKIT-DATA-VOLUME-UNPROTECTED', 'medium']]);
  });
});

describe('buildApp runs the rules at synth', () => {
  let outdir: string;
  beforeEach(() => {
    outdir = mkdtempSync(path.join(tmpdir(), 'ftp-kit-aspect-'));
  });
  afterEach(() => rmSync(outdir, { recursive: true, force: true }));

  test("fails when an escape hatch opens SSH on the server's group: app.synth() throws and writes no stack", () => {
    const { app, stack } = buildApp({ config: config(SERVER_INPUT), outdir, workingDirectory: outdir });
    new VpcSecurityGroupIngressRule(stack, 'AdminSsh', {
      securityGroupId: stack.server.securityGroupId,
      ipProtocol: 'tcp',
      fromPort: 22,
      toPort: 22,
      cidrIpv4: '192.0.2.0/24',
    });
    expect(() => app.synth()).toThrow(/FTPKIT-SSH-INGRESS \[high\] aws_vpc_security_group_ingress_rule\.AdminSsh \(ftp\/AdminSsh\)/);
    expect(existsSync(path.join(outdir, 'stacks', 'ftp', 'cdk.tf.json'))).toBe(false);
  });

  test('GIVEN allowPublic with 0.0.0.0/0 THEN it synthesizes, public exposure reported at low as acknowledged', () => {
    const { app, stack, checks } = buildApp({
      config: config({ ...SERVER_INPUT, allow: ['0.0.0.0/0', '::/0'], allowPublic: true }),
      outdir,
      workingDirectory: outdir,
    });
    app.synth();
    const findings = checks.findings.get(stack.node.path)!;
    expect(findings.map((f) => [f.id, f.level, f.acknowledged?.reason])).toEqual(
      Array(4).fill(['FTPKIT-PUBLIC-INGRESS', 'low', 'allowPublic: true in the config']),
    );
    expect(existsSync(path.join(outdir, 'stacks', 'ftp', 'cdk.tf.json'))).toBe(true);
  });
});
