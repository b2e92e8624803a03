import { type Db, sql } from '@stuurwiel/clickhouse';
import { useTestDatabase } from '@stuurwiel/infra/testing';
import { describe, expect, it } from 'vitest';
import { insertCallFacts } from '../../src/facts/store.js';
import type { CallFact } from '../../src/facts/types.js';
import { recomputeCallDailyRollup } from '../../src/rollups/calls.js';

const TENANT = 'GM0599';

const local = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date(iso));

const OUTCOMES: CallFact['outcome'][] = [
  'answered',
  'answered',
  'abandoned_in_queue',
  'answered',
  'abandoned_in_menu',
  'blocked',
];

// Calls every 7 minutes from 20:00 UTC: after 22:00 UTC they fall on the next Amsterdam day (CEST).
function facts(): CallFact[] {
  return Array.from({ length: 50 }, (_, i) => {
    const outcome = OUTCOMES[i % OUTCOMES.length]!;
    const offered = Date.parse('2026-05-04T20:00:00Z') + i * 7 * 60_000;
    const queued = outcome === 'abandoned_in_menu' || outcome === 'blocked' ? null : offered + 15_000;
    const wait =
      queued === null
        ? null
        : outcome === 'abandoned_in_queue'
          ? i % 2 === 0
            ? 3
            : 40
          : 5 + ((i * 13) % 90);
    const talk = outcome === 'answered' ? 100 + ((i * 31) % 400) : 0;
    const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
    return {
      tenant: TENANT,
      call_id: `C${i}`,
      line: '14+',
      queue_id: queued === null ? null : i % 4 === 0 ? 'belastingen' : 'kcc',
      caller_key: null,
      offered_at: iso(offered)!,
      queued_at: iso(queued),
      answered_at: outcome === 'answered' ? iso(queued! + wait! * 1000) : null,
      ended_at: iso(offered + 900_000)!,
      outcome,
      wait_seconds: wait,
      talk_seconds: talk,
      hold_seconds: 0,
      after_call_work_seconds: outcome === 'answered' ? 30 : 0,
      handling_seconds: outcome === 'answered' ? talk + 30 : 0,
      transfers: 0,
      resolved: null,
    } satisfies CallFact;
  });
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

function reference(all: CallFact[]) {
  const groups = new Map<string, CallFact[]>();
  for (const f of all) {
    const key = `${local(f.offered_at)}|${f.queue_id ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups]
    .map(([key, list]) => {
      const [day, queue_id] = key.split('|');
      const answered = list.filter((f) => f.outcome === 'answered');
      const waits = answered.map((f) => f.wait_seconds ?? 0);
      return {
        day,
        queue_id,
        offered: list.length,
        queued: list.filter((f) => f.queued_at !== null).length,
        answered: answered.length,
        abandoned_in_queue: list.filter((f) => f.outcome === 'abandoned_in_queue').length,
        abandoned_short: list.filter((f) => f.outcome === 'abandoned_in_queue' && (f.wait_seconds ?? 0) < 5)
          .length,
        abandoned_in_menu: list.filter((f) => f.outcome === 'abandoned_in_menu').length,
        blocked: list.filter((f) => f.outcome === 'blocked').length,
        answer_wait_sum: waits.reduce((a, b) => a + b, 0),
        answer_wait_p50: percentile(waits, 0.5),
        answer_wait_p90: percentile(waits, 0.9),
        handling_sum: answered.reduce((a, f) => a + f.handling_seconds, 0),
        handling_p90: percentile(
          answered.map((f) => f.handling_seconds),
          0.9,
        ),
      };
    })
    .sort((a, b) => `${a.day}${a.queue_id}`.localeCompare(`${b.day}${b.queue_id}`));
}

async function rollup(db: Db) {
  const rows = await db.query<Record<string, string | number>>(sql`
    SELECT toString(day) AS day, queue_id, offered, queued, answered, abandoned_in_queue, abandoned_short,
      abandoned_in_menu, blocked, answer_wait_sum, answer_wait_p50, answer_wait_p90, handling_sum, handling_p90
    FROM calls_per_day_v1 FINAL WHERE tenant = ${TENANT}`);
  return rows
    .map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k, ['day', 'queue_id'].includes(k) ? v : Number(v)]),
      ),
    )
    .sort((a, b) => `${a.day}${a.queue_id}`.localeCompare(`${b.day}${b.queue_id}`));
}

describe('daily call rollup from facts', () => {
  const db = useTestDatabase('calldaily');

  it('equals a plain calculation per Amsterdam day, and stays equal after a redelivery', async () => {
    const all = facts();
    const instants = all.map((f) => f.offered_at);
    await insertCallFacts(db(), all);
    await recomputeCallDailyRollup(db(), TENANT, instants, new Date());
    const first = await rollup(db());
    expect(first).toEqual(reference(all));
    expect(new Set(first.map((r) => r.day))).toEqual(new Set(['2026-05-04', '2026-05-05']));

    await insertCallFacts(db(), all, new Date(Date.now() + 1000));
    await recomputeCallDailyRollup(db(), TENANT, instants, new Date());
    await recomputeCallDailyRollup(db(), TENANT, instants, new Date());
    expect(await rollup(db())).toEqual(first);
  });
});
