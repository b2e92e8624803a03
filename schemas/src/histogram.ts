import { z } from 'zod';

/**
 * Fixed-bucket histograms, as the history rollups store them (migration 0007), and how a share
 * within a norm and a percentile are read back from one. The aggregator writes them; the gateway
 * answers history ("what share of calls was answered within 30 s, per day, last quarter?") from
 * them.
 *
 * A histogram is `bounds` (ascending upper bounds b0 < b1 < … < bk−1, in the measure's unit) and
 * `counts` (k + 1 numbers): counts[0] holds the values ≤ b0, counts[i] those in (bi−1, bi], and
 * counts[k] those above bk−1. Upper bounds are inclusive because norms are ("within 30 s" includes
 * 30 s), so the share within a norm that is one of the bounds is exact. The measures are never
 * negative, so the first bucket is read as [0, b0].
 *
 * Precision: a share within a norm between two bounds, and every percentile, are interpolated
 * linearly inside one bucket, assuming the values are spread evenly in it; `low` and `high` give
 * the bucket's edges, between which the exact figure always lies. Above the last bound nothing is
 * interpolated (that bucket has no upper edge).
 */

/** The bounds of each stored measure; a stored row carries its own bounds too. */
export const HISTOGRAM_BOUNDS = {
  /** Counter waits, in seconds: every minute up to 10, then coarser up to 2 hours. */
  counter_wait_seconds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 30, 45, 60, 90, 120].map(
    (m) => m * 60,
  ),
  /** Phone answer waits, in seconds: every 5 s up to a minute, then coarser up to 30 minutes. */
  phone_answer_wait_seconds: [
    5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 90, 120, 180, 240, 300, 600, 900, 1200, 1800,
  ],
  /**
   * Callbacks and written answers, in working days after the day of the request or receipt
   * (0 = the same day): every day up to 10, then coarser up to 60.
   */
  working_days: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 30, 40, 60],
  /**
   * Case lead times, in calendar days from start to end date (the unit of the case facts and of
   * most legal terms, "8 weeks"): daily for a week, then by week up to 12 weeks, then coarser.
   */
  case_lead_time_days: [
    0, 1, 2, 3, 4, 5, 6, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77, 84, 112, 140, 182, 365,
  ],
} as const satisfies Record<string, readonly number[]>;

export type HistogramMeasure = keyof typeof HISTOGRAM_BOUNDS;

export const histogram = z
  .strictObject({
    bounds: z.array(z.number().finite().nonnegative()),
    counts: z.array(z.number().int().nonnegative()),
  })
  .superRefine((h, ctx) => {
    for (let i = 1; i < h.bounds.length; i++) {
      if (h.bounds[i]! <= h.bounds[i - 1]!) {
        ctx.addIssue({ code: 'custom', path: ['bounds', i], message: 'bounds must be strictly ascending' });
        return;
      }
    }
    if (h.counts.length !== h.bounds.length + 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['counts'],
        message: `expected ${h.bounds.length + 1} counts (one more than bounds), got ${h.counts.length}`,
      });
    }
  });
export type Histogram = z.infer<typeof histogram>;

/** An estimate from a histogram, with the edges the exact figure lies between. */
export interface HistogramEstimate {
  value: number;
  low: number;
  /** null: above the last bound, where the histogram has no upper edge. */
  high: number | null;
  /** The estimate is the exact figure (the norm is a bound, or the bucket holds one value range edge). */
  exact: boolean;
}

const total = (h: Histogram) => h.counts.reduce((a, b) => a + b, 0);

/** Adds histograms of the same bounds (hours into a day, days into a quarter). */
export function mergeHistograms(list: readonly Histogram[]): Histogram {
  const [first, ...rest] = list.map((h) => histogram.parse(h));
  if (!first) throw new RangeError('nothing to merge');
  const counts = [...first.counts];
  for (const h of rest) {
    if (h.bounds.length !== first.bounds.length || h.bounds.some((b, i) => b !== first.bounds[i])) {
      throw new RangeError('histograms with different bounds cannot be merged');
    }
    h.counts.forEach((c, i) => {
      counts[i]! += c;
    });
  }
  return { bounds: [...first.bounds], counts };
}

/**
 * The share of values ≤ `norm`; null for an empty histogram. Exact when `norm` is one of the
 * bounds (or below the first with nothing in that bucket); otherwise interpolated inside the
 * bucket that holds `norm`, between `low` and `high`.
 */
export function shareWithin(input: Histogram, norm: number): HistogramEstimate | null {
  const h = histogram.parse(input);
  const n = total(h);
  if (n === 0) return null;
  let below = 0;
  for (let i = 0; i < h.bounds.length; i++) {
    const upper = h.bounds[i]!;
    const count = h.counts[i]!;
    if (norm === upper) {
      const share = (below + count) / n;
      return { value: share, low: share, high: share, exact: true };
    }
    if (norm < upper) {
      const lower = i === 0 ? 0 : h.bounds[i - 1]!;
      const fraction = norm <= lower ? 0 : (norm - lower) / (upper - lower);
      const value = (below + count * fraction) / n;
      return { value, low: below / n, high: (below + count) / n, exact: count === 0 };
    }
    below += count;
  }
  // Above the last bound: the open bucket cannot be split.
  const open = h.counts[h.bounds.length]!;
  return { value: below / n, low: below / n, high: (below + open) / n, exact: open === 0 };
}

/**
 * The p-th percentile (0 ≤ p ≤ 1) by the method of the live KPIs and of ClickHouse's
 * quantileExact: the value at 0-based index floor(p·n) of the ascending values. The histogram
 * knows the bucket that value lies in; the estimate interpolates inside it. Null when empty.
 */
export function percentileOf(input: Histogram, p: number): HistogramEstimate | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile must be within [0, 1], got ${p}`);
  const h = histogram.parse(input);
  const n = total(h);
  if (n === 0) return null;
  const rank = Math.min(Math.floor(p * n), n - 1) + 1;
  let before = 0;
  for (let i = 0; i < h.counts.length; i++) {
    const count = h.counts[i]!;
    if (before + count < rank) {
      before += count;
      continue;
    }
    const low = i === 0 ? 0 : h.bounds[i - 1]!;
    if (i === h.bounds.length) return { value: low, low, high: null, exact: false };
    const high = h.bounds[i]!;
    const value = low + ((high - low) * (rank - before)) / count;
    return { value, low, high, exact: low === high };
  }
  throw new Error('unreachable: the ranks add up to the total');
}
