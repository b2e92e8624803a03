import { type Db, sql } from '@stuurwiel/clickhouse';
import { defineSource, perDay, type RowOf, readSource, type Tables, tableFor } from './source.js';
import { count, type HistoryRead } from './statement.js';

/**
 * Survey responses (KTO): per day from the rollup (migration 0006); per hour, which no rollup
 * holds, from the deduplicated facts (migration 0005), with the same measures.
 */

const rows = { responses: count, satisfied: count, dissatisfied: count, score_normalised_sum: count };

const { day } = perDay(
  'survey responses',
  'survey_per_day_v1',
  {
    channel: sql`toString(channel)`,
    product: sql`CAST(product_id AS String)`,
    location: sql`CAST(location_id AS String)`,
    team: sql`CAST(team_id AS String)`,
  },
  {
    measures: {
      responses: sql`sum(responses)`,
      satisfied: sql`sum(satisfied)`,
      dissatisfied: sql`sum(dissatisfied)`,
      score_normalised_sum: sql`sum(score_normalised_sum)`,
    },
    rows,
  },
);

export const SURVEYS: Tables<typeof rows> = {
  hour: defineSource({
    name: 'survey responses per hour (facts)',
    from: sql`survey_facts_v1 FINAL`,
    grain: 'hour',
    time: sql`toStartOfHour(occurred_at)`,
    dimensions: {
      channel: sql`toString(channel)`,
      product: sql`ifNull(product_id, '')`,
      location: sql`ifNull(location_id, '')`,
      team: sql`ifNull(team_id, '')`,
    },
    measures: {
      responses: sql`count()`,
      satisfied: sql`sum(satisfied)`,
      dissatisfied: sql`sum(dissatisfied)`,
      score_normalised_sum: sql`sum((score - scale_min) / (scale_max - scale_min))`,
    },
    rows,
  }),
  day,
};
export type SurveyRow = RowOf<typeof SURVEYS>;

/** Responses, satisfied, dissatisfied and the sum of scores normalised to 0–1. */
export function readSurveys(db: Db, read: HistoryRead): Promise<SurveyRow[]> {
  return readSource(db, tableFor(SURVEYS, read), read);
}
