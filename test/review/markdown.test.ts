import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../lib/checks';
import { formatMarkdown, rulesTable } from '../../lib/review/markdown';
import { ReviewResult } from '../../lib/review/types';

/** A small result written out, for what the golden file of review.test.ts does not show. */
function result(overrides: Partial<ReviewResult> = {}): ReviewResult {
  return {
    summary: {
      source: 'synth',
      changes: { create: 1, update: 0, replace: 0, delete: 0, read: 0, 'no-op': 0 },
      dangerous: 0,
      findings: { high: 0, medium: 0, low: 1, acknowledged: 0 },
      publicExposure: false,
    },
    changes: [{ address: 'aws_eip.ip', type: 'aws_eip', action: 'create', actions: ['create'], dangerous: false }],
    exposure: [],
    findings: [{ id: 'FTPKIT-X', level: 'low', resource: 'aws_eip.ip', message: 'a | b\nc', fix: 'use `x`', refs: {} }],
    ...overrides,
  };
}

describe('formatMarkdown', () => {
  test('GIVEN a message with a pipe and a line break THEN the table cell stays one cell on one line', () => {
    expect(formatMarkdown(result())).toContain('| 🔵 low | `FTPKIT-X` | `aws_eip.ip` | a \\| b c | use `x` |');
  });

  test('GIVEN no ingress and no findings THEN it says so in words', () => {
    const text = formatMarkdown(result({ findings: [] }));
    expect(text).toContain('No ingress rule: nothing can connect.');
    expect(text).toContain('No findings.');
    expect(text).toContain('(a synthesized stack, not a plan)');
  });

  test('GIVEN --fail-on none or low THEN the verdict follows it', () => {
    expect(formatMarkdown(result(), { failOn: 'none' })).toContain('## ftp-kit review: ✅ no finding fails (--fail-on none)');
    expect(formatMarkdown(result(), { failOn: 'low' })).toContain('## ftp-kit review: ❌ 1 finding at or above low');
    expect(formatMarkdown(result())).toContain('## ftp-kit review: ✅ no finding at or above high');
  });

  test('GIVEN sources of every kind THEN each is shown; the whole internet in bold', () => {
    const text = formatMarkdown(
      result({
        exposure: [
          {
            securityGroup: 'sg-0123456789abcdef0',
            rule: 'aws_security_group_rule.r',
            protocol: 'all',
            ports: 'all',
            fromPort: 0,
            toPort: 65535,
            public: true,
            instances: [],
            sources: [
              { kind: 'cidr', cidr: '::/0' },
              { kind: 'security-group', securityGroup: 'aws_security_group.lb' },
              { kind: 'unresolved', what: 'prefix list pl-0123' },
            ],
          },
        ],
      }),
    );
    expect(text).toContain(
      '| ⚠️ ALL | all | **::/0 (whole internet)**<br>group `aws_security_group.lb`<br>prefix list ' +
        'pl-0123 (unknown until apply) | `sg-0123456789abcdef0` |',
    );
  });
});

describe('rulesTable', () => {
  const RULES_DOC = path.join(__dirname, '..', '..', 'docs', 'review.md');

  // After changing a rule: UPDATE_RULES_DOC=1 npx jest test/review/markdown.test.ts
  test("THEN docs/review.md's rules table is the one lib/checks gives: id, level, what, refs", () => {
    const doc = readFileSync(RULES_DOC, 'utf8');
    const section = /<!-- rules:start -->\n([\s\S]*?)<!-- rules:end -->/;
    if (process.env.UPDATE_RULES_DOC)
      writeFileSync(
        RULES_DOC,
        doc.replace(section, () => `<!-- rules:start -->\n${rulesTable(RULES)}<!-- rules:end -->`),
      );
    expect(section.exec(readFileSync(RULES_DOC, 'utf8'))?.[1]).toBe(rulesTable(RULES));
    for (const rule of RULES) expect(rulesTable(RULES)).toContain(`| \`${rule.id}\` | ${rule.level} |`);
  });
});
