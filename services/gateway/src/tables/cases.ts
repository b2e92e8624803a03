import { type Db, sql } from '@stuurwiel/clickhouse';
import { perDay, type RowOf, readSource, tableFor } from './source.js';
import { count, type HistoryRead } from './statement.js';
import { histogramMeasures } from './within-norm.js';

/** Closed cases by their end date (migrations 0006, 0007). */

const CASE_DIMENSIONS = {
  case_type: sql`CAST(case_type_id AS String)`,
  team: sql`CAST(team_id AS String)`,
};

export const CASES = perDay('cases', 'cases_per_day_v1', CASE_DIMENSIONS, {
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
});
export type CaseRow = RowOf<typeof CASES>;

/** Cases closed, within their own deadline, lead-time and suspended-day sums, extended. */
export function readCases(db: Db, read: HistoryRead): Promise<CaseRow[]> {
  return readSource(db, tableFor(CASES, read), read);
}

const histogram = histogramMeasures('lead_time_days_histogram', 'lead_time_days_bounds');

export const CASE_LEAD_TIMES = perDay('case lead times', 'case_lead_times_per_day_v1', CASE_DIMENSIONS, {
  measures: {
    closed: sql`sum(closed)`,
    closed_within_norm: sql`sum(closed_within_norm)`,
    ...histogram.measures,
  },
  rows: { closed: count, closed_within_norm: count, ...histogram.rows },
});
export type CaseLeadTimeRow = RowOf<typeof CASE_LEAD_TIMES>;

/** Closed cases with the histogram of their lead times (calendar days). */
export function readCaseLeadTimes(db: Db, read: HistoryRead): Promise<CaseLeadTimeRow[]> {
  return readSource(db, tableFor(CASE_LEAD_TIMES, read), read);
}
