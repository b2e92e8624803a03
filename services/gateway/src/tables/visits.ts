import { type Db, sql } from '@stuurwiel/clickhouse';
import { defineSource, readSource, type SourceRow, type Tables, tableFor } from './source.js';
import { boundsSeen, count, counts, type HistoryRead, nullableCount } from './statement.js';

/** Counter visits (migrations 0003, 0006, 0007): visits, waits and their histograms. */

const VISIT_DIMENSIONS = {
  location: sql`CAST(location_id AS String)`,
  queue: sql`CAST(queue_id AS String)`,
  visit_type: sql`toString(kind)`,
};

const visitMeasures = {
  measures: {
    visits: sql`sum(visits)`,
    served: sql`sum(served)`,
    no_shows: sql`sum(no_shows)`,
    left_or_removed: sql`sum(left_or_removed)`,
    wait_count: sql`sum(wait_count)`,
    wait_sum: sql`sum(wait_sum)`,
    service_count: sql`sum(service_count)`,
    service_sum: sql`sum(service_sum)`,
  },
  rows: {
    visits: count,
    served: count,
    no_shows: count,
    left_or_removed: count,
    wait_count: count,
    wait_sum: count,
    service_count: count,
    service_sum: count,
  },
};

export const VISITS: Tables<typeof visitMeasures.rows> = {
  hour: defineSource({
    name: 'visits per hour',
    from: sql`visits_per_hour_v1 FINAL`,
    grain: 'hour',
    time: sql`hour`,
    dimensions: VISIT_DIMENSIONS,
    ...visitMeasures,
  }),
  day: defineSource({
    name: 'visits per day',
    from: sql`visits_per_day_v1 FINAL`,
    grain: 'day',
    time: sql`day`,
    dimensions: VISIT_DIMENSIONS,
    ...visitMeasures,
  }),
};
export type VisitRow = SourceRow<typeof visitMeasures.rows>;

/** Visits, served, no-shows and wait and service sums per bucket and group. */
export function readVisits(db: Db, read: HistoryRead): Promise<VisitRow[]> {
  return readSource(db, tableFor(VISITS, read), read);
}

const productMeasures = {
  measures: {
    visits: sql`sum(visits)`,
    served: sql`sum(served)`,
    wait_count: sql`sum(wait_count)`,
    wait_sum: sql`sum(wait_sum)`,
  },
  rows: { visits: count, served: count, wait_count: count, wait_sum: count },
};

/** A visit counts once under every product it handled (so products do not add up to visits). */
export const VISIT_PRODUCTS: Tables<typeof productMeasures.rows> = {
  day: defineSource({
    name: 'visits by product per day',
    from: sql`visits_by_product_per_day_v1 FINAL`,
    grain: 'day',
    time: sql`day`,
    dimensions: { location: sql`CAST(location_id AS String)`, product: sql`CAST(product_id AS String)` },
    ...productMeasures,
  }),
};
export type VisitProductRow = SourceRow<typeof productMeasures.rows>;

export function readVisitProducts(db: Db, read: HistoryRead): Promise<VisitProductRow[]> {
  return readSource(db, tableFor(VISIT_PRODUCTS, read), read);
}

const waitMeasures = {
  measures: {
    wait_count: sql`sum(wait_count)`,
    within: sql`sum(waited_within_norm)`,
    within_known: sql`sumIf(wait_count, waited_within_norm IS NOT NULL)`,
    norm_min: sql`min(wait_norm_seconds)`,
    norm_max: sql`max(wait_norm_seconds)`,
    histogram: sql`sumForEach(wait_histogram)`,
    bounds: sql`groupUniqArray(wait_bounds)`,
  },
  rows: {
    wait_count: count,
    within: nullableCount,
    within_known: count,
    norm_min: nullableCount,
    norm_max: nullableCount,
    histogram: counts,
    bounds: boundsSeen,
  },
};

export const VISIT_WAITS: Tables<typeof waitMeasures.rows> = {
  hour: defineSource({
    name: 'counter waits per hour',
    from: sql`visit_waits_per_hour_v1 FINAL`,
    grain: 'hour',
    time: sql`hour`,
    dimensions: VISIT_DIMENSIONS,
    ...waitMeasures,
  }),
  day: defineSource({
    name: 'counter waits per day',
    from: sql`visit_waits_per_day_v1 FINAL`,
    grain: 'day',
    time: sql`day`,
    dimensions: VISIT_DIMENSIONS,
    ...waitMeasures,
  }),
};
export type VisitWaitRow = SourceRow<typeof waitMeasures.rows>;

/** Counter waits: count, within the norm in force, and their histogram (seconds). */
export function readVisitWaits(db: Db, read: HistoryRead): Promise<VisitWaitRow[]> {
  return readSource(db, tableFor(VISIT_WAITS, read), read);
}
