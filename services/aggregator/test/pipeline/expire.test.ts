import type { Db } from '@stuurwiel/clickhouse';
import { describe, expect, it } from 'vitest';
import { createFactPipeline } from '../../src/pipeline/fact-pipeline.js';
import type { RollupScheduler } from '../../src/rollups/rollup-scheduler.js';
import { walkIn } from '../support/walk-in.js';

// An in-memory stand-in for ClickHouse: this unit test is about what expiry hands to storage.
function recordingDb() {
  const inserted: { table: string; rows: readonly Record<string, unknown>[] }[] = [];
  const db = {
    database: 'test',
    command: async () => {},
    query: async () => [],
    insert: async (table: string, rows: readonly Record<string, unknown>[]) => {
      if (rows.length > 0) inserted.push({ table, rows });
    },
    close: async () => {},
  } as unknown as Db;
  return { db, inserted };
}

const rollups: RollupScheduler = {
  mark: () => {},
  idle: async () => {},
  start: () => {},
  stop: async () => {},
};

describe('expiring what never completes', () => {
  it('drops a visitor whose finish never came, stores the fact of one served without a known call, keeps recent ones', async () => {
    const { db, inserted } = recordingDb();
    const pipeline = createFactPipeline(db, { rollups, flushIntervalMs: 1 });
    pipeline.apply([
      walkIn('lost').arrived('2026-04-27T08:00:00Z'),
      walkIn('uncalled').arrived('2026-04-27T08:10:00Z'),
      walkIn('uncalled').served('2026-04-27T08:30:00Z'),
      walkIn('recent').arrived('2026-04-28T09:00:00Z'),
    ]);
    const { facts, dropped } = pipeline.expire(
      new Date('2026-04-28T10:00:00Z'),
      24 * 3_600_000,
      30 * 86_400_000,
    );
    await pipeline.store(facts);
    expect(pipeline.visits.waiting('GM0363').map((v) => v.visit_id)).toEqual(['recent']);
    expect(dropped).toBe(1);
    expect(facts.visits.map((f) => [f.visit_id, f.outcome, f.called_at])).toEqual([
      ['uncalled', 'served', null],
    ]);
    expect(inserted.map((i) => [i.table, i.rows.map((r) => r.visit_id)])).toEqual([
      ['visit_facts_v1', ['uncalled']],
    ]);
  });

  it("measures each tenant's idleness against its own latest event, so an import of an old day waits", () => {
    const { db } = recordingDb();
    const pipeline = createFactPipeline(db, { rollups, flushIntervalMs: 1 });
    pipeline.apply([
      walkIn('live').arrived('2026-04-28T09:00:00Z'),
      walkIn('imported', 'GM0014').arrived('2025-01-06T09:00:00Z'),
    ]);
    const latest: Record<string, string> = { GM0363: '2026-04-28T10:00:00Z', GM0014: '2025-01-06T09:30:00Z' };
    const { dropped } = pipeline.expire((tenant) => latest[tenant], 24 * 3_600_000, 30 * 86_400_000);
    expect(dropped).toBe(0);
    expect(pipeline.visits.waiting('GM0014').map((v) => v.visit_id)).toEqual(['imported']);
  });
});
