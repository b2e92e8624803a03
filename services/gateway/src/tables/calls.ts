import { type Db, sql } from '@stuurwiel/clickhouse';
import { perHourAndDay, type RowOf, readSource, tableFor } from './source.js';
import { count, type HistoryRead } from './statement.js';
import { withinNormMeasures } from './within-norm.js';

/** Telephone (migrations 0004, 0006, 0007): calls and the answer-wait histograms. */

const QUEUE = { queue: sql`CAST(queue_id AS String)` };

export const CALLS = perHourAndDay('calls', { hour: 'calls_per_hour_v1', day: 'calls_per_day_v1' }, QUEUE, {
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
});
export type CallRow = RowOf<typeof CALLS>;

/** Calls offered, queued, answered, abandoned (short abandons apart) and wait and handling sums. */
export function readCalls(db: Db, read: HistoryRead): Promise<CallRow[]> {
  return readSource(db, tableFor(CALLS, read), read);
}

const answerWaits = withinNormMeasures({
  count: 'answer_wait_count',
  within: 'answered_within_norm',
  norm: 'answer_norm_seconds',
  histogram: 'answer_wait_histogram',
  bounds: 'answer_wait_bounds',
});

export const CALL_WAITS = perHourAndDay(
  'answer waits',
  { hour: 'call_waits_per_hour_v1', day: 'call_waits_per_day_v1' },
  QUEUE,
  {
    measures: { answered: sql`sum(answered)`, ...answerWaits.measures },
    rows: { answered: count, ...answerWaits.rows },
  },
);
export type CallWaitRow = RowOf<typeof CALL_WAITS>;

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
