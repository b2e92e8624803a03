import { type Db, type Sql, sql } from '@stuurwiel/clickhouse';
import { HISTOGRAM_BOUNDS } from '@stuurwiel/schemas';
import { boundsOf, histogramOf } from './histogram-sql.js';
import { distinctHours } from './keys.js';
import { counterWaitNorm, type GroupNorm, type NormsOf, phoneAnswerNorm } from './norms.js';
import { type Tenants, tenantIs } from './tenants.js';

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
  const hours = distinctHours(instants);
  if (hours.length === 0) return null;
  if (grain === 'hour') {
    return { key: sql`toStartOfHour(${column})`, filter: sql`has(${hours}, toStartOfHour(${column}))` };
  }
  const key = sql`toDate(${column}, 'Europe/Amsterdam')`;
  return { key, filter: sql`has(arrayMap(h -> toDate(h, 'Europe/Amsterdam'), ${hours}), ${key})` };
}

const WAIT = sql`assumeNotNull(wait_seconds)`;

/** What differs between the visit and the call wait histograms. */
interface WaitSpec {
  tables: Record<Grain, Sql>;
  facts: Sql;
  /** The fact's partition time, which the group's hour or day is of. */
  time: Sql;
  /** The group's key columns after tenant and time, as selected and as grouped by. */
  keys: Sql;
  groupBy: Sql;
  /** The counts before the wait's own (as the table's columns). */
  counts: Sql;
  /** The facts whose wait counts. */
  known: Sql;
  norm: (tenants: readonly string[], normsOf: NormsOf) => GroupNorm;
  bounds: readonly number[];
}

const VISITS: WaitSpec = {
  tables: { hour: sql`visit_waits_per_hour_v1`, day: sql`visit_waits_per_day_v1` },
  facts: sql`visit_facts_v1`,
  time: sql`arrived_at`,
  keys: sql`location_id, queue_id, kind`,
  groupBy: sql`location_id, queue_id, kind`,
  counts: sql`toUInt32(count(wait_seconds))`,
  known: sql`wait_seconds IS NOT NULL`,
  norm: counterWaitNorm,
  bounds: HISTOGRAM_BOUNDS.counter_wait_seconds,
};

// As the live service level: an answered call whose wait is known (it was offered to a queue).
const ANSWERED = sql`outcome = 'answered' AND wait_seconds IS NOT NULL`;
const CALLS: WaitSpec = {
  tables: { hour: sql`call_waits_per_hour_v1`, day: sql`call_waits_per_day_v1` },
  facts: sql`call_facts_v1`,
  time: sql`offered_at`,
  keys: sql`ifNull(queue_id, '') AS queue`,
  groupBy: sql`queue`,
  counts: sql`toUInt32(countIf(outcome = 'answered')), toUInt32(countIf(${ANSWERED}))`,
  known: ANSWERED,
  norm: phoneAnswerNorm,
  bounds: HISTOGRAM_BOUNDS.phone_answer_wait_seconds,
};

async function recomputeWaits(
  spec: WaitSpec,
  grain: Grain,
  db: Db,
  tenants: Tenants,
  instants: readonly string[],
  computedAt: Date,
  normsOf: NormsOf,
): Promise<void> {
  const g = grainOf(grain, spec.time, instants);
  if (!g) return;
  const norm = spec.norm(typeof tenants === 'string' ? [tenants] : tenants, normsOf);
  await db.command(sql`
    INSERT INTO ${spec.tables[grain]}
    SELECT tenant, ${g.key} AS at, ${spec.keys},
      ${spec.counts},
      ${norm.stored},
      ${norm.within(WAIT, spec.known)},
      ${boundsOf(spec.bounds)},
      ${histogramOf(WAIT, spec.known, spec.bounds)},
      ${computedAt}
    FROM ${spec.facts} FINAL
    PREWHERE ${tenantIs(tenants)} AND ${g.filter}
    GROUP BY tenant, at, ${spec.groupBy}`);
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
  (spec: WaitSpec, grain: Grain): Recompute =>
  (...args) =>
    recomputeWaits(spec, grain, ...args);

/** Counter-wait histograms per UTC hour (visit_waits_per_hour_v1). */
export const recomputeVisitWaitsPerHour = per(VISITS, 'hour');
/** Counter-wait histograms per Amsterdam day (visit_waits_per_day_v1). */
export const recomputeVisitWaitsPerDay = per(VISITS, 'day');
/** Answer-wait histograms per UTC hour (call_waits_per_hour_v1). */
export const recomputeCallWaitsPerHour = per(CALLS, 'hour');
/** Answer-wait histograms per Amsterdam day (call_waits_per_day_v1). */
export const recomputeCallWaitsPerDay = per(CALLS, 'day');
