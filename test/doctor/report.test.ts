import { DoctorReport } from '../../lib/doctor/doctor';
import { formatCheck, formatSummary, reportJson } from '../../lib/doctor/report';

const REPORT: DoctorReport = {
  host: '203.0.113.10', port: 2121, address: '203.0.113.10', ok: false, certificateFingerprint: 'AB:CD',
  checks: [
    { id: 'dns', status: 'pass', detail: '203.0.113.10 is an address', durationMs: 0 },
    { id: 'banner', status: 'warn', detail: '220 (vsFTPd 3.0.3)', diagnosis: 'names the software', fix: 'set banner', durationMs: 3 },
    { id: 'data-connection', status: 'fail', detail: 'timeout', diagnosis: 'the passive range is blocked', fix: 'open it', durationMs: 10000 },
    { id: 'round-trip', status: 'skip', detail: 'no data connection', durationMs: 0 },
  ],
};

describe('doctor report', () => {
  test('GIVEN a failed check THEN the terminal shows status, detail, timing, why and fix', () => {
    expect(formatCheck(REPORT.checks[2])).toBe([
      'FAIL  data-connection  timeout  (10000 ms)',
      '      why: the passive range is blocked',
      '      fix: open it',
    ].join('\n'));
  });
  test('GIVEN a skipped check THEN no timing is shown', () => {
    expect(formatCheck(REPORT.checks[3])).toBe('SKIP  round-trip       no data connection');
  });
  test('THEN the summary counts each status and gives the verdict', () => {
    expect(formatSummary(REPORT)).toBe('1 passed, 1 warning, 1 failed, 1 skipped: partners will have trouble: see FAIL above');
  });
  test('THEN --json carries every check and the counts', () => {
    const json = JSON.parse(reportJson(REPORT));
    expect(json.summary).toEqual({ pass: 1, warn: 1, fail: 1, skip: 1 });
    expect(json.checks).toHaveLength(4);
    expect(json.ok).toBe(false);
  });
});
