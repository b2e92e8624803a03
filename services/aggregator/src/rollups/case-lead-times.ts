import { type Db, sql } from '@stuurwiel/clickhouse';
import { HISTOGRAM_BOUNDS } from '@stuurwiel/schemas';
import { boundsOf, emptyHistogram, histogramOf } from './histogram-sql.js';
import { wantedDays } from './keys.js';
import { zerosForGroupsLeftEmpty } from './left-empty.js';
import { type Tenants, tenantIs } from './tenants.js';

const BOUNDS = HISTOGRAM_BOUNDS.case_lead_time_days;

/**
 * Recomputes case_lead_times_per_day_v1 for the given end dates (YYYY-MM-DD; see caseRollupDays):
 * closed cases, those within their own deadline, and the histogram of their lead times in
 * calendar days. A corrected end date leaves zeros behind, as in cases_per_day_v1.
 */
export async function recomputeCaseLeadTimeRollups(
  db: Db,
  tenants: Tenants,
  days: readonly string[],
  computedAt: Date,
): Promise<void> {
  const wanted = wantedDays(days);
  if (wanted === null) return;
  const closed = sql`
      SELECT CAST(tenant AS String) AS tenant, assumeNotNull(end_date) AS day,
        CAST(case_type_id AS String) AS case_type, ifNull(team_id, '') AS team,
        within_norm, toFloat64(assumeNotNull(lead_time_days)) AS lead
      FROM case_facts_v1 FINAL
      WHERE ${tenantIs(tenants)} AND status = 'closed' AND end_date IS NOT NULL
        AND has(${wanted}, assumeNotNull(end_date))`;
  await db.command(sql`
    INSERT INTO case_lead_times_per_day_v1
    SELECT tenant, day, case_type, team, toUInt32(count()), toUInt32(countIf(within_norm = 1)),
      ${boundsOf(BOUNDS)}, ${histogramOf(sql`lead`, sql`1`, BOUNDS)}, ${computedAt}
    FROM (${closed})
    GROUP BY tenant, day, case_type, team
    UNION ALL
    ${zerosForGroupsLeftEmpty({
      table: sql`case_lead_times_per_day_v1`,
      tenants,
      days: wanted,
      keys: [sql`CAST(case_type_id AS String)`, sql`CAST(team_id AS String)`],
      zeros: sql`toUInt32(0), toUInt32(0), ${boundsOf(BOUNDS)}, ${emptyHistogram(BOUNDS)}, ${computedAt}`,
      counts: sql`closed > 0`,
      groups: sql`SELECT tenant, day, case_type, team FROM (${closed})`,
    })}`);
}
