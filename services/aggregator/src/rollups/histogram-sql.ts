import { type Sql, sql, typed } from '@stuurwiel/clickhouse';

/** The bounds of a histogram as a stored Array(Float64) value. */
export const boundsOf = (bounds: readonly number[]): Sql => sql`${typed('Array(Float64)', [...bounds])}`;

/**
 * The fixed-bucket histogram (schemas/src/histogram.ts) of `value` over the rows of a group where
 * `condition` holds: one count per bucket, bucket i holding the values in (b[i-1], b[i]], the last
 * those above every bound. The bucket of a value is the number of bounds below it. The result
 * always has bounds + 1 counts, also for a group where nothing qualifies.
 */
export function histogramOf(value: Sql, condition: Sql, bounds: readonly number[]): Sql {
  const size = bounds.length + 1;
  // The value appears outside the lambdas too: 18.16 drops a subquery's column that only a nested
  // lambda uses ("Unknown identifier"). NaN fits no bucket anyway.
  return sql`CAST(arrayResize(sumForEachIf(
        arrayMap(i -> toUInt32(i = arrayCount(b -> b < ${value}, ${boundsOf(bounds)})), range(${size})),
        (${condition}) AND NOT isNaN(${value})), ${size}) AS Array(UInt32))`;
}

/** The histogram of a group left empty: bounds + 1 zeros, typed as histogramOf's. */
export const emptyHistogram = (bounds: readonly number[]): Sql =>
  sql`arrayMap(i -> toUInt32(0), range(${bounds.length + 1}))`;
