import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { ruleById, RULES } from '../../lib/checks';

const LIB = path.join(__dirname, '..', '..', 'lib', 'checks');
const NOT_RULES = new Set(['index.ts', 'run.ts', 'types.ts', 'aspect.ts', 'policy-error.ts', 'acknowledge.ts']);

describe('RULES', () => {
  test('THEN every rule file of lib/checks is registered, once, with a test file of its own', () => {
    const files = readdirSync(LIB).filter((f) => f.endsWith('.ts') && !NOT_RULES.has(f));
    expect(files.length).toBe(RULES.length);
    for (const file of files) {
      const { rule } = require(path.join(LIB, file));
      expect(RULES).toContain(rule);
      expect(existsSync(path.join(__dirname, file.replace(/\.ts$/, '.test.ts')))).toBe(true);
    }
  });

  test('THEN ids are unique FTPKIT- ids the config accepts, and every rule says why, how to fix and at what level', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^FTPKIT-[A-Z0-9-]+$/);
      expect(['high', 'medium', 'low']).toContain(rule.level);
      expect(rule.name.length).toBeGreaterThan(5);
      expect(rule.description.length).toBeGreaterThan(20);
      expect(rule.fix.length).toBeGreaterThan(20);
      for (const id of rule.refs.checkov ?? []) expect(id).toMatch(/^CKV_AWS_\d+$/);
      for (const id of rule.refs.securityHub ?? []) expect(id).toMatch(/^(EC2|ECS|EFS|ECR)\.\d+$/);
      for (const id of rule.refs.cdkNag ?? []) expect(id).toMatch(/^(AwsSolutions-(EC|EFS)\d+|NIST\.800\.53\.R5-(EC2|CloudWatch)\w+)$/);
      expect(ruleById(rule.id)).toBe(rule);
    }
  });

  test('THEN the passive-range drift rule, which acceptance fails on, is high', () => {
    expect(ruleById('FTPKIT-PASSIVE-RANGE-DRIFT')!.level).toBe('high');
    expect(ruleById('FTPKIT-NOPE')).toBeUndefined();
  });
});
