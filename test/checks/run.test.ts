import { RULES } from '../../lib/checks';
import { acknowledgementsOf } from '../../lib/checks/acknowledge';
import { RULE_FAILED_RESOURCE, runRules } from '../../lib/checks/run';
import { Rule } from '../../lib/checks/types';
import { buildModel } from '../../lib/model/build';
import { Block } from '../constructs/helpers';
import { edited, serverJson, setVsftpd, SERVER_INPUT } from './helpers';

describe('runRules', () => {
  let publicJson: Block;
  let weak: Block;
  beforeAll(() => {
    publicJson = serverJson({ ...SERVER_INPUT, allow: ['0.0.0.0/0'], allowPublic: true });
    weak = edited(serverJson(), (j) => {
      setVsftpd(j, 'require_ssl_reuse', 'NO');
      setVsftpd(j, 'anonymous_enable', 'YES');
    });
  });

  test("GIVEN findings of several levels THEN they come most severe first, with the rule's fix and refs", () => {
    const findings = runRules(buildModel(weak), RULES);
    expect(findings.map((f) => [f.id, f.level])).toEqual([
      ['FTPKIT-ANONYMOUS', 'high'],
      ['FTPKIT-SSL-REUSE', 'medium'],
    ]);
    expect(findings[0].fix).toMatch(/anonymous_enable=NO/);
    expect(findings[0].path).toBeUndefined();
  });

  test('GIVEN an acknowledgement THEN the finding stays, marked, and no longer counts', () => {
    const [anon] = runRules(buildModel(weak), RULES, {
      acknowledgements: [{ rule: 'FTPKIT-ANONYMOUS', reason: 'public mirror of open data' }],
    });
    expect(anon).toMatchObject({
      id: 'FTPKIT-ANONYMOUS',
      level: 'high',
      acknowledged: { reason: 'public mirror of open data', counts: false },
    });
  });

  test('GIVEN allowPublic THEN public exposure is acknowledged but kept at low, still counting', () => {
    const findings = runRules(buildModel(publicJson), RULES, { acknowledgements: acknowledgementsOf({ allowPublic: true }) });
    expect(findings.map((f) => [f.id, f.level, f.acknowledged?.counts])).toEqual([
      ['FTPKIT-PUBLIC-INGRESS', 'low', true],
      ['FTPKIT-PUBLIC-INGRESS', 'low', true],
    ]);
  });

  test(
    'GIVEN an acknowledgement naming one resource ' + "THEN only that resource's finding is acknowledged, the rule's others still count",
    () => {
      const all = runRules(buildModel(publicJson), RULES);
      expect(all.length).toBe(2);
      const [first, second] = all;
      const findings = runRules(buildModel(publicJson), RULES, {
        acknowledgements: [{ rule: 'FTPKIT-PUBLIC-INGRESS', resource: first.resource, reason: 'this one resource is reviewed by hand' }],
      });
      expect(findings.find((f) => f.resource === first.resource)?.acknowledged?.reason).toBe('this one resource is reviewed by hand');
      const other = findings.find((f) => f.resource === second.resource);
      expect(other?.level).toBe('high');
      expect(other?.acknowledged).toBeUndefined();
    },
  );

  test("GIVEN one acknowledgement for the rule and one for a resource THEN the resource's own reason wins there", () => {
    const [first, second] = runRules(buildModel(publicJson), RULES);
    const findings = runRules(buildModel(publicJson), RULES, {
      acknowledgements: [
        { rule: 'FTPKIT-PUBLIC-INGRESS', reason: 'every finding of the rule' },
        { rule: 'FTPKIT-PUBLIC-INGRESS', resource: second.resource, reason: 'this resource in particular' },
      ],
    });
    expect(findings.find((f) => f.resource === first.resource)?.acknowledged?.reason).toBe('every finding of the rule');
    expect(findings.find((f) => f.resource === second.resource)?.acknowledged?.reason).toBe('this resource in particular');
  });

  test('GIVEN a rule that throws THEN it is reported as a finding at its level and the other rules still run', () => {
    const broken: Rule = {
      ...RULES[0],
      id: 'FTPKIT-BROKEN',
      level: 'high',
      check: () => {
        throw new Error('cannot read properties of undefined');
      },
    };
    const findings = runRules(buildModel(weak), [broken, ...RULES]);
    expect(findings.find((f) => f.id === 'FTPKIT-BROKEN')).toMatchObject({
      level: 'high',
      resource: RULE_FAILED_RESOURCE,
      message: expect.stringContaining('cannot read properties of undefined'),
    });
    expect(findings.map((f) => f.id)).toContain('FTPKIT-ANONYMOUS');
  });
});
