import { Paint, plain } from '../color';
import { formatJunit } from './junit';
import { formatMarkdown } from './markdown';
import { failingFindings } from './review';
import { formatSarif } from './sarif';
import { formatText } from './text';
import { FailOn, ReviewFormat, ReviewResult } from './types';

export interface FormatOptions {
  /** The --fail-on the verdict is given for (md, json). @default 'high' */
  readonly failOn?: FailOn;
  /** SARIF: the file results point at. @default 'ftp-kit.config.json' */
  readonly artifactUri?: string;
  /** SARIF: ftp-kit's version. */
  readonly toolVersion?: string;
  /** terminal: colours for levels and the verdict. @default none */
  readonly paint?: Paint;
}

/**
 * The review as text: `terminal` (plain text, levels coloured), `md` (a pull-request comment), `json`
 * (`{ summary, changes, exposure, findings }` plus the verdict), `sarif` (SARIF 2.1.0 for code scanning)
 * or `junit` (JUnit XML for CI test reports).
 */
export function formatReview(result: ReviewResult, format: ReviewFormat, options: FormatOptions = {}): string {
  const failOn = options.failOn ?? 'high';
  switch (format) {
    case 'terminal':
      return formatTerminal(result, failOn, options.paint ?? plain);
    case 'junit':
      return formatJunit(result, failOn);
    case 'md':
      return formatMarkdown(result, { failOn });
    case 'json': {
      const failing = failingFindings(result, failOn).length;
      const summary = { ...result.summary, failOn, failing, verdict: failing > 0 ? 'fail' : 'pass' };
      const report = { summary, changes: result.changes, exposure: result.exposure, findings: result.findings };
      return `${JSON.stringify(report, null, 2)}\n`;
    }
    case 'sarif':
      return `${JSON.stringify(formatSarif(result, { artifactUri: options.artifactUri, toolVersion: options.toolVersion }), null, 2)}\n`;
    default:
      throw new Error(`unknown review format ${JSON.stringify(format)}`);
  }
}

function formatTerminal(result: ReviewResult, failOn: FailOn, paint: Paint): string {
  const failing = failingFindings(result, failOn).length;
  const verdict =
    failing > 0
      ? paint('red', `FAIL  ${failing} finding${failing === 1 ? '' : 's'} at or above ${failOn}`)
      : paint('green', `PASS  no finding at or above ${failOn === 'none' ? 'any level (--fail-on none)' : failOn}`);
  return `${formatText(result, paint)}\n${verdict}\n`;
}
