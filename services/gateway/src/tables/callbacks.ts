import { type Db, sql } from '@stuurwiel/clickhouse';
import { defineSource, readSource, type SourceRow, type Tables, tableFor } from './source.js';
import { boundsSeen, count, counts, type HistoryRead } from './statement.js';

/** Callback requests (migration 0007): requests by their day, completions by theirs. */

const measures = {
  measures: {
    requested: sql`sum(requested)`,
    completed: sql`sum(completed)`,
    completed_on_time: sql`sum(completed_on_time)`,
    cancelled: sql`sum(cancelled)`,
    histogram: sql`sumForEach(working_days_histogram)`,
    bounds: sql`groupUniqArray(working_days_bounds)`,
  },
  rows: {
    requested: count,
    completed: count,
    completed_on_time: count,
    cancelled: count,
    histogram: counts,
    bounds: boundsSeen,
  },
};

export const CALLBACKS: Tables<typeof measures.rows> = {
  day: defineSource({
    name: 'callbacks per day',
    from: sql`callbacks_per_day_v1 FINAL`,
    grain: 'day',
    time: sql`day`,
    dimensions: { queue: sql`CAST(queue_id AS String)` },
    ...measures,
  }),
};
export type CallbackRow = SourceRow<typeof measures.rows>;

/** Callbacks requested, completed (on time, cancelled) and the working days they took. */
export function readCallbacks(db: Db, read: HistoryRead): Promise<CallbackRow[]> {
  return readSource(db, tableFor(CALLBACKS, read), read);
}
