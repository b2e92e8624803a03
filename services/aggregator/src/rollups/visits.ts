import { type Db, sql } from '@stuurwiel/clickhouse';
import { distinctHours } from './keys.js';
import { type Tenants, tenantIs } from './tenants.js';

// The filters of the visit and call rollups are PREWHERE: they test the tenant and the fact's
// partition time, which no version of a fact ever changes, so rows dropped before FINAL merges
// them never hide a newer version of a kept fact, and the single-threaded merge of 18.16 handles
// the recomputed hours only instead of the tenant's whole month.

// The measures of a group of visit facts; shared by the hourly and the daily rollup.
const measures = (computedAt: Date) => sql`
  count() AS visits,
  countIf(outcome = 'served') AS served,
  countIf(outcome = 'no_show') AS no_shows,
  countIf(outcome IN ('left', 'removed')) AS left_or_removed,
  count(wait_seconds) AS wait_count,
  ifNull(sum(wait_seconds), 0) AS wait_sum,
  ifNull(quantileExact(0.5)(wait_seconds), 0) AS wait_p50,
  ifNull(quantileExact(0.9)(wait_seconds), 0) AS wait_p90,
  count(service_seconds) AS service_count,
  ifNull(sum(service_seconds), 0) AS service_sum,
  ifNull(quantileExact(0.9)(service_seconds), 0) AS service_p90,
  ${computedAt} AS computed_at`;

/**
 * Recomputes visits_per_hour_v1 for the given hours from the deduplicated facts. Call it for
 * every hour whose facts changed; running it again gives the same rows.
 */
export async function recomputeVisitHourlyRollup(
  db: Db,
  tenants: Tenants,
  hours: readonly string[],
  computedAt: Date,
): Promise<void> {
  const unique = distinctHours(hours);
  if (unique.length === 0) return;
  await db.command(sql`
    INSERT INTO visits_per_hour_v1
    SELECT tenant, toStartOfHour(arrived_at) AS hour, location_id, queue_id, kind, ${measures(computedAt)}
    FROM visit_facts_v1 FINAL
    PREWHERE ${tenantIs(tenants)} AND has(${unique}, toStartOfHour(arrived_at))
    GROUP BY tenant, hour, location_id, queue_id, kind`);
}

/** Recomputes visits_per_day_v1 for the Amsterdam days the given instants fall in. */
export async function recomputeVisitDailyRollup(
  db: Db,
  tenants: Tenants,
  instants: readonly string[],
  computedAt: Date,
): Promise<void> {
  const unique = distinctHours(instants);
  if (unique.length === 0) return;
  await db.command(sql`
    INSERT INTO visits_per_day_v1
    SELECT tenant, toDate(arrived_at, 'Europe/Amsterdam') AS day, location_id, queue_id, kind, ${measures(computedAt)}
    FROM visit_facts_v1 FINAL
    PREWHERE ${tenantIs(tenants)}
      AND has(arrayMap(h -> toDate(h, 'Europe/Amsterdam'), ${unique}), toDate(arrived_at, 'Europe/Amsterdam'))
    GROUP BY tenant, day, location_id, queue_id, kind`);
}

/**
 * Recomputes visits_by_product_per_day_v1 for the Amsterdam days the given instants (e.g.
 * arrived_at of new facts) fall in. A visit counts once under each distinct product it
 * handled, so the products of a day add up to more than its visits; a visit without products
 * counts under ''.
 */
export async function recomputeVisitProductRollup(
  db: Db,
  tenants: Tenants,
  instants: readonly string[],
  computedAt: Date,
): Promise<void> {
  const unique = distinctHours(instants);
  if (unique.length === 0) return;
  await db.command(sql`
    INSERT INTO visits_by_product_per_day_v1
    SELECT
      tenant,
      toDate(arrived_at, 'Europe/Amsterdam') AS day,
      location_id,
      arrayJoin(if(empty(products), [''], arrayReduce('groupUniqArray', products))) AS product,
      count() AS visits,
      countIf(outcome = 'served') AS served,
      count(wait_seconds) AS wait_count,
      ifNull(sum(wait_seconds), 0) AS wait_sum,
      ${computedAt} AS computed_at
    FROM visit_facts_v1 FINAL
    PREWHERE ${tenantIs(tenants)}
      AND has(arrayMap(h -> toDate(h, 'Europe/Amsterdam'), ${unique}), toDate(arrived_at, 'Europe/Amsterdam'))
    GROUP BY tenant, day, location_id, product`);
}
