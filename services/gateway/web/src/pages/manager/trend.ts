import type { HistoryRow, HistoryUnit } from '@stuurwiel/schemas';
import { type Period, previousPeriod } from './period.js';

/**
 * A KPI over a period and the one before it. Rows of days combine by their basis: a count is its
 * own basis, a mean or a share is numerator ÷ basis, so Σ value·basis ÷ Σ basis is the figure
 * over the whole period (the same the API gives for one bucket of that length).
 */
export function combine(
  rows: readonly HistoryRow[],
  unit: HistoryUnit,
): { value: number | null; basis: number } {
  let basis = 0;
  let weighted = 0;
  for (const row of rows) {
    if (row.value === null) continue;
    basis += row.basis;
    weighted += row.value * row.basis;
  }
  if (unit === 'count') return { value: basis, basis };
  return { value: basis > 0 ? weighted / basis : null, basis };
}

export type Direction = 'up' | 'down' | 'flat' | 'unknown';

export interface Trend {
  current: number | null;
  previous: number | null;
  /** current − previous (null when either is unknown). */
  change: number | null;
  direction: Direction;
  /** The current period's value per bucket, in bucket order, for the sparkline. */
  series: { bucket: string; value: number | null }[];
}

/** Changes smaller than this share of the previous value (or absolute, for shares) count as flat. */
const FLAT = 0.005;

export function directionOf(current: number | null, previous: number | null, unit: HistoryUnit): Direction {
  if (current === null || previous === null) return 'unknown';
  const change = current - previous;
  const scale = unit === 'share' || unit === 'normalised_score' ? 1 : Math.abs(previous) || 1;
  if (Math.abs(change) / scale < FLAT) return 'flat';
  return change > 0 ? 'up' : 'down';
}

/** The trend of rows of days (any group) that span the period and the one before. */
export function trendOf(rows: readonly HistoryRow[], unit: HistoryUnit, period: Period): Trend {
  const before = previousPeriod(period);
  const inPeriod = (row: HistoryRow, p: Period) => {
    const day = row.bucket.slice(0, 10);
    return day >= p.from && day <= p.to;
  };
  const currentRows = rows.filter((r) => inPeriod(r, period));
  const current = combine(currentRows, unit).value;
  const previousRows = rows.filter((r) => inPeriod(r, before));
  const previous = previousRows.length > 0 ? combine(previousRows, unit).value : null;
  const byBucket = new Map<string, HistoryRow[]>();
  for (const row of currentRows) byBucket.set(row.bucket, [...(byBucket.get(row.bucket) ?? []), row]);
  const series = [...byBucket.keys()]
    .sort()
    .map((bucket) => ({ bucket, value: combine(byBucket.get(bucket)!, unit).value }));
  return {
    current,
    previous,
    change: current === null || previous === null ? null : current - previous,
    direction: directionOf(current, previous, unit),
    series,
  };
}

/** Rows split by the value of one grouping, e.g. per product. */
export function byGroup(rows: readonly HistoryRow[], grouping: string): Map<string, HistoryRow[]> {
  const out = new Map<string, HistoryRow[]>();
  for (const row of rows) {
    const key = String((row.group as Record<string, string | number>)[grouping] ?? '');
    out.set(key, [...(out.get(key) ?? []), row]);
  }
  return out;
}
