import { type Db, sql } from '@stuurwiel/clickhouse';
import { perDay, perHourAndDay, type RowOf, readSource, tableFor } from './source.js';
import { count, type HistoryRead } from './statement.js';
import { withinNormMeasures } from './within-norm.js';

/** Counter visits (migrations 0003, 0006, 0007): visits, waits and their histograms. */

const VISIT_DIMENSIONS = {
  location: sql`CAST(location_id AS String)`,
  queue: sql`CAST(queue_id AS String)`,
  visit_type: sql`toString(kind)`,
};

export const VISITS = perHourAndDay(
  'visits',
  { hour: 'visits_per_hour_v1', day: 'visits_per_day_v1' },
  VISIT_DIMENSIONS,
  {
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
  },
);
export type VisitRow = RowOf<typeof VISITS>;

/** Visits, served, no-shows and wait and service sums per bucket and group. */
export function readVisits(db: Db, read: HistoryRead): Promise<VisitRow[]> {
  return readSource(db, tableFor(VISITS, read), read);
}

/** A visit counts once under every product it handled (so products do not add up to visits). */
export const VISIT_PRODUCTS = perDay(
  'visits by product',
  'visits_by_product_per_day_v1',
  { location: sql`CAST(location_id AS String)`, product: sql`CAST(product_id AS String)` },
  {
    measures: {
      visits: sql`sum(visits)`,
      served: sql`sum(served)`,
      wait_count: sql`sum(wait_count)`,
      wait_sum: sql`sum(wait_sum)`,
    },
    rows: { visits: count, served: count, wait_count: count, wait_sum: count },
  },
);
export type VisitProductRow = RowOf<typeof VISIT_PRODUCTS>;

export function readVisitProducts(db: Db, read: HistoryRead): Promise<VisitProductRow[]> {
  return readSource(db, tableFor(VISIT_PRODUCTS, read), read);
}

export const VISIT_WAITS = perHourAndDay(
  'counter waits',
  { hour: 'visit_waits_per_hour_v1', day: 'visit_waits_per_day_v1' },
  VISIT_DIMENSIONS,
  withinNormMeasures({
    count: 'wait_count',
    within: 'waited_within_norm',
    norm: 'wait_norm_seconds',
    histogram: 'wait_histogram',
    bounds: 'wait_bounds',
  }),
);
export type VisitWaitRow = RowOf<typeof VISIT_WAITS>;

/** Counter waits: count, within the norm in force, and their histogram (seconds). */
export function readVisitWaits(db: Db, read: HistoryRead): Promise<VisitWaitRow[]> {
  return readSource(db, tableFor(VISIT_WAITS, read), read);
}
