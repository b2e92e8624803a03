import { type Db, sql } from '@stuurwiel/clickhouse';
import { perDay, type RowOf, readSource, tableFor } from './source.js';
import { count, type HistoryRead } from './statement.js';
import { withinNormMeasures } from './within-norm.js';

/** Written contacts (migrations 0006, 0007): each measure on its own day. */

const WRITTEN_DIMENSIONS = { channel: sql`toString(channel)`, team: sql`CAST(team_id AS String)` };

export const WRITTEN = perDay('written contacts', 'written_per_day_v1', WRITTEN_DIMENSIONS, {
  measures: {
    received: sql`sum(received)`,
    acknowledged: sql`sum(acknowledged)`,
    acknowledge_working_days_sum: sql`sum(acknowledge_working_days_sum)`,
    answered: sql`sum(answered)`,
    answer_working_days_sum: sql`sum(answer_working_days_sum)`,
  },
  rows: {
    received: count,
    acknowledged: count,
    acknowledge_working_days_sum: count,
    answered: count,
    answer_working_days_sum: count,
  },
});
export type WrittenRow = RowOf<typeof WRITTEN>;

/** Written contacts received, acknowledged and answered, with working-day sums. */
export function readWritten(db: Db, read: HistoryRead): Promise<WrittenRow[]> {
  return readSource(db, tableFor(WRITTEN, read), read);
}

export const WRITTEN_ANSWERS = perDay(
  'written answers',
  'written_answers_per_day_v1',
  WRITTEN_DIMENSIONS,
  withinNormMeasures({
    count: 'answered',
    within: 'answered_within_norm',
    norm: 'answer_norm_working_days',
    histogram: 'working_days_histogram',
    bounds: 'working_days_bounds',
  }),
);
export type WrittenAnswerRow = RowOf<typeof WRITTEN_ANSWERS>;

/** Written answers (as measured): within the norm in force, histogram of working days. */
export function readWrittenAnswers(db: Db, read: HistoryRead): Promise<WrittenAnswerRow[]> {
  return readSource(db, tableFor(WRITTEN_ANSWERS, read), read);
}
