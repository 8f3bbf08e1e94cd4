import { formatMarkdown } from './markdown';
import { failingFindings } from './review';
import { formatSarif } from './sarif';
import { FailOn, ReviewFormat, ReviewResult } from './types';

export interface FormatOptions {
  /** The --fail-on the verdict is given for (md, json). @default 'high' */
  readonly failOn?: FailOn;
  /** SARIF: the file results point at. @default 'ftp-kit.config.json' */
  readonly artifactUri?: string;
  /** SARIF: ftp-kit's version. */
  readonly toolVersion?: string;
}

/**
 * The review as text: `md` (a pull-request comment), `json` (`{ summary, changes, exposure,
 * findings }` plus the verdict) or `sarif` (SARIF 2.1.0 for code scanning).
 */
export function formatReview(result: ReviewResult, format: ReviewFormat, options: FormatOptions = {}): string {
  const failOn = options.failOn ?? 'high';
  switch (format) {
    case 'md':
      return formatMarkdown(result, { failOn });
    case 'json': {
      const failing = failingFindings(result, failOn).length;
      return `${JSON.stringify({ summary: { ...result.summary, failOn, failing, verdict: failing > 0 ? 'fail' : 'pass' }, changes: result.changes, exposure: result.exposure, findings: result.findings }, null, 2)}\n`;
    }
    case 'sarif':
      return `${JSON.stringify(formatSarif(result, { artifactUri: options.artifactUri, toolVersion: options.toolVersion }), null, 2)}\n`;
    default:
      throw new Error(`unknown review format ${JSON.stringify(format)}`);
  }
}
