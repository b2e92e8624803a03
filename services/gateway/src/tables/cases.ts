import { type Db, sql } from '@stuurwiel/clickhouse';
import { defineSource, readSource, type SourceRow, type Tables, tableFor } from './source.js';
import { boundsSeen, count, counts, type HistoryRead } from './statement.js';

/** Closed cases by their end date (migrations 0006, 0007). */

const CASE_DIMENSIONS = {
  case_type: sql`CAST(case_type_id AS String)`,
  team: sql`CAST(team_id AS String)`,
};

const caseMeasures = {
  measures: {
    closed: sql`sum(closed)`,
    closed_within_norm: sql`sum(closed_within_norm)`,
    lead_time_days_sum: sql`sum(lead_time_days_sum)`,
    suspended_days_sum: sql`sum(suspended_days_sum)`,
    extended: sql`sum(extended)`,
  },
  rows: {
    closed: count,
    closed_within_norm: count,
    lead_time_days_sum: count,
    suspended_days_sum: count,
    extended: count,
  },
};

export const CASES: Tables<typeof caseMeasures.rows> = {
  day: defineSource({
    name: 'cases per day',
    from: sql`cases_per_day_v1 FINAL`,
    grain: 'day',
    time: sql`day`,
    dimensions: CASE_DIMENSIONS,
    ...caseMeasures,
  }),
};
export type CaseRow = SourceRow<typeof caseMeasures.rows>;

/** Cases closed, within their own deadline, lead-time and suspended-day sums, extended. */
export function readCases(db: Db, read: HistoryRead): Promise<CaseRow[]> {
  return readSource(db, tableFor(CASES, read), read);
}

const leadTimeMeasures = {
  measures: {
    closed: sql`sum(closed)`,
    closed_within_norm: sql`sum(closed_within_norm)`,
    histogram: sql`sumForEach(lead_time_days_histogram)`,
    bounds: sql`groupUniqArray(lead_time_days_bounds)`,
  },
  rows: { closed: count, closed_within_norm: count, histogram: counts, bounds: boundsSeen },
};

export const CASE_LEAD_TIMES: Tables<typeof leadTimeMeasures.rows> = {
  day: defineSource({
    name: 'case lead times per day',
    from: sql`case_lead_times_per_day_v1 FINAL`,
    grain: 'day',
    time: sql`day`,
    dimensions: CASE_DIMENSIONS,
    ...leadTimeMeasures,
  }),
};
export type CaseLeadTimeRow = SourceRow<typeof leadTimeMeasures.rows>;

/** Closed cases with the histogram of their lead times (calendar days). */
export function readCaseLeadTimes(db: Db, read: HistoryRead): Promise<CaseLeadTimeRow[]> {
  return readSource(db, tableFor(CASE_LEAD_TIMES, read), read);
}
