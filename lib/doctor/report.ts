import { CheckResult, CheckStatus, DoctorReport } from './doctor';

const LABEL: Record<CheckStatus, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skip: 'SKIP' };

/** One check as the terminal shows it: status, id, what was seen, timing; why and fix under a failure or warning. */
export function formatCheck(check: CheckResult): string {
  const time = check.status === 'skip' ? '' : `  (${check.durationMs} ms)`;
  const lines = [`${LABEL[check.status]}  ${check.id.padEnd(16)} ${check.detail}${time}`];
  if (check.diagnosis) lines.push(`      why: ${check.diagnosis}`);
  if (check.fix) lines.push(`      fix: ${check.fix}`);
  return lines.join('\n');
}

export function summarize(report: DoctorReport): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const check of report.checks) counts[check.status]++;
  return counts;
}

export function formatSummary(report: DoctorReport): string {
  const c = summarize(report);
  const verdict = report.ok ? 'the server works from here' : 'partners will have trouble: see FAIL above';
  return `${c.pass} passed, ${c.warn} warning${c.warn === 1 ? '' : 's'}, ${c.fail} failed, ${c.skip} skipped: ${verdict}`;
}

/** The machine-readable report (`--json`). */
export function reportJson(report: DoctorReport): string {
  return `${JSON.stringify({ ...report, summary: summarize(report) }, null, 2)}\n`;
}
