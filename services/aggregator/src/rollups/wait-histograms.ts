import { type Db, type Sql, sql } from '@stuurwiel/clickhouse';
import { HISTOGRAM_BOUNDS } from '@stuurwiel/schemas';
import { boundsOf, histogramOf } from './histogram-sql.js';
import { counterWaitNorm, type NormsOf, phoneAnswerNorm } from './norms.js';
import { type Tenants, tenantIs } from './tenants.js';
import { hourOf } from './visits.js';

/**
 * Wait histograms of visits and calls per UTC hour and per Europe/Amsterdam day (migration 0007),
 * recomputed from the deduplicated facts like the other rollups. The filters are PREWHERE: the
 * time they test is the fact's partition time, which no version of a fact ever changes, so
 * dropping rows before FINAL merges them keeps every version of a kept fact and spares the merge
 * every other hour of the month.
 */

type Grain = 'hour' | 'day';

/** The group time of a fact and the filter of the given instants' hours or days. */
function grainOf(grain: Grain, column: Sql, instants: readonly string[]): { key: Sql; filter: Sql } | null {
  const hours = [...new Set(instants.map(hourOf))].map((h) => new Date(h));
  if (hours.length === 0) return null;
  if (grain === 'hour') {
    return { key: sql`toStartOfHour(${column})`, filter: sql`has(${hours}, toStartOfHour(${column}))` };
  }
  const key = sql`toDate(${column}, 'Europe/Amsterdam')`;
  return { key, filter: sql`has(arrayMap(h -> toDate(h, 'Europe/Amsterdam'), ${hours}), ${key})` };
}

const WAIT = sql`assumeNotNull(wait_seconds)`;

async function recomputeVisitWaits(
  grain: Grain,
  db: Db,
  tenants: Tenants,
  instants: readonly string[],
  computedAt: Date,
  normsOf: NormsOf,
): Promise<void> {
  const g = grainOf(grain, sql`arrived_at`, instants);
  if (!g) return;
  const list = typeof tenants === 'string' ? [tenants] : tenants;
  const norm = counterWaitNorm(list, normsOf);
  const known = sql`wait_seconds IS NOT NULL`;
  const table = grain === 'hour' ? sql`visit_waits_per_hour_v1` : sql`visit_waits_per_day_v1`;
  await db.command(sql`
    INSERT INTO ${table}
    SELECT tenant, ${g.key} AS at, location_id, queue_id, kind,
      toUInt32(count(wait_seconds)),
      ${norm.stored},
      ${norm.within(WAIT, known)},
      ${boundsOf(HISTOGRAM_BOUNDS.counter_wait_seconds)},
      ${histogramOf(WAIT, known, HISTOGRAM_BOUNDS.counter_wait_seconds)},
      ${computedAt}
    FROM visit_facts_v1 FINAL
    PREWHERE ${tenantIs(tenants)} AND ${g.filter}
    GROUP BY tenant, at, location_id, queue_id, kind`);
}

async function recomputeCallWaits(
  grain: Grain,
  db: Db,
  tenants: Tenants,
  instants: readonly string[],
  computedAt: Date,
  normsOf: NormsOf,
): Promise<void> {
  const g = grainOf(grain, sql`offered_at`, instants);
  if (!g) return;
  const list = typeof tenants === 'string' ? [tenants] : tenants;
  const norm = phoneAnswerNorm(list, normsOf);
  // As the live service level: an answered call whose wait is known (it was offered to a queue).
  const known = sql`outcome = 'answered' AND wait_seconds IS NOT NULL`;
  const table = grain === 'hour' ? sql`call_waits_per_hour_v1` : sql`call_waits_per_day_v1`;
  await db.command(sql`
    INSERT INTO ${table}
    SELECT tenant, ${g.key} AS at, ifNull(queue_id, '') AS queue,
      toUInt32(countIf(outcome = 'answered')),
      toUInt32(countIf(${known})),
      ${norm.stored},
      ${norm.within(WAIT, known)},
      ${boundsOf(HISTOGRAM_BOUNDS.phone_answer_wait_seconds)},
      ${histogramOf(WAIT, known, HISTOGRAM_BOUNDS.phone_answer_wait_seconds)},
      ${computedAt}
    FROM call_facts_v1 FINAL
    PREWHERE ${tenantIs(tenants)} AND ${g.filter}
    GROUP BY tenant, at, queue`);
}

/** A recomputation of the given instants' hours or days (offered_at, arrived_at of changed facts). */
type Recompute = (
  db: Db,
  tenants: Tenants,
  instants: readonly string[],
  computedAt: Date,
  normsOf: NormsOf,
) => Promise<void>;

const per =
  (grain: Grain, recompute: (grain: Grain, ...args: Parameters<Recompute>) => Promise<void>): Recompute =>
  (...args) =>
    recompute(grain, ...args);

/** Counter-wait histograms per UTC hour (visit_waits_per_hour_v1). */
export const recomputeVisitWaitsPerHour = per('hour', recomputeVisitWaits);
/** Counter-wait histograms per Amsterdam day (visit_waits_per_day_v1). */
export const recomputeVisitWaitsPerDay = per('day', recomputeVisitWaits);
/** Answer-wait histograms per UTC hour (call_waits_per_hour_v1). */
export const recomputeCallWaitsPerHour = per('hour', recomputeCallWaits);
/** Answer-wait histograms per Amsterdam day (call_waits_per_day_v1). */
export const recomputeCallWaitsPerDay = per('day', recomputeCallWaits);
