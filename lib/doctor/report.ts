import { Hue, Paint, plain } from '../color';
import { CheckResult, CheckStatus, DoctorReport } from './doctor';

const LABEL: Record<CheckStatus, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skip: 'SKIP' };
const HUE: Record<CheckStatus, Hue> = { pass: 'green', warn: 'yellow', fail: 'red', skip: 'dim' };

/** One check as the terminal shows it: status, id, what was seen, timing; why, fix and commands to try under a failure or warning. */
export function formatCheck(check: CheckResult, paint: Paint = plain): string {
  const time = check.status === 'skip' ? '' : `  (${check.durationMs} ms)`;
  const lines = [`${paint(HUE[check.status], LABEL[check.status])}  ${check.id.padEnd(16)} ${check.detail}${time}`];
  if (check.diagnosis) lines.push(`      why: ${check.diagnosis}`);
  if (check.fix) lines.push(`      fix: ${check.fix}`);
  if (check.tryByHand?.length) lines.push('      try by hand:', ...check.tryByHand.map((c) => `        ${c}`));
  return lines.join('\n');
}

/**
 * Live output: each check as it ends, except that skipped checks wait, so that a run of skips with one
 * reason prints as one line (the reason said once).
 */
export class CheckPrinter {
  private skipped: CheckResult[] = [];

  constructor(
    private readonly write: (text: string) => void,
    private readonly paint: Paint = plain,
  ) {}

  push(check: CheckResult): void {
    if (check.status === 'skip' && (this.skipped.length === 0 || this.skipped[0].detail === check.detail)) {
      this.skipped.push(check);
      return;
    }
    this.flush();
    if (check.status === 'skip') this.skipped.push(check);
    else this.write(`${formatCheck(check, this.paint)}\n`);
  }

  /** Prints the skips still waiting. */
  flush(): void {
    if (this.skipped.length === 1) this.write(`${formatCheck(this.skipped[0], this.paint)}\n`);
    if (this.skipped.length > 1) {
      this.write(`${this.paint('dim', 'SKIP')}  ${this.skipped.map((c) => c.id).join(', ')}: ${this.skipped[0].detail}\n`);
    }
    this.skipped = [];
  }
}

export function summarize(report: DoctorReport): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const check of report.checks) counts[check.status]++;
  return counts;
}

/** The last line: the counts and the verdict, which never says "works" of what was not tested. */
export function formatSummary(report: DoctorReport, paint: Paint = plain): string {
  const c = summarize(report);
  let verdict = paint('green', 'the server works from here');
  if (!report.ok) verdict = paint('red', 'partners will have trouble: see FAIL above');
  else if (report.notTested) verdict = paint('yellow', `not tested: ${report.notTested}`);
  return `${c.pass} passed, ${c.warn} warning${c.warn === 1 ? '' : 's'}, ${c.fail} failed, ${c.skip} skipped: ${verdict}`;
}

/** The machine-readable report (`--json`). */
export function reportJson(report: DoctorReport): string {
  return `${JSON.stringify({ ...report, summary: summarize(report) }, null, 2)}\n`;
}
