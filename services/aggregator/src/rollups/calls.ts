import { type Db, sql } from '@stuurwiel/clickhouse';
import { distinctHours } from './keys.js';
import { type Tenants, tenantIs } from './tenants.js';

/** The measures of a group of call facts; shared by the hourly and the daily rollup. */
// A percentile of no values is NaN on one server version and 0 on another: say 0 (count tells).
const measures = (shortAbandonSeconds: number, computedAt: Date) => sql`
      count() AS offered,
      countIf(queued_at IS NOT NULL) AS queued,
      countIf(outcome = 'answered') AS answered,
      countIf(outcome = 'abandoned_in_queue') AS abandoned_in_queue,
      countIf(outcome = 'abandoned_in_queue' AND ifNull(wait_seconds, 0) < ${shortAbandonSeconds}) AS abandoned_short,
      countIf(outcome = 'abandoned_in_menu') AS abandoned_in_menu,
      countIf(outcome = 'blocked') AS blocked,
      countIf(outcome = 'transferred_out') AS transferred_out,
      sumIf(ifNull(wait_seconds, 0), outcome = 'answered') AS answer_wait_sum,
      if(countIf(outcome = 'answered') = 0, 0, quantileExactIf(0.5)(ifNull(wait_seconds, 0), outcome = 'answered')) AS answer_wait_p50,
      if(countIf(outcome = 'answered') = 0, 0, quantileExactIf(0.9)(ifNull(wait_seconds, 0), outcome = 'answered')) AS answer_wait_p90,
      sumIf(handling_seconds, outcome = 'answered') AS handling_sum,
      if(countIf(outcome = 'answered') = 0, 0, quantileExactIf(0.9)(handling_seconds, outcome = 'answered')) AS handling_p90,
      toFloat64(${shortAbandonSeconds}) AS short_abandon_seconds,
      ${computedAt} AS computed_at`;

/**
 * Recomputes the hourly call rollup of the given hours from the deduplicated call facts; see
 * recomputeVisitHourlyRollup (also for why the filter is PREWHERE). `shortAbandonSeconds` is the tenant's threshold below which an abandon
 * leaves the service-level denominator (default 5 s).
 */
export async function recomputeCallRollups(
  db: Db,
  tenants: Tenants,
  hours: readonly string[],
  computedAt: Date,
  shortAbandonSeconds = 5,
): Promise<void> {
  const unique = distinctHours(hours);
  if (unique.length === 0) return;
  await db.command(sql`
    INSERT INTO calls_per_hour_v1
    SELECT
      tenant,
      toStartOfHour(offered_at) AS hour,
      ifNull(queue_id, '') AS queue,
      ${measures(shortAbandonSeconds, computedAt)}
    FROM call_facts_v1 FINAL
    PREWHERE ${tenantIs(tenants)} AND has(${unique}, toStartOfHour(offered_at))
    GROUP BY tenant, hour, queue`);
}

/**
 * Recomputes calls_per_day_v1 (the hourly measures per Europe/Amsterdam day) for the days the
 * given instants (e.g. offered_at of changed facts) fall in; see recomputeCallRollups.
 */
export async function recomputeCallDailyRollup(
  db: Db,
  tenants: Tenants,
  instants: readonly string[],
  computedAt: Date,
  shortAbandonSeconds = 5,
): Promise<void> {
  const unique = distinctHours(instants);
  if (unique.length === 0) return;
  await db.command(sql`
    INSERT INTO calls_per_day_v1
    SELECT
      tenant,
      toDate(offered_at, 'Europe/Amsterdam') AS day,
      ifNull(queue_id, '') AS queue,
      ${measures(shortAbandonSeconds, computedAt)}
    FROM call_facts_v1 FINAL
    PREWHERE ${tenantIs(tenants)}
      AND has(arrayMap(h -> toDate(h, 'Europe/Amsterdam'), ${unique}), toDate(offered_at, 'Europe/Amsterdam'))
    GROUP BY tenant, day, queue`);
}
