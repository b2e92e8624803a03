import type { Db } from '@stuurwiel/clickhouse';
import { describe, expect, it, vi } from 'vitest';
import type { CaseFact } from '../../src/facts/types.js';
import { recomputeCaseRollups } from '../../src/rollups/cases.js';
import { createRollupScheduler } from '../../src/rollups/rollup-scheduler.js';

vi.mock('../../src/rollups/cases.js', async (original) => ({
  ...(await original<typeof import('../../src/rollups/cases.js')>()),
  recomputeCaseRollups: vi.fn(async () => {}),
}));

const closedOn = (end_date: string) =>
  ({ tenant: 'GM0363', case_id: 'Z1', status: 'closed', end_date }) as unknown as CaseFact;
const facts = (cases: CaseFact[]) => ({ visits: [], calls: [], cases, written: [], surveys: [] });

// The scheduler asks the server for each round's time; nothing else reaches this Db (the
// recomputations are mocked).
const fakeDb = {
  query: async () => [{ t: 1_777_000_000 }],
} as unknown as Db;

describe('rollup scheduler', () => {
  it('recomputes the day a case was counted on before, when a correction moves it', async () => {
    const scheduler = createRollupScheduler(fakeDb, {
      intervalMs: 1000,
      onError: (e) => {
        throw e;
      },
    });
    scheduler.mark(facts([closedOn('2026-04-27')]));
    await scheduler.idle();
    scheduler.mark(facts([closedOn('2026-04-29')]));
    scheduler.mark(facts([closedOn('2026-04-29')]));
    await scheduler.idle();
    expect(vi.mocked(recomputeCaseRollups).mock.calls.map((c) => [...c[2]].sort())).toEqual([
      ['2026-04-27'],
      ['2026-04-27', '2026-04-29'],
    ]);
  });

  it('starts a round as soon as facts are marked, then no sooner than the interval or twice a round', async () => {
    vi.useFakeTimers();
    try {
      const recompute = vi.mocked(recomputeCaseRollups);
      recompute.mockClear();
      recompute.mockImplementation(() => new Promise((resolve) => setTimeout(resolve, 800)));
      const scheduler = createRollupScheduler(fakeDb, {
        intervalMs: 1000,
        onError: (e) => {
          throw e;
        },
      });
      scheduler.start();
      scheduler.mark(facts([closedOn('2026-04-27')]));
      await vi.advanceTimersByTimeAsync(1);
      expect(recompute).toHaveBeenCalledTimes(1);
      // Marked while the first round (800 ms) runs: the next starts 1600 ms after the first did.
      scheduler.mark(facts([closedOn('2026-04-28')]));
      await vi.advanceTimersByTimeAsync(1_500);
      expect(recompute).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(200);
      expect(recompute).toHaveBeenCalledTimes(2);
      const stopped = scheduler.stop();
      await vi.advanceTimersByTimeAsync(1_000);
      await stopped;
    } finally {
      vi.useRealTimers();
    }
  });
});
