/*
 * The review as a JUnit XML report, for CI systems that show test reports (GitLab, Jenkins, Azure):
 * one test case a rule and resource. A finding that fails --fail-on is a <failure>, an acknowledged
 * one is <skipped> with its reason, one below the threshold passes with its message; a rule with no
 * finding is one passing case.
 */
import { RULES } from '../checks';
import { failingFindings } from './review';
import { FailOn, ReviewResult } from './types';

const escape = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // XML 1.0 has no place for most control characters, even escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

export function formatJunit(result: ReviewResult, failOn: FailOn): string {
  const failing = new Set(failingFindings(result, failOn));
  const cases: string[] = [];
  let failures = 0;
  let skipped = 0;
  for (const rule of RULES) {
    const findings = result.findings.filter((f) => f.id === rule.id);
    if (findings.length === 0) {
      cases.push(`    <testcase classname="${escape(rule.id)}" name="${escape(rule.name)}: no finding"/>`);
      continue;
    }
    for (const f of findings) {
      const open = `    <testcase classname="${escape(rule.id)}" name="${escape(f.resource)}">`;
      if (failing.has(f)) {
        failures++;
        const failure = `<failure type="${f.level}" message="${escape(f.message)}">${escape(`${f.message}\nfix: ${f.fix}`)}</failure>`;
        cases.push(`${open}\n      ${failure}\n    </testcase>`);
      } else if (f.acknowledged) {
        skipped++;
        cases.push(`${open}\n      <skipped message="${escape(`acknowledged: ${f.acknowledged.reason}`)}"/>\n    </testcase>`);
      } else {
        const below = escape(`[${f.level}, below --fail-on ${failOn}] ${f.message}`);
        cases.push(`${open}\n      <system-out>${below}</system-out>\n    </testcase>`);
      }
    }
  }
  const counts = `tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="ftp-kit review" ${counts}>`,
    `  <testsuite name="ftp-kit review (--fail-on ${failOn})" ${counts}>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
