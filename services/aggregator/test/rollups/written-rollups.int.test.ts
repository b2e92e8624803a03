import { type Db, sql } from '@stuurwiel/clickhouse';
import { useTestDatabase } from '@stuurwiel/infra/testing';
import { describe, expect, it } from 'vitest';
import { insertWrittenFacts } from '../../src/facts/store.js';
import type { WrittenFact } from '../../src/facts/types.js';
import { recomputeWrittenRollups, writtenRollupDays } from '../../src/rollups/written.js';

const TENANT = 'GM0599';
const HOUR = 3_600_000;

const local = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date(iso));

// Contacts received over two days (some late in the evening, after 22:00 UTC, which is the next
// Amsterdam day), acknowledged and answered on later days; some still open.
function facts(): WrittenFact[] {
  return Array.from({ length: 30 }, (_, i) => {
    const received = Date.parse('2026-04-23T07:00:00Z') + i * 3 * HOUR;
    const acked = i % 4 === 3 ? null : received + (2 + (i % 3) * 20) * HOUR;
    const answered = i % 5 === 4 ? null : received + (20 + (i % 4) * 24) * HOUR;
    const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
    return {
      tenant: TENANT,
      contact_id: `M${i}`,
      channel: i % 3 === 0 ? 'post' : 'email',
      team_id: i % 2 === 0 ? 'kcc' : null,
      category: null,
      received_at: iso(received)!,
      acknowledged_at: iso(acked),
      answered_at: iso(answered),
      acknowledge_working_days: acked === null ? null : i % 3,
      answer_working_days: answered === null ? null : 1 + (i % 4),
      status: answered === null ? 'open' : 'answered',
      version: 3,
    } satisfies WrittenFact;
  });
}

function reference(all: WrittenFact[]) {
  const rows = new Map<string, number[]>();
  const add = (at: string, f: WrittenFact, measures: number[]) => {
    const key = [local(at), f.channel, f.team_id ?? ''].join('|');
    const row = rows.get(key) ?? [0, 0, 0, 0, 0];
    rows.set(
      key,
      row.map((v, i) => v + measures[i]!),
    );
  };
  for (const f of all) {
    add(f.received_at, f, [1, 0, 0, 0, 0]);
    if (f.acknowledged_at) add(f.acknowledged_at, f, [0, 1, f.acknowledge_working_days!, 0, 0]);
    if (f.answered_at) add(f.answered_at, f, [0, 0, 0, 1, f.answer_working_days!]);
  }
  return [...rows]
    .map(([key, [received, acknowledged, ackSum, answered, answerSum]]) => {
      const [day, channel, team_id] = key.split('|');
      return {
        day,
        channel,
        team_id,
        received,
        acknowledged,
        acknowledge_working_days_sum: ackSum,
        answered,
        answer_working_days_sum: answerSum,
      };
    })
    .sort((a, b) => `${a.day}${a.channel}${a.team_id}`.localeCompare(`${b.day}${b.channel}${b.team_id}`));
}

async function rollup(db: Db) {
  const rows = await db.query<Record<string, string | number>>(sql`
    SELECT toString(day) AS day, toString(channel) AS channel, team_id, received, acknowledged,
      acknowledge_working_days_sum, answered, answer_working_days_sum
    FROM written_per_day_v1 FINAL WHERE tenant = ${TENANT}`);
  return rows
    .map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k, ['day', 'channel', 'team_id'].includes(k) ? v : Number(v)]),
      ),
    )
    .sort((a, b) => `${a.day}${a.channel}${a.team_id}`.localeCompare(`${b.day}${b.channel}${b.team_id}`));
}

describe('written rollups from facts', () => {
  const db = useTestDatabase('writtenrollups');

  it('count each measure on its own Amsterdam day, and stay equal after a redelivery', async () => {
    const all = facts();
    // Open versions first, as the store emits them, then the final ones.
    await insertWrittenFacts(
      db(),
      all.map((f) => ({ ...f, answered_at: null, answer_working_days: null, status: 'open', version: 1 })),
    );
    await insertWrittenFacts(db(), all);
    const days = writtenRollupDays(all);
    await recomputeWrittenRollups(db(), TENANT, days, new Date());
    const first = await rollup(db());
    expect(first).toEqual(reference(all));
    expect(first.reduce((a, r) => a + Number(r.received), 0)).toBe(30);
    expect(first.reduce((a, r) => a + Number(r.answered), 0)).toBe(24);

    await insertWrittenFacts(db(), all);
    await recomputeWrittenRollups(db(), TENANT, days, new Date());
    await recomputeWrittenRollups(db(), TENANT, days, new Date());
    expect(await rollup(db())).toEqual(first);
  });
});
