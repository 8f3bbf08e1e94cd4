import { sourceText } from '../model/network';
import { Hue, Paint, plain } from '../color';
import { Level } from '../checks/types';
import { groupExposure } from './exposure';
import { ReviewResult } from './types';

/** The review for a terminal (what `ftp-kit deploy` shows before it asks): changes, danger, exposure, findings. */
const LEVEL_HUE: Record<Level, Hue> = { high: 'red', medium: 'yellow', low: 'cyan' };

export function formatText(result: ReviewResult, paint: Paint = plain): string {
  const { summary } = result;
  const c = summary.changes;
  const f = summary.findings;
  const lines = [`changes: ${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.delete} to destroy`];
  for (const ch of result.changes.filter((x) => x.dangerous)) {
    const reason = ch.reason ? ` (${ch.reason.replace(/_/g, ' ')})` : '';
    const verb = ch.action === 'delete' ? 'destroys' : 'replaces';
    lines.push(`  ${paint('red', 'DANGER')}: the plan ${verb} ${ch.address}: ${ch.loses} would be lost${reason}`);
  }
  lines.push('exposure (what can reach the server):');
  const rows = groupExposure(result.exposure).map(({ row, sources }) => [
    `${row.public ? '! ' : '  '}${row.protocol.toUpperCase()} ${row.ports}`,
    sources
      .map((s) =>
        s.kind === 'cidr' && s.description && !s.description.startsWith('ftp-kit allow ') ? `${s.cidr} (${s.description})` : sourceText(s),
      )
      .join(', '),
    row.securityGroup,
  ]);
  const width = Math.max(0, ...rows.map((r) => r[0].length));
  lines.push(
    ...(rows.length > 0
      ? rows.map(([ports, sources, group]) => `  ${ports.padEnd(width)}  from ${sources}  via ${group}`)
      : ['  nothing: no ingress rule']),
  );
  lines.push(`findings: ${f.high} high, ${f.medium} medium, ${f.low} low${f.acknowledged > 0 ? ` (${f.acknowledged} acknowledged)` : ''}`);
  for (const finding of result.findings) {
    const acknowledged = finding.acknowledged ? ` — acknowledged: ${finding.acknowledged.reason}` : '';
    const level = paint(LEVEL_HUE[finding.level], finding.level);
    lines.push(`  ${finding.id} [${level}] ${finding.resource}: ${finding.message}${acknowledged}`);
  }
  return lines.join('\n');
}
