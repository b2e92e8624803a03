import { type Db, sql } from '@stuurwiel/clickhouse';
import type { SurveyFact } from '../facts/types.js';
import { dayOf } from '../time/instants.js';
import { uniqueDays, wantedDays } from './keys.js';
import { type Tenants, tenantIs } from './tenants.js';

/** The Amsterdam days a batch of survey facts touches. */
export function surveyRollupDays(facts: readonly SurveyFact[]): string[] {
  return uniqueDays(facts.map((f) => dayOf(f.occurred_at)));
}

/**
 * Recomputes survey_per_day_v1 for the given Amsterdam days (YYYY-MM-DD) from the deduplicated
 * survey facts. Comments are not read: they never enter a rollup.
 */
export async function recomputeSurveyRollups(
  db: Db,
  tenants: Tenants,
  days: readonly string[],
  computedAt: Date,
): Promise<void> {
  const wanted = wantedDays(days);
  if (wanted === null) return;
  await db.command(sql`
    INSERT INTO survey_per_day_v1
    SELECT
      tenant,
      toDate(occurred_at, 'Europe/Amsterdam') AS day,
      channel,
      ifNull(product_id, '') AS product,
      ifNull(location_id, '') AS location,
      ifNull(team_id, '') AS team,
      count() AS responses,
      sum(satisfied) AS satisfied_count,
      sum(dissatisfied) AS dissatisfied_count,
      sum((score - scale_min) / (scale_max - scale_min)) AS score_normalised_sum,
      ${computedAt} AS computed_at
    FROM survey_facts_v1 FINAL
    WHERE ${tenantIs(tenants)} AND has(${wanted}, toDate(occurred_at, 'Europe/Amsterdam'))
    GROUP BY tenant, day, channel, product, location, team`);
}
