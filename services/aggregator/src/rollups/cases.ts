import { type Db, sql } from '@stuurwiel/clickhouse';
import type { CaseFact } from '../facts/types.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Distinct YYYY-MM-DD days; anything else is a programming error, so it throws. */
export function uniqueDays(days: readonly string[]): string[] {
  for (const day of days) {
    if (!ISO_DATE.test(day)) throw new RangeError(`expected a day as YYYY-MM-DD, got ${JSON.stringify(day)}`);
  }
  return [...new Set(days)].sort();
}

/** The days of cases_per_day_v1 a batch of case facts touches: the end dates of closed cases. */
export function caseRollupDays(facts: readonly CaseFact[]): string[] {
  return uniqueDays(facts.flatMap((f) => (f.end_date === null ? [] : [f.end_date])));
}

/**
 * Recomputes cases_per_day_v1 for the given end dates (YYYY-MM-DD) from the deduplicated case
 * facts; running it again gives the same rows. A case whose end date is corrected moves to
 * another day: pass the old day too, or its old group keeps counting it.
 */
export async function recomputeCaseRollups(db: Db, tenant: string, days: readonly string[]): Promise<void> {
  const unique = uniqueDays(days);
  if (unique.length === 0) return;
  await db.command(sql`
    INSERT INTO cases_per_day_v1
    SELECT
      tenant,
      assumeNotNull(end_date) AS day,
      case_type_id,
      ifNull(team_id, '') AS team,
      count() AS closed,
      countIf(within_norm = 1) AS closed_within_norm,
      sum(assumeNotNull(lead_time_days)) AS lead_time_days_sum,
      quantileExact(0.5)(assumeNotNull(lead_time_days)) AS lead_time_days_p50,
      quantileExact(0.9)(assumeNotNull(lead_time_days)) AS lead_time_days_p90,
      sum(suspended_days) AS suspended_days_sum,
      countIf(extension_working_days > 0) AS extended,
      now() AS computed_at
    FROM case_facts_v1 FINAL
    WHERE tenant = ${tenant} AND status = 'closed' AND end_date IS NOT NULL
      AND has(arrayMap(d -> toDate(d), ${unique}), assumeNotNull(end_date))
    GROUP BY tenant, day, case_type_id, team`);
}
