import { type Db, sql } from '@stuurwiel/clickhouse';
import { HISTOGRAM_BOUNDS } from '@stuurwiel/schemas';
import { boundsOf, emptyHistogram, histogramOf } from './histogram-sql.js';
import { wantedDays } from './keys.js';
import { zerosForGroupsLeftEmpty } from './left-empty.js';
import { type NormsOf, writtenAnswerNorm } from './norms.js';
import { type Tenants, tenantIs } from './tenants.js';

const BOUNDS = HISTOGRAM_BOUNDS.working_days;

/**
 * Recomputes written_answers_per_day_v1 for the given Amsterdam days (YYYY-MM-DD, the days of the
 * answers; see writtenRollupDays): answers, the histogram of their working days, and how many
 * were within the tenant's answer norm in force (when that norm is in working days). An answer
 * that turns out to be on another day leaves zeros behind, as in written_per_day_v1.
 *
 * Within the norm here is answer_working_days ≤ N. The live figure compares the answer's instant
 * with the end of the N-th working day, which differs only for an answer given on a closed day
 * (a weekend, a holiday) after the deadline's day: late live, within N working days here.
 */
export async function recomputeWrittenAnswerRollups(
  db: Db,
  tenants: Tenants,
  days: readonly string[],
  computedAt: Date,
  normsOf: NormsOf,
): Promise<void> {
  const wanted = wantedDays(days);
  if (wanted === null) return;
  const list = typeof tenants === 'string' ? [tenants] : tenants;
  const norm = writtenAnswerNorm(list, normsOf);
  const answers = sql`
      SELECT CAST(tenant AS String) AS tenant, toDate(assumeNotNull(answered_at), 'Europe/Amsterdam') AS day,
        channel, ifNull(team_id, '') AS team, toFloat64(ifNull(answer_working_days, 0)) AS wd
      FROM written_facts_v1 FINAL
      WHERE ${tenantIs(tenants)} AND answered_at IS NOT NULL
        AND has(${wanted}, toDate(assumeNotNull(answered_at), 'Europe/Amsterdam'))`;
  await db.command(sql`
    INSERT INTO written_answers_per_day_v1
    SELECT tenant, day, channel, team, toUInt32(count()),
      ${norm.stored}, ${norm.within(sql`wd`, sql`1`)},
      ${boundsOf(BOUNDS)}, ${histogramOf(sql`wd`, sql`1`, BOUNDS)}, ${computedAt}
    FROM (${answers})
    GROUP BY tenant, day, channel, team
    UNION ALL
    ${zerosForGroupsLeftEmpty({
      table: sql`written_answers_per_day_v1`,
      tenants,
      days: wanted,
      keys: [sql`channel`, sql`CAST(team_id AS String)`],
      zeros: sql`toUInt32(0), ${norm.stored}, ${norm.none}, ${boundsOf(BOUNDS)}, ${emptyHistogram(BOUNDS)}, ${computedAt}`,
      counts: sql`answered > 0`,
      groups: sql`SELECT tenant, day, channel, team FROM (${answers})`,
    })}`);
}
