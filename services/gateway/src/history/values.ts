import { type Histogram, type HistogramEstimate, percentileOf, shareWithin } from '@stuurwiel/schemas';

/**
 * How a KPI's value is formed from summed measures: ratios, and shares within a norm read from
 * the fixed-bucket histograms (exact when the norm is one of the bounds, else interpolated within
 * one bucket, with the edges the exact figure lies between).
 */

export interface Estimate {
  low: number;
  high: number | null;
  exact: boolean;
}

export interface KpiValue {
  value: number | null;
  /** What the value was formed from: the count, or the denominator of a share or mean. */
  basis: number;
  /** The norm a share is within: the one asked for, or the one in force when it was one. */
  norm?: number | null;
  /** For a value read from a histogram: the edges the exact figure lies between. */
  estimate?: Estimate;
}

export const ratio = (numerator: number, denominator: number): KpiValue => ({
  value: denominator > 0 ? numerator / denominator : null,
  basis: denominator,
});

export const countOf = (n: number): KpiValue => ({ value: n, basis: n });

/** The histogram of summed rows; rows stored with other bounds cannot be summed bucket by bucket. */
export function histogramOf(row: { histogram: number[]; bounds: number[][] }): Histogram | null {
  if (row.bounds.length === 0) return null;
  if (row.bounds.length > 1) throw new Error('histograms with different bounds in one group');
  return { bounds: row.bounds[0]!, counts: row.histogram };
}

const estimateOf = (e: HistogramEstimate): Estimate => ({ low: e.low, high: e.high, exact: e.exact });

/** The share of a histogram's values within `norm`. */
export function shareFromHistogram(histogram: Histogram | null, norm: number): KpiValue {
  const basis = histogram ? histogram.counts.reduce((a, b) => a + b, 0) : 0;
  const share = histogram ? shareWithin(histogram, norm) : null;
  if (!share) return { value: null, basis, norm };
  return { value: share.value, basis, norm, estimate: estimateOf(share) };
}

/** A percentile (0–1) of a histogram's values. */
export function percentileFromHistogram(histogram: Histogram | null, p: number): KpiValue {
  const basis = histogram ? histogram.counts.reduce((a, b) => a + b, 0) : 0;
  const estimate = histogram ? percentileOf(histogram, p) : null;
  if (!estimate) return { value: null, basis };
  return { value: estimate.value, basis, estimate: estimateOf(estimate) };
}

/** Rows that store a within-norm count for the norm in force when they were computed. */
export interface WithinInForce {
  within: number | null;
  within_known: number;
  norm_min: number | null;
  norm_max: number | null;
  histogram: number[];
  bounds: number[][];
}

/**
 * The share within the norm: the one asked for, from the histogram; else the norm in force, from
 * the stored counts (the norm reported when every row had the same one). Rows whose norm in force
 * was in another unit than the measure have no count and stay out.
 */
export function shareWithinNorm(row: WithinInForce, norm: number | undefined): KpiValue {
  if (norm !== undefined) return shareFromHistogram(histogramOf(row), norm);
  const inForce = row.norm_min !== null && row.norm_min === row.norm_max ? row.norm_min : null;
  return { ...ratio(row.within ?? 0, row.within_known), norm: inForce };
}
