import { ident, sql } from '@stuurwiel/clickhouse';
import { boundsSeen, count, counts, nullableCount } from './statement.js';

/**
 * Measures of the history tables of migration 0007: fixed-bucket histograms summed bucket by bucket
 * (with the bounds seen, one set when all rows agree), and, where a row stores the count within
 * the norm in force (NULL when that norm was in another unit) with that norm, the within count,
 * the count it is out of (rows with a within count only) and the lowest and highest norm.
 */
export const histogramMeasures = (histogram: string, bounds: string) => ({
  measures: {
    histogram: sql`sumForEach(${ident(histogram)})`,
    bounds: sql`groupUniqArray(${ident(bounds)})`,
  },
  rows: { histogram: counts, bounds: boundsSeen },
});

export function withinNormMeasures(columns: {
  count: string;
  within: string;
  norm: string;
  histogram: string;
  bounds: string;
}) {
  const h = histogramMeasures(columns.histogram, columns.bounds);
  const [n, within, norm] = [ident(columns.count), ident(columns.within), ident(columns.norm)];
  return {
    measures: {
      measured: sql`sum(${n})`,
      within: sql`sum(${within})`,
      within_known: sql`sumIf(${n}, ${within} IS NOT NULL)`,
      norm_min: sql`min(${norm})`,
      norm_max: sql`max(${norm})`,
      ...h.measures,
    },
    rows: {
      measured: count,
      within: nullableCount,
      within_known: count,
      norm_min: nullableCount,
      norm_max: nullableCount,
      ...h.rows,
    },
  };
}
