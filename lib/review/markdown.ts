import { IngressSource } from '../model/network';
import { Finding, Level, Rule } from '../checks/types';
import { groupExposure } from './exposure';
import { failingFindings } from './review';
import { ExposureRow, FailOn, ReviewResult } from './types';

/** Marks ftp-kit's pull-request comment, so CI updates it instead of adding another. */
export const COMMENT_MARKER = '<!-- ftp-kit-review -->';

const LEVEL_ICON: Readonly<Record<Level, string>> = { high: '🔴 high', medium: '🟠 medium', low: '🔵 low' };

/** A table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function sourceCell(source: IngressSource): string {
  if (source.kind === 'security-group') return `group ${code(source.securityGroup)}`;
  if (source.kind === 'unresolved') return `${cell(source.what)} (unknown until apply)`;
  const publicNote = source.cidr === '0.0.0.0/0' || source.cidr === '::/0' ? '**' : '';
  const text = `${publicNote}${source.cidr}${publicNote ? ' (whole internet)**' : ''}`;
  return source.description && !source.description.startsWith('ftp-kit allow ') ? `${text} (${cell(source.description)})` : text;
}

function exposureRows(exposure: readonly ExposureRow[]): string[][] {
  return groupExposure(exposure).map(({ row, sources }) => [
    row.public ? `⚠️ ${row.protocol.toUpperCase()}` : row.protocol.toUpperCase(),
    row.ports,
    sources.map(sourceCell).join('<br>') || '(none)',
    `${code(row.securityGroup)}${row.instances.length > 0 ? ` → ${row.instances.map(code).join(', ')}` : ''}`,
  ]);
}

function findingRow(f: Finding): string[] {
  const ack = f.acknowledged
    ? `<br>_acknowledged: ${cell(f.acknowledged.reason)}${f.acknowledged.counts ? '' : ' (does not fail the review)'}_`
    : '';
  return [LEVEL_ICON[f.level], code(f.id), code(f.resource), `${cell(f.message)}${ack}`, cell(f.fix)];
}

export interface MarkdownOptions {
  /** The --fail-on the verdict is given for. @default 'high' */
  readonly failOn?: FailOn;
}

/** The review as a pull-request comment: verdict, dangerous changes, exposure, findings, all changes. */
export function formatMarkdown(result: ReviewResult, options: MarkdownOptions = {}): string {
  const failOn = options.failOn ?? 'high';
  const failing = failingFindings(result, failOn);
  const { summary } = result;
  const f = summary.findings;
  const c = summary.changes;
  const verdict =
    failing.length > 0
      ? `❌ ${failing.length} finding${failing.length === 1 ? '' : 's'} at or above ${failOn}`
      : `✅ no finding${failOn === 'none' ? ' fails (--fail-on none)' : ` at or above ${failOn}`}`;
  const lines: string[] = [
    COMMENT_MARKER,
    `## ftp-kit review: ${verdict}`,
    '',
    `**Findings:** ${f.high} high · ${f.medium} medium · ${f.low} low${f.acknowledged > 0 ? ` (${f.acknowledged} acknowledged)` : ''} · ` +
      `**Changes:** ${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.delete} to destroy` +
      (summary.source === 'synth' ? ' (a synthesized stack, not a plan)' : ''),
  ];
  const dangerous = result.changes.filter((ch) => ch.dangerous);
  if (dangerous.length > 0) {
    lines.push(
      '',
      '### ⚠️ Dangerous changes',
      '',
      ...table(
        ['action', 'resource', 'what would be lost'],
        dangerous.map((ch) => [
          `**${ch.action}**`,
          code(ch.address),
          `${cell(ch.loses ?? '')}${ch.reason ? ` (${ch.reason.replace(/_/g, ' ')})` : ''}`,
        ]),
      ),
    );
  }
  lines.push('', '### Exposure: what can reach the server', '');
  lines.push(
    ...(result.exposure.length > 0
      ? table(['protocol', 'ports', 'sources', 'security group → instances'], exposureRows(result.exposure))
      : ['No ingress rule: nothing can connect.']),
  );
  lines.push('', '### Findings', '');
  lines.push(
    ...(result.findings.length > 0
      ? table(['level', 'rule', 'resource', 'finding', 'fix'], result.findings.map(findingRow))
      : ['No findings.']),
  );
  const all = result.changes.filter((ch) => ch.action !== 'no-op' && ch.action !== 'read');
  if (all.length > 0) {
    lines.push(
      '',
      `<details><summary>All changes (${all.length})</summary>`,
      '',
      ...table(
        ['action', 'resource'],
        all.map((ch) => [ch.action, code(ch.address)]),
      ),
      '',
      '</details>',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The rules as a Markdown table (docs/review.md's "Rules" section is this, checked by a test). */
export function rulesTable(rules: readonly Rule[]): string {
  const ids = (list?: readonly string[]) => (list && list.length > 0 ? list.join(', ') : '—');
  return `${table(
    ['id', 'level', 'what', 'checkov', 'Security Hub', 'cdk-nag'],
    rules.map((r) => [code(r.id), r.level, cell(r.description), ids(r.refs.checkov), ids(r.refs.securityHub), ids(r.refs.cdkNag)]),
  ).join('\n')}\n`;
}
