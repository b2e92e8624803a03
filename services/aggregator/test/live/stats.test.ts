import { describe, expect, it } from 'vitest';
import { durationStats, percentile, share } from '../../src/live/stats.js';

describe('percentile: value at 0-based index floor(p·n) of the ascending values', () => {
  it('takes the upper middle value as the median of an even count', () => {
    expect(percentile([10, 20, 30, 40], 0.5)).toBe(30); // floor(2) = 2
  });
  it('takes the middle value of an odd count', () => {
    expect(percentile([10, 20, 30], 0.5)).toBe(20); // floor(1.5) = 1
  });
  it('p90 of 10 values is the largest; of 9 values the 9th (index 8)', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(ten, 0.9)).toBe(10); // floor(9) = 9
    expect(percentile(ten.slice(0, 9), 0.9)).toBe(9); // floor(8.1) = 8
    expect(percentile(ten.slice(0, 5), 0.9)).toBe(5); // floor(4.5) = 4
  });
  it('p90 of 11 values is index 9, not the maximum', () => {
    expect(percentile([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100], 0.9)).toBe(9); // floor(9.9) = 9
  });
  it('a single value is every percentile; no values give null', () => {
    expect(percentile([7], 0.5)).toBe(7);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
  });
  it('p = 1 is the maximum', () => {
    expect(percentile([1, 2, 3], 1)).toBe(3);
  });
});

describe('durationStats', () => {
  it('sorts before taking percentiles and keeps the mean unrounded', () => {
    expect(durationStats([40, 10, 30, 20])).toEqual({ count: 4, mean: 25, median: 30, p90: 40 });
    expect(durationStats([1, 1, 2])).toEqual({ count: 3, mean: 4 / 3, median: 1, p90: 2 });
  });
  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    durationStats(values);
    expect(values).toEqual([3, 1, 2]);
  });
  it('is all null with count 0 for no values', () => {
    expect(durationStats([])).toEqual({ count: 0, mean: null, median: null, p90: null });
  });
});

describe('share', () => {
  it('divides, and is null when there is nothing to divide by', () => {
    expect(share(3, 4)).toBe(0.75);
    expect(share(0, 4)).toBe(0);
    expect(share(0, 0)).toBeNull();
  });
});
