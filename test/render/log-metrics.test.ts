import { LOG_METRICS } from '../../lib/render';
import { matchesFilterPattern, parseFilterPattern } from '../support/cloudwatch-filter';

describe('GIVEN the metric filters of vsftpd.log', () => {
  const metrics = Object.values(LOG_METRICS);

  const cases = metrics.map((m) => [m.metricName, m] as const);
  test.each(cases)('WHEN %s reads its example line THEN it counts it, and no other filter does', (_name, metric) => {
    for (const other of metrics) expect(matchesFilterPattern(other.pattern, metric.example)).toBe(other === metric);
  });

  test('WHEN a client sends the phrase as its own command THEN no filter counts it', () => {
    const line = 'Tue Dec  1 21:28:03 2026 [pid 12423] FTP command: Client "198.51.100.10", "USER FAIL LOGIN: Client"';
    for (const metric of metrics) expect(matchesFilterPattern(metric.pattern, line)).toBe(false);
  });
});

describe('GIVEN the filter-pattern matcher', () => {
  test('THEN quoted phrases must all occur, -terms must not, ?terms need one', () => {
    expect(matchesFilterPattern('"a b" c', 'x a b y c')).toBe(true);
    expect(matchesFilterPattern('"a b" c', 'x a y b c')).toBe(false);
    expect(matchesFilterPattern('a -b', 'a b')).toBe(false);
    expect(matchesFilterPattern('?a ?b', 'only b')).toBe(true);
    expect(matchesFilterPattern('?a ?b', 'none')).toBe(false);
  });

  test('fails when ?terms are mixed with others (CloudWatch refuses that too)', () => {
    expect(() => parseFilterPattern('?a b')).toThrow(/cannot be mixed/);
  });
});
