import { type Db, sql } from '@stuurwiel/clickhouse';
import type { WrittenFact } from '../facts/types.js';
import { dayOf } from '../time/instants.js';
import { uniqueDays, wantedDays } from './keys.js';
import { type Tenants, tenantIs } from './tenants.js';

/** The Amsterdam days a batch of written facts touches: receipt, acknowledgement and answer. */
export function writtenRollupDays(facts: readonly WrittenFact[]): string[] {
  return uniqueDays(
    facts.flatMap((f) =>
      [f.received_at, f.acknowledged_at, f.answered_at].flatMap((at) => (at === null ? [] : [dayOf(at)])),
    ),
  );
}

/**
 * Recomputes written_per_day_v1 for the given Amsterdam days (YYYY-MM-DD). Every measure is
 * counted on its own day (a contact received Monday and answered Wednesday adds to Monday's
 * `received` and Wednesday's `answered`), so one key per day serves all three; the three
 * streams are summed per group.
 */
export async function recomputeWrittenRollups(
  db: Db,
  tenants: Tenants,
  days: readonly string[],
  computedAt: Date,
): Promise<void> {
  const wanted = wantedDays(days);
  if (wanted === null) return;
  // Received, acknowledged and answered, each on its own day.
  const streams = sql`
      SELECT CAST(tenant AS String) AS tenant, toDate(received_at, 'Europe/Amsterdam') AS day, channel,
        ifNull(team_id, '') AS team,
        toUInt32(1) AS received, toUInt32(0) AS acknowledged, toUInt64(0) AS acknowledge_wd,
        toUInt32(0) AS answered, toUInt64(0) AS answer_wd
      FROM written_facts_v1 FINAL
      WHERE ${tenantIs(tenants)} AND has(${wanted}, toDate(received_at, 'Europe/Amsterdam'))
      UNION ALL
      SELECT CAST(tenant AS String) AS tenant, toDate(assumeNotNull(acknowledged_at), 'Europe/Amsterdam') AS day,
        channel, ifNull(team_id, '') AS team,
        toUInt32(0) AS received, toUInt32(1) AS acknowledged,
        toUInt64(ifNull(acknowledge_working_days, 0)) AS acknowledge_wd,
        toUInt32(0) AS answered, toUInt64(0) AS answer_wd
      FROM written_facts_v1 FINAL
      WHERE ${tenantIs(tenants)} AND acknowledged_at IS NOT NULL
        AND has(${wanted}, toDate(assumeNotNull(acknowledged_at), 'Europe/Amsterdam'))
      UNION ALL
      SELECT CAST(tenant AS String) AS tenant, toDate(assumeNotNull(answered_at), 'Europe/Amsterdam') AS day,
        channel, ifNull(team_id, '') AS team,
        toUInt32(0) AS received, toUInt32(0) AS acknowledged, toUInt64(0) AS acknowledge_wd,
        toUInt32(1) AS answered, toUInt64(ifNull(answer_working_days, 0)) AS answer_wd
      FROM written_facts_v1 FINAL
      WHERE ${tenantIs(tenants)} AND answered_at IS NOT NULL
        AND has(${wanted}, toDate(assumeNotNull(answered_at), 'Europe/Amsterdam'))`;
  // A group left with nothing (an answer that turned out to be on another day) gets zeros in the
  // same insert; key columns are cast to String, which both server versions can unite.
  await db.command(sql`
    INSERT INTO written_per_day_v1
    SELECT tenant, day, channel, team,
      sum(received), sum(acknowledged), sum(acknowledge_wd), sum(answered), sum(answer_wd), ${computedAt}
    FROM (${streams})
    GROUP BY tenant, day, channel, team
    UNION ALL
    SELECT CAST(tenant AS String), day, channel, CAST(team_id AS String),
      toUInt32(0), toUInt32(0), toUInt64(0), toUInt32(0), toUInt64(0), ${computedAt}
    FROM written_per_day_v1 FINAL
    WHERE ${tenantIs(tenants)} AND has(${wanted}, day)
      AND received + acknowledged + answered > 0
      AND (CAST(tenant AS String), day, channel, CAST(team_id AS String)) NOT IN (
        SELECT tenant, day, channel, team FROM (${streams}))`);
}
