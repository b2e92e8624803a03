import { type Db, sql } from '@stuurwiel/clickhouse';
import { defineSource, readSource, type SourceRow, type Tables, tableFor } from './source.js';
import { boundsSeen, count, counts, type HistoryRead, nullableCount } from './statement.js';

/** Telephone (migrations 0004, 0006, 0007): calls and the answer-wait histograms. */

const QUEUE = { queue: sql`CAST(queue_id AS String)` };

const callMeasures = {
  measures: {
    offered: sql`sum(offered)`,
    queued: sql`sum(queued)`,
    answered: sql`sum(answered)`,
    abandoned_in_queue: sql`sum(abandoned_in_queue)`,
    abandoned_short: sql`sum(abandoned_short)`,
    abandoned_in_menu: sql`sum(abandoned_in_menu)`,
    blocked: sql`sum(blocked)`,
    answer_wait_sum: sql`sum(answer_wait_sum)`,
    handling_sum: sql`sum(handling_sum)`,
  },
  rows: {
    offered: count,
    queued: count,
    answered: count,
    abandoned_in_queue: count,
    abandoned_short: count,
    abandoned_in_menu: count,
    blocked: count,
    answer_wait_sum: count,
    handling_sum: count,
  },
};

export const CALLS: Tables<typeof callMeasures.rows> = {
  hour: defineSource({
    name: 'calls per hour',
    from: sql`calls_per_hour_v1 FINAL`,
    grain: 'hour',
    time: sql`hour`,
    dimensions: QUEUE,
    ...callMeasures,
  }),
  day: defineSource({
    name: 'calls per day',
    from: sql`calls_per_day_v1 FINAL`,
    grain: 'day',
    time: sql`day`,
    dimensions: QUEUE,
    ...callMeasures,
  }),
};
export type CallRow = SourceRow<typeof callMeasures.rows>;

/** Calls offered, queued, answered, abandoned (short abandons apart) and wait and handling sums. */
export function readCalls(db: Db, read: HistoryRead): Promise<CallRow[]> {
  return readSource(db, tableFor(CALLS, read), read);
}

const waitMeasures = {
  measures: {
    answered: sql`sum(answered)`,
    wait_count: sql`sum(answer_wait_count)`,
    within: sql`sum(answered_within_norm)`,
    within_known: sql`sumIf(answer_wait_count, answered_within_norm IS NOT NULL)`,
    norm_min: sql`min(answer_norm_seconds)`,
    norm_max: sql`max(answer_norm_seconds)`,
    histogram: sql`sumForEach(answer_wait_histogram)`,
    bounds: sql`groupUniqArray(answer_wait_bounds)`,
  },
  rows: {
    answered: count,
    wait_count: count,
    within: nullableCount,
    within_known: count,
    norm_min: nullableCount,
    norm_max: nullableCount,
    histogram: counts,
    bounds: boundsSeen,
  },
};

export const CALL_WAITS: Tables<typeof waitMeasures.rows> = {
  hour: defineSource({
    name: 'answer waits per hour',
    from: sql`call_waits_per_hour_v1 FINAL`,
    grain: 'hour',
    time: sql`hour`,
    dimensions: QUEUE,
    ...waitMeasures,
  }),
  day: defineSource({
    name: 'answer waits per day',
    from: sql`call_waits_per_day_v1 FINAL`,
    grain: 'day',
    time: sql`day`,
    dimensions: QUEUE,
    ...waitMeasures,
  }),
};
export type CallWaitRow = SourceRow<typeof waitMeasures.rows>;

/** Answer waits of answered calls: count, within the norm in force, histogram (seconds). */
export function readCallWaits(db: Db, read: HistoryRead): Promise<CallWaitRow[]> {
  return readSource(db, tableFor(CALL_WAITS, read), read);
}

/** A bucket and group with both the call counts and the answer waits (zeros where one has none). */
export type CallServiceRow = CallWaitRow & { calls: CallRow | null };

/**
 * The service level's numerator (answer waits) beside its denominator (calls queued, short
 * abandons), from the two tables of the same keys: both statements, joined by bucket and group.
 */
export async function readCallService(db: Db, read: HistoryRead): Promise<CallServiceRow[]> {
  const [calls, waits] = await Promise.all([readCalls(db, read), readCallWaits(db, read)]);
  const key = (r: { bucket: string; group: object }) => `${r.bucket}|${JSON.stringify(r.group)}`;
  const byKey = new Map(calls.map((c) => [key(c), c]));
  return waits.map((w) => ({ ...w, calls: byKey.get(key(w)) ?? null }));
}
