import { describe, expect, it } from 'vitest';
import { AggregationGroup } from '../../src/dispatch/aggregation-group.js';
import { parseRoutes } from '../../src/dispatch/routes.js';
import type { Flush } from '../../src/notify/notifier.js';
import type { Outcome } from '../../src/notify/stage.js';
import { alertFixture } from '../fixtures/alerts.js';
import { fakeScheduler } from '../fixtures/fake-scheduler.js';

function setup(route: Record<string, unknown> = {}) {
  const time = fakeScheduler('2026-03-02T09:05:00.000Z');
  const flushes: Flush[] = [];
  const errors: unknown[] = [];
  let outcome: Outcome | Error = 'sent';
  let empty = 0;
  const group = new AggregationGroup({
    tenant: 'GM0363',
    key: 'gm0363:{tenant="GM0363"}',
    labels: { tenant: 'GM0363' },
    route: parseRoutes({ routes: [{ name: 'gm0363', tenant: 'GM0363', receivers: ['hook'], ...route }] })
      .routes[0]!,
    clock: time.clock,
    scheduler: time.scheduler,
    signal: new AbortController().signal,
    onError: (error) => errors.push(error),
    onEmpty: () => empty++,
    notify: async (flush) => {
      flushes.push(flush);
      if (outcome instanceof Error) throw outcome;
      return [{ receiver: 'hook', escalation: false, outcome }];
    },
  });
  const times = () => flushes.map((f) => [f.now.toISOString().slice(11, 19), f.escalationOnly]);
  return {
    time,
    group,
    flushes,
    errors,
    times,
    empty: () => empty,
    fail: (o: Outcome | Error) => (outcome = o),
  };
}

describe('aggregation group', () => {
  it('flushes after group_wait, then every group_interval', async () => {
    const { time, group, times } = setup();
    group.insert(alertFixture());
    await time.advance(11 * 60_000);
    expect(times()).toEqual([
      ['09:05:30', false],
      ['09:10:30', false],
      ['09:15:30', false],
    ]);
  });

  it('does not wait again for an alert that fired long before (a restart)', async () => {
    const { time, group, times } = setup();
    group.insert(alertFixture({ fired_at: '2026-03-02T09:04:50.000Z' }));
    await time.advance(20_000);
    expect(times()).toEqual([['09:05:20', false]]);
  });

  it('flushes the escalation branch alone when an escalation falls due between two intervals', async () => {
    const { time, group, times } = setup({ escalation_receivers: ['lead'], escalate_after: '7m' });
    group.insert(alertFixture());
    await time.advance(7 * 60_000);
    expect(times()).toEqual([
      ['09:05:30', false],
      ['09:10:30', false],
      ['09:12:00', true],
    ]);
  });

  it('keeps a resolved alert until a flush delivered it, then is empty', async () => {
    const { time, group, flushes, fail, empty } = setup();
    group.insert(alertFixture({ state: 'resolved', resolved_at: '2026-03-02T09:05:00.000Z' }));
    fail('dead_letter');
    await time.advance(30_000);
    expect(group.alerts).toHaveLength(1);
    fail('sent');
    await time.advance(5 * 60_000);
    expect(group.alerts).toEqual([]);
    expect(empty()).toBe(1);
    await time.advance(60 * 60_000);
    expect(flushes).toHaveLength(2);
  });

  it('reports a failed flush and tries again at the next interval', async () => {
    const { time, group, errors, fail, times } = setup();
    group.insert(alertFixture());
    fail(new Error('history down'));
    await time.advance(30_000);
    expect(errors).toEqual([new Error('history down')]);
    fail('sent');
    await time.advance(5 * 60_000);
    expect(times()).toEqual([
      ['09:05:30', false],
      ['09:10:30', false],
    ]);
  });
});
