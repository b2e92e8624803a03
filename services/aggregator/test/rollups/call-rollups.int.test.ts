import { sql } from '@stuurwiel/clickhouse';
import { useTestDatabase } from '@stuurwiel/infra/testing';
import { describe, expect, it } from 'vitest';
import { insertCallFacts } from '../../src/facts/store.js';
import type { CallFact } from '../../src/facts/types.js';
import { recomputeCallRollups } from '../../src/rollups/calls.js';

const TENANT = 'GM0363';

function call(i: number, outcome: CallFact['outcome'], wait: number | null, talk = 0): CallFact {
  const offered = Date.parse('2026-05-04T08:00:00Z') + i * 60_000;
  const queued = outcome === 'abandoned_in_menu' || outcome === 'blocked' ? null : offered + 20_000;
  return {
    tenant: TENANT,
    call_id: `C${i}`,
    line: '14+',
    queue_id: queued === null ? null : 'kcc',
    caller_key: null,
    offered_at: new Date(offered).toISOString(),
    queued_at: queued === null ? null : new Date(queued).toISOString(),
    answered_at: outcome === 'answered' ? new Date(queued! + wait! * 1000).toISOString() : null,
    ended_at: new Date(offered + 600_000).toISOString(),
    outcome,
    wait_seconds: wait,
    talk_seconds: talk,
    hold_seconds: outcome === 'answered' ? 10 : 0,
    after_call_work_seconds: outcome === 'answered' ? 30 : 0,
    handling_seconds: outcome === 'answered' ? talk + 40 : 0,
    transfers: 0,
    resolved: null,
  };
}

describe('call rollups from facts', () => {
  const db = useTestDatabase('callrollups');

  it('count answered, abandoned (short apart), menu abandons and blocked calls once, also after a redelivery', async () => {
    const facts = [
      call(0, 'answered', 12, 200),
      call(1, 'answered', 45, 300),
      call(2, 'answered', 25, 100),
      call(3, 'abandoned_in_queue', 3),
      call(4, 'abandoned_in_queue', 70),
      call(5, 'abandoned_in_menu', null),
      call(6, 'blocked', null),
    ];
    for (const version of [new Date(), new Date(Date.now() + 1000)]) {
      await insertCallFacts(db(), facts, version);
      await recomputeCallRollups(
        db(),
        TENANT,
        facts.map((f) => f.offered_at),
        new Date(),
      );
    }
    const rows = await db().query<Record<string, string | number>>(sql`
      SELECT toString(hour) AS hour, queue_id, offered, queued, answered, abandoned_in_queue, abandoned_short,
        abandoned_in_menu, blocked, answer_wait_sum, answer_wait_p50, answer_wait_p90, handling_sum, handling_p90
      FROM calls_per_hour_v1 FINAL WHERE tenant = ${TENANT} ORDER BY queue_id`);
    expect(
      rows.map((r) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [k, k === 'hour' || k === 'queue_id' ? v : Number(v)]),
        ),
      ),
    ).toEqual([
      // Menu abandons and blocked calls never reached a queue.
      {
        hour: '2026-05-04 08:00:00',
        queue_id: '',
        offered: 2,
        queued: 0,
        answered: 0,
        abandoned_in_queue: 0,
        abandoned_short: 0,
        abandoned_in_menu: 1,
        blocked: 1,
        answer_wait_sum: 0,
        answer_wait_p50: 0,
        answer_wait_p90: 0,
        handling_sum: 0,
        handling_p90: 0,
      },
      // Answered waits 12, 25, 45: p50 = sorted[floor(1.5)] = 25, p90 = sorted[floor(2.7)] = 45.
      {
        hour: '2026-05-04 08:00:00',
        queue_id: 'kcc',
        offered: 5,
        queued: 5,
        answered: 3,
        abandoned_in_queue: 2,
        abandoned_short: 1,
        abandoned_in_menu: 0,
        blocked: 0,
        answer_wait_sum: 82,
        answer_wait_p50: 25,
        answer_wait_p90: 45,
        handling_sum: 720,
        handling_p90: 340,
      },
    ]);
  });
});
