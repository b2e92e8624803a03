import { type Db, sql } from '@stuurwiel/clickhouse';
import { HISTOGRAM_BOUNDS } from '@stuurwiel/schemas';
import type { CallbackFact } from '../facts/types.js';
import { dayOf } from '../time/instants.js';
import { boundsOf, emptyHistogram, histogramOf } from './histogram-sql.js';
import { uniqueDays, wantedDays } from './keys.js';
import { zerosForGroupsLeftEmpty } from './left-empty.js';
import { type Tenants, tenantIs } from './tenants.js';

const BOUNDS = HISTOGRAM_BOUNDS.working_days;

/** The Amsterdam days a batch of callback facts touches: the request and the completion. */
export function callbackRollupDays(facts: readonly CallbackFact[]): string[] {
  return uniqueDays(
    facts.flatMap((f) => [f.requested_at, f.completed_at].flatMap((at) => (at === null ? [] : [dayOf(at)]))),
  );
}

/**
 * Recomputes callbacks_per_day_v1 for the given Amsterdam days (YYYY-MM-DD) from the
 * deduplicated callback facts: requests on the day of the request; completions, those on time,
 * cancellations and the working-days histogram of the completions that were not cancelled on the
 * day of the completion. A rebooked request moves to another day: the caller passes the old day
 * too, and a group left empty gets zeros in the same insert.
 */
export async function recomputeCallbackRollups(
  db: Db,
  tenants: Tenants,
  days: readonly string[],
  computedAt: Date,
): Promise<void> {
  const wanted = wantedDays(days);
  if (wanted === null) return;
  const streams = sql`
      SELECT CAST(tenant AS String) AS tenant, toDate(requested_at, 'Europe/Amsterdam') AS day,
        ifNull(queue_id, '') AS queue, toUInt32(1) AS requested, toUInt32(0) AS completed,
        toUInt32(0) AS on_time_count, toUInt32(0) AS cancelled, toUInt8(0) AS counted, toFloat64(0) AS wd
      FROM callback_facts_v1 FINAL
      WHERE ${tenantIs(tenants)} AND has(${wanted}, toDate(requested_at, 'Europe/Amsterdam'))
      UNION ALL
      SELECT CAST(tenant AS String) AS tenant, toDate(assumeNotNull(completed_at), 'Europe/Amsterdam') AS day,
        ifNull(queue_id, '') AS queue, toUInt32(0) AS requested, toUInt32(1) AS completed,
        toUInt32(ifNull(on_time, 0)) AS on_time_count, toUInt32(outcome = 'cancelled') AS cancelled,
        toUInt8(outcome != 'cancelled') AS counted, toFloat64(ifNull(working_days, 0)) AS wd
      FROM callback_facts_v1 FINAL
      WHERE ${tenantIs(tenants)} AND completed_at IS NOT NULL
        AND has(${wanted}, toDate(assumeNotNull(completed_at), 'Europe/Amsterdam'))`;
  await db.command(sql`
    INSERT INTO callbacks_per_day_v1
    SELECT tenant, day, queue,
      toUInt32(sum(requested)), toUInt32(sum(completed)), toUInt32(sum(on_time_count)), toUInt32(sum(cancelled)),
      ${boundsOf(BOUNDS)}, ${histogramOf(sql`wd`, sql`counted = 1`, BOUNDS)}, ${computedAt}
    FROM (${streams})
    GROUP BY tenant, day, queue
    UNION ALL
    ${zerosForGroupsLeftEmpty({
      table: sql`callbacks_per_day_v1`,
      tenants,
      days: wanted,
      keys: [sql`CAST(queue_id AS String)`],
      zeros: sql`toUInt32(0), toUInt32(0), toUInt32(0), toUInt32(0),
        ${boundsOf(BOUNDS)}, ${emptyHistogram(BOUNDS)}, ${computedAt}`,
      counts: sql`requested + completed > 0`,
      groups: sql`SELECT tenant, day, queue FROM (${streams})`,
    })}`);
}
