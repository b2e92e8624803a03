import type { DurationStats } from '@stuurwiel/schemas';

/**
 * The value at 0-based index floor(p·n) of the ascending values, as ClickHouse `quantileExact`
 * computes it (a double product truncated), so live and historical figures agree to the value.
 */
export function percentile(ascending: readonly number[], p: number): number | null {
  const n = ascending.length;
  if (n === 0) return null;
  const index = p < 1 ? Math.floor(p * n) : n - 1;
  return ascending[index] ?? null;
}

export function durationStats(values: readonly number[]): DurationStats {
  if (values.length === 0) return { count: 0, mean: null, median: null, p90: null };
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    mean: sum / sorted.length,
    median: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
  };
}

/** n ÷ d, or null when there is nothing to divide by. */
export function share(n: number, d: number): number | null {
  return d === 0 ? null : n / d;
}
