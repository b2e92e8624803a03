import { type Db, sql } from '@stuurwiel/clickhouse';
import { perDay, type RowOf, readSource, tableFor } from './source.js';
import { count, type HistoryRead } from './statement.js';
import { histogramMeasures } from './within-norm.js';

/** Callback requests (migration 0007): requests by their day, completions by theirs. */

const histogram = histogramMeasures('working_days_histogram', 'working_days_bounds');

export const CALLBACKS = perDay(
  'callbacks',
  'callbacks_per_day_v1',
  { queue: sql`CAST(queue_id AS String)` },
  {
    measures: {
      requested: sql`sum(requested)`,
      completed: sql`sum(completed)`,
      completed_on_time: sql`sum(completed_on_time)`,
      cancelled: sql`sum(cancelled)`,
      ...histogram.measures,
    },
    rows: {
      requested: count,
      completed: count,
      completed_on_time: count,
      cancelled: count,
      ...histogram.rows,
    },
  },
);
export type CallbackRow = RowOf<typeof CALLBACKS>;

/** Callbacks requested, completed (on time, cancelled) and the working days they took. */
export function readCallbacks(db: Db, read: HistoryRead): Promise<CallbackRow[]> {
  return readSource(db, tableFor(CALLBACKS, read), read);
}
