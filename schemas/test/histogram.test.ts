import { describe, expect, it } from 'vitest';
import { HISTOGRAM_BOUNDS, histogram, mergeHistograms, percentileOf, shareWithin } from '../src/histogram.js';

// Waits 5, 12, 30, 30, 31, 70 s in buckets ≤10, (10,30], (30,60], >60.
const waits = { bounds: [10, 30, 60], counts: [1, 3, 1, 1] };

/** quantileExact: the value at 0-based index floor(p·n) of the sorted values. */
const exactPercentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(Math.floor(p * sorted.length), sorted.length - 1)]!;
};

describe('share within a norm from a histogram', () => {
  it('is exact when the norm is a bound, the bound itself counting as within', () => {
    expect(shareWithin(waits, 30)).toEqual({ value: 4 / 6, low: 4 / 6, high: 4 / 6, exact: true });
    expect(shareWithin(waits, 10)?.value).toBe(1 / 6);
  });

  it('interpolates between two bounds and says between which shares the exact one lies', () => {
    // 20 s is half-way through (10, 30], which holds 3 of the 6 waits.
    expect(shareWithin(waits, 20)).toEqual({ value: 2.5 / 6, low: 1 / 6, high: 4 / 6, exact: false });
    // Below the first bound, the first bucket is read as [0, b0].
    expect(shareWithin(waits, 5)?.value).toBeCloseTo(0.5 / 6);
  });

  it('does not split the open bucket above the last bound', () => {
    expect(shareWithin(waits, 90)).toEqual({ value: 5 / 6, low: 5 / 6, high: 1, exact: false });
    expect(shareWithin({ bounds: [10], counts: [2, 0] }, 90)?.exact).toBe(true);
  });

  it('is null for an empty histogram', () => {
    expect(shareWithin({ bounds: [10], counts: [0, 0] }, 10)).toBeNull();
  });
});

describe('percentile from a histogram', () => {
  it('lies in the bucket of the value quantileExact picks, interpolated inside it', () => {
    const values = [5, 12, 30, 30, 31, 70];
    for (const p of [0, 0.1, 0.5, 0.8, 0.9, 1]) {
      const estimate = percentileOf(waits, p)!;
      const exact = exactPercentile(values, p);
      expect(estimate.low, `p${p}`).toBeLessThanOrEqual(exact);
      if (estimate.high !== null) expect(exact, `p${p}`).toBeLessThanOrEqual(estimate.high);
    }
    // Median: index 3 of 6, the 4th value, the third of three in (10, 30].
    expect(percentileOf(waits, 0.5)).toEqual({ value: 30, low: 10, high: 30, exact: false });
  });

  it('gives the last bound as a lower edge above it', () => {
    expect(percentileOf(waits, 1)).toEqual({ value: 60, low: 60, high: null, exact: false });
  });

  it('is exact for a bucket of one value (working days: same day = 0)', () => {
    expect(percentileOf({ bounds: [0, 1, 2], counts: [3, 0, 0, 0] }, 0.9)).toEqual({
      value: 0,
      low: 0,
      high: 0,
      exact: true,
    });
  });

  it('refuses a percentile outside [0, 1]', () => {
    expect(() => percentileOf(waits, 90)).toThrow(/within \[0, 1\]/);
  });
});

describe('histograms', () => {
  it('merge by adding counts of the same bounds (hours into a day)', () => {
    expect(mergeHistograms([waits, { bounds: [10, 30, 60], counts: [1, 0, 0, 2] }]).counts).toEqual([
      2, 3, 1, 3,
    ]);
    expect(() => mergeHistograms([waits, { bounds: [10, 60], counts: [1, 0, 0] }])).toThrow(
      /different bounds/,
    );
  });

  it('reject counts that do not fit the bounds, naming the field', () => {
    const result = histogram.safeParse({ bounds: [10, 30], counts: [1, 2] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['counts']);
    expect(histogram.safeParse({ bounds: [30, 10], counts: [1, 2, 3] }).error?.issues[0]?.message).toMatch(
      /ascending/,
    );
  });

  it('have ascending bounds for every stored measure', () => {
    for (const bounds of Object.values(HISTOGRAM_BOUNDS)) {
      expect(histogram.safeParse({ bounds, counts: [...bounds, 0].map(() => 0) }).success).toBe(true);
    }
  });
});
