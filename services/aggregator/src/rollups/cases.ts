import { type Db, sql } from '@stuurwiel/clickhouse';
import type { CaseFact } from '../facts/types.js';
import { uniqueDays, wantedDays } from './keys.js';
import { type Tenants, tenantIs } from './tenants.js';

/** The days of cases_per_day_v1 a batch of case facts touches: the end dates of closed cases. */
export function caseRollupDays(facts: readonly CaseFact[]): string[] {
  return uniqueDays(facts.flatMap((f) => (f.end_date === null ? [] : [f.end_date])));
}

/**
 * Recomputes cases_per_day_v1 for the given end dates (YYYY-MM-DD) from the deduplicated case
 * facts; running it again gives the same rows. A corrected end date moves a case to another day:
 * the caller passes the old day too (see RollupScheduler), and a group left without cases gets
 * a row of zeros in the same insert, so it stops counting the case.
 */
export async function recomputeCaseRollups(
  db: Db,
  tenants: Tenants,
  days: readonly string[],
  computedAt: Date,
): Promise<void> {
  const wanted = wantedDays(days);
  if (wanted === null) return;
  // Key columns are LowCardinality on one side of the UNION and String on the other; 18.16 finds
  // no common type for them, so both are cast to String.
  const closed = sql`
    FROM case_facts_v1 FINAL
    WHERE ${tenantIs(tenants)} AND status = 'closed' AND end_date IS NOT NULL
      AND has(${wanted}, assumeNotNull(end_date))`;
  await db.command(sql`
    INSERT INTO cases_per_day_v1
    SELECT
      CAST(tenant AS String),
      assumeNotNull(end_date) AS day,
      CAST(case_type_id AS String) AS case_type,
      ifNull(team_id, '') AS team,
      toUInt32(count()),
      toUInt32(countIf(within_norm = 1)),
      toUInt64(sum(assumeNotNull(lead_time_days))),
      toFloat64(quantileExact(0.5)(assumeNotNull(lead_time_days))),
      toFloat64(quantileExact(0.9)(assumeNotNull(lead_time_days))),
      toUInt64(sum(suspended_days)),
      toUInt32(countIf(extension_working_days > 0 OR extension_calendar_weeks > 0)),
      ${computedAt}
    ${closed}
    GROUP BY tenant, day, case_type, team
    UNION ALL
    SELECT CAST(tenant AS String), day, CAST(case_type_id AS String), CAST(team_id AS String),
      toUInt32(0), toUInt32(0), toUInt64(0), toFloat64(0), toFloat64(0), toUInt64(0), toUInt32(0), ${computedAt}
    FROM cases_per_day_v1 FINAL
    WHERE ${tenantIs(tenants)} AND has(${wanted}, day) AND closed > 0
      AND (CAST(tenant AS String), day, CAST(case_type_id AS String), CAST(team_id AS String)) NOT IN (
        SELECT CAST(tenant AS String), assumeNotNull(end_date), CAST(case_type_id AS String), ifNull(team_id, '')
        ${closed})`);
}
