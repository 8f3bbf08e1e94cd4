import { groupRuns, missOdds, probeTimeoutMs, sampleSize } from '../../lib/doctor/passive';

describe('passive range sampling', () => {
  test('GIVEN the default odds THEN 27 PASVs miss a blocked quarter with odds under 0.05 %', () => {
    expect(sampleSize()).toBe(27);
    expect(missOdds(27, 0.25)).toBeLessThan(0.0005);
    expect(missOdds(26, 0.25)).toBeGreaterThan(0.0005);
  });

  test(
    'GIVEN a quick control channel THEN a probe waits 2 s (one lost SYN resent); ' + 'a slow one waits ten round trips, within --timeout',
    () => {
      expect(probeTimeoutMs(5, 10000)).toBe(2000);
      expect(probeTimeoutMs(400, 10000)).toBe(4000);
      expect(probeTimeoutMs(400, 3000)).toBe(3000);
    },
  );

  test('GIVEN probes THEN sorted ports group into runs of one outcome, and a port that connected once is open', () => {
    expect(
      groupRuns([
        { port: 50040, outcome: 'timeout' },
        { port: 50001, outcome: 'connected' },
        { port: 50012, outcome: 'connected' },
        { port: 50049, outcome: 'timeout' },
        { port: 50012, outcome: 'timeout' },
      ]),
    ).toEqual([
      { from: 50001, to: 50012, outcome: 'connected', ports: 2 },
      { from: 50040, to: 50049, outcome: 'timeout', ports: 2 },
    ]);
  });
});
