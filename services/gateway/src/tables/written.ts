import { type Db, sql } from '@stuurwiel/clickhouse';
import { defineSource, readSource, type SourceRow, type Tables, tableFor } from './source.js';
import { boundsSeen, count, counts, type HistoryRead, nullableCount } from './statement.js';

/** Written contacts (migrations 0006, 0007): each measure on its own day. */

const WRITTEN_DIMENSIONS = { channel: sql`toString(channel)`, team: sql`CAST(team_id AS String)` };

const writtenMeasures = {
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
};

export const WRITTEN: Tables<typeof writtenMeasures.rows> = {
  day: defineSource({
    name: 'written contacts per day',
    from: sql`written_per_day_v1 FINAL`,
    grain: 'day',
    time: sql`day`,
    dimensions: WRITTEN_DIMENSIONS,
    ...writtenMeasures,
  }),
};
export type WrittenRow = SourceRow<typeof writtenMeasures.rows>;

/** Written contacts received, acknowledged and answered, with working-day sums. */
export function readWritten(db: Db, read: HistoryRead): Promise<WrittenRow[]> {
  return readSource(db, tableFor(WRITTEN, read), read);
}

const answerMeasures = {
  measures: {
    answered: sql`sum(answered)`,
    within: sql`sum(answered_within_norm)`,
    within_known: sql`sumIf(answered, answered_within_norm IS NOT NULL)`,
    norm_min: sql`min(answer_norm_working_days)`,
    norm_max: sql`max(answer_norm_working_days)`,
    histogram: sql`sumForEach(working_days_histogram)`,
    bounds: sql`groupUniqArray(working_days_bounds)`,
  },
  rows: {
    answered: count,
    within: nullableCount,
    within_known: count,
    norm_min: nullableCount,
    norm_max: nullableCount,
    histogram: counts,
    bounds: boundsSeen,
  },
};

export const WRITTEN_ANSWERS: Tables<typeof answerMeasures.rows> = {
  day: defineSource({
    name: 'written answers per day',
    from: sql`written_answers_per_day_v1 FINAL`,
    grain: 'day',
    time: sql`day`,
    dimensions: WRITTEN_DIMENSIONS,
    ...answerMeasures,
  }),
};
export type WrittenAnswerRow = SourceRow<typeof answerMeasures.rows>;

/** Written answers: count, within the norm in force, histogram of working days. */
export function readWrittenAnswers(db: Db, read: HistoryRead): Promise<WrittenAnswerRow[]> {
  return readSource(db, tableFor(WRITTEN_ANSWERS, read), read);
}
