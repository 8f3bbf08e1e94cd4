import { DoctorReport } from '../../lib/doctor/doctor';
import { painter } from '../../lib/color';
import { CheckPrinter, formatCheck, formatSummary, reportJson } from '../../lib/doctor/report';

const REPORT: DoctorReport = {
  host: '203.0.113.10',
  port: 2121,
  address: '203.0.113.10',
  ok: false,
  certificateFingerprint: 'AB:CD',
  checks: [
    { id: 'dns', status: 'pass', detail: '203.0.113.10 is an address', durationMs: 0 },
    { id: 'banner', status: 'warn', detail: '220 (vsFTPd 3.0.3)', diagnosis: 'names the software', fix: 'set banner', durationMs: 3 },
    {
      id: 'passive-range',
      status: 'fail',
      detail: 'timeout',
      diagnosis: 'the passive range is blocked',
      fix: 'open it',
      durationMs: 10000,
      tryByHand: ['nc -vz -w 5 h 50001'],
    },
    { id: 'round-trip', status: 'skip', detail: 'no data connection', durationMs: 0 },
  ],
};

describe('doctor report', () => {
  test('GIVEN a failed check THEN the terminal shows status, detail, timing, why and fix', () => {
    expect(formatCheck(REPORT.checks[2])).toBe(
      [
        'FAIL  passive-range    timeout  (10000 ms)',
        '      why: the passive range is blocked',
        '      fix: open it',
        '      try by hand:',
        '        nc -vz -w 5 h 50001',
      ].join('\n'),
    );
  });
  test('GIVEN a skipped check THEN no timing is shown', () => {
    expect(formatCheck(REPORT.checks[3])).toBe('SKIP  round-trip       no data connection');
  });
  test('THEN the summary counts each status and gives the verdict', () => {
    expect(formatSummary(REPORT)).toBe('1 passed, 1 warning, 1 failed, 1 skipped: partners will have trouble: see FAIL above');
  });
  test('GIVEN colour THEN the status word alone is coloured', () => {
    expect(formatCheck(REPORT.checks[0], painter(true))).toBe(
      '\u001b[32mPASS\u001b[39m  dns              203.0.113.10 is an address  (0 ms)',
    );
  });
  test('GIVEN nothing failed but no --user THEN the verdict says what was not tested, never "works"', () => {
    const report = { ...REPORT, ok: true, checks: REPORT.checks.slice(0, 2), notTested: 'passive mode and data connections need --user' };
    expect(formatSummary(report)).toBe(
      '1 passed, 1 warning, 0 failed, 0 skipped: not tested: passive mode and data connections need --user',
    );
  });
  test('GIVEN skips with one reason THEN the live printer says the reason once', () => {
    const lines: string[] = [];
    const printer = new CheckPrinter((t) => lines.push(t));
    for (const id of ['login', 'pasv-address', 'round-trip'] as const)
      printer.push({ id, status: 'skip', detail: 'no --user given', durationMs: 0 });
    expect(lines).toEqual([]);
    printer.flush();
    expect(lines).toEqual(['SKIP  login, pasv-address, round-trip: no --user given\n']);
  });
  test('THEN --json carries every check and the counts', () => {
    const json = JSON.parse(reportJson(REPORT));
    expect(json.summary).toEqual({ pass: 1, warn: 1, fail: 1, skip: 1 });
    expect(json.checks).toHaveLength(4);
    expect(json.ok).toBe(false);
  });
});
