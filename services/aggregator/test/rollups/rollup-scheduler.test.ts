import type { Db } from '@stuurwiel/clickhouse';
import { describe, expect, it, vi } from 'vitest';
import type { CallbackFact, CaseFact, VisitFact } from '../../src/facts/types.js';
import { recomputeCallbackRollups } from '../../src/rollups/callbacks.js';
import { recomputeCaseRollups } from '../../src/rollups/cases.js';
import { createRollupScheduler } from '../../src/rollups/rollup-scheduler.js';
import { recomputeVisitDailyRollup, recomputeVisitHourlyRollup } from '../../src/rollups/visits.js';

vi.mock('../../src/rollups/cases.js', async (original) => ({
  ...(await original<typeof import('../../src/rollups/cases.js')>()),
  recomputeCaseRollups: vi.fn(async () => {}),
}));
vi.mock('../../src/rollups/case-lead-times.js', () => ({
  recomputeCaseLeadTimeRollups: vi.fn(async () => {}),
}));
vi.mock('../../src/rollups/callbacks.js', async (original) => ({
  ...(await original<typeof import('../../src/rollups/callbacks.js')>()),
  recomputeCallbackRollups: vi.fn(async () => {}),
}));
vi.mock('../../src/rollups/visits.js', async (original) => ({
  ...(await original<typeof import('../../src/rollups/visits.js')>()),
  recomputeVisitHourlyRollup: vi.fn(async () => {}),
  recomputeVisitDailyRollup: vi.fn(async () => {}),
  recomputeVisitProductRollup: vi.fn(async () => {}),
}));
vi.mock('../../src/rollups/wait-histograms.js', () => ({
  recomputeVisitWaitsPerHour: vi.fn(async () => {}),
  recomputeVisitWaitsPerDay: vi.fn(async () => {}),
  recomputeCallWaitsPerHour: vi.fn(async () => {}),
  recomputeCallWaitsPerDay: vi.fn(async () => {}),
}));

const closedOn = (end_date: string) =>
  ({ tenant: 'GM0363', case_id: 'Z1', status: 'closed', end_date }) as unknown as CaseFact;
const facts = (cases: CaseFact[]) => ({ visits: [], calls: [], cases, written: [], surveys: [] });
const arrivedAt = (arrived_at: string) => ({ tenant: 'GM0363', arrived_at }) as unknown as VisitFact;
const visits = (list: VisitFact[]) => ({ visits: list, calls: [], cases: [], written: [], surveys: [] });
const requested = (requested_at: string) =>
  ({ tenant: 'GM0363', callback_id: 'B1', requested_at, completed_at: null }) as unknown as CallbackFact;

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

  it('recomputes the hour tables every round and the day tables no more often than the day interval', async () => {
    vi.useFakeTimers();
    try {
      const hourly = vi.mocked(recomputeVisitHourlyRollup);
      const daily = vi.mocked(recomputeVisitDailyRollup);
      hourly.mockClear();
      daily.mockClear();
      const scheduler = createRollupScheduler(fakeDb, {
        intervalMs: 1000,
        dayIntervalMs: 60_000,
        onError: (e) => {
          throw e;
        },
      });
      scheduler.start();
      scheduler.mark(visits([arrivedAt('2026-04-28T08:10:00.000Z')]));
      await vi.advanceTimersByTimeAsync(1);
      expect([hourly.mock.calls.length, daily.mock.calls.length]).toEqual([1, 1]);
      // Ten more seconds of facts: ten hour rounds, the day tables wait for their interval.
      for (let s = 0; s < 10; s++) {
        scheduler.mark(visits([arrivedAt('2026-04-28T08:20:00.000Z')]));
        await vi.advanceTimersByTimeAsync(1_000);
      }
      expect(hourly.mock.calls.length).toBeGreaterThanOrEqual(10);
      expect(daily.mock.calls.length).toBe(1);
      await vi.advanceTimersByTimeAsync(50_000);
      expect(daily.mock.calls.length).toBe(2);
      // idle() (and stop()) bring the day tables up to date at once.
      scheduler.mark(visits([arrivedAt('2026-04-28T08:30:00.000Z')]));
      await scheduler.idle();
      expect(daily.mock.calls.length).toBe(3);
      await scheduler.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('recomputes the day a rebooked callback was counted on before', async () => {
    const recompute = vi.mocked(recomputeCallbackRollups);
    recompute.mockClear();
    const scheduler = createRollupScheduler(fakeDb, {
      intervalMs: 1000,
      onError: (e) => {
        throw e;
      },
    });
    scheduler.mark({ ...facts([]), callbacks: [requested('2026-04-27T09:00:00.000Z')] });
    await scheduler.idle();
    scheduler.mark({ ...facts([]), callbacks: [requested('2026-04-29T09:00:00.000Z')] });
    await scheduler.idle();
    expect(recompute.mock.calls.map((c) => [...c[2]].sort())).toEqual([
      ['2026-04-27'],
      ['2026-04-27', '2026-04-29'],
    ]);
  });
});
