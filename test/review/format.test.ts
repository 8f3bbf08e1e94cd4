import { formatReview } from '../../lib/review/format';
import { ReviewResult } from '../../lib/review/types';

const result: ReviewResult = {
  summary: {
    source: 'plan',
    changes: { create: 0, update: 0, replace: 0, delete: 0, read: 0, 'no-op': 0 },
    dangerous: 0,
    findings: { high: 1, medium: 0, low: 0, acknowledged: 1 },
    publicExposure: false,
  },
  changes: [],
  exposure: [],
  findings: [
    {
      id: 'FTPKIT-ANONYMOUS',
      level: 'high',
      resource: 'terraform_data.r',
      message: 'm',
      fix: 'f',
      refs: {},
      acknowledged: { reason: 'open data mirror', counts: false },
    },
  ],
};

describe('formatReview', () => {
  test('GIVEN json THEN the four sections with the verdict; an acknowledged finding does not fail it', () => {
    const json = JSON.parse(formatReview(result, 'json'));
    expect(Object.keys(json)).toEqual(['summary', 'changes', 'exposure', 'findings']);
    expect(json.summary).toMatchObject({ failOn: 'high', failing: 0, verdict: 'pass' });
  });

  test('GIVEN md and sarif THEN a comment and a SARIF log', () => {
    expect(formatReview(result, 'md')).toMatch(/^<!-- ftp-kit-review -->\n## ftp-kit review: /);
    expect(JSON.parse(formatReview(result, 'sarif')).version).toBe('2.1.0');
  });

  test('fails when the format is unknown', () => {
    expect(() => formatReview(result, 'xml' as never)).toThrow('unknown review format "xml"');
  });
});
