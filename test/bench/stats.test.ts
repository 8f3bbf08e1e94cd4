import { percentile, round, summarize } from '../../bench/stats';

describe('summarize', () => {
  test('GIVEN an odd number of runs WHEN summarized THEN the median is the middle value', () => {
    expect(summarize([3, 1, 2])).toEqual({ n: 3, median: 2, min: 1, max: 3 });
  });

  test('GIVEN an even number of runs WHEN summarized THEN the median is the mean of the middle two', () => {
    expect(summarize([4, 1, 3, 2])).toEqual({ n: 4, median: 2.5, min: 1, max: 4 });
  });

  test('GIVEN values WHEN summarized THEN the input is not reordered', () => {
    const values = [5, 1, 3];
    summarize(values);
    expect(values).toEqual([5, 1, 3]);
  });

  test('fails when there is no value', () => {
    expect(() => summarize([])).toThrow(/no values/);
  });
});

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  test('GIVEN 1..100 WHEN p50 and p99 are taken THEN they are 50 and 99 (nearest rank)', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
  });

  test('GIVEN 50 values WHEN p99 is taken THEN it is the largest measured value, not an interpolation', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => (i + 1) * 10);
    expect(percentile(fifty, 99)).toBe(500);
  });

  test('GIVEN p0 WHEN taken THEN it is the smallest value', () => {
    expect(percentile([7, 3, 9], 0)).toBe(3);
  });

  test('fails when p is outside 0–100', () => {
    expect(() => percentile([1], 101)).toThrow(/use 0–100/);
  });

  test('fails when there is no value', () => {
    expect(() => percentile([], 50)).toThrow(/no values/);
  });
});

describe('round', () => {
  test('GIVEN a long fraction WHEN rounded THEN three significant digits remain', () => {
    expect(round(0.123456)).toBe(0.123);
    expect(round(4199088.13)).toBe(4200000);
  });

  test('GIVEN zero or a non-finite value WHEN rounded THEN it is returned as is', () => {
    expect(round(0)).toBe(0);
    expect(round(Number.NaN)).toBeNaN();
  });
});
