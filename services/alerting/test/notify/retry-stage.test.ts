import { describe, expect, it } from 'vitest';
import type { AlertHistory } from '../../src/model.js';
import { backoffMs, retryStage } from '../../src/notify/retry-stage.js';
import { alertFixture } from '../fixtures/alerts.js';
import { fakeScheduler } from '../fixtures/fake-scheduler.js';
import { notificationFor, notifyContext } from '../fixtures/notify-context.js';
import { recordingReceiver } from '../fixtures/notify-harness.js';

type Attempt = Parameters<AlertHistory['recordAttempt']>[0];

function setup(failures: number) {
  const time = fakeScheduler('2026-03-02T09:30:00.000Z');
  const hook = recordingReceiver('hook');
  hook.failFor(failures);
  const attempts: Attempt[] = [];
  const stage = retryStage({
    receiver: (name) => (name === 'hook' ? hook : undefined),
    history: { recordAttempt: async (a) => void attempts.push(a) },
    clock: time.clock,
    sleep: time.scheduler.sleep,
    random: () => 0,
    maxAttempts: 4,
  });
  const { ctx: base } = notifyContext();
  const notification = notificationFor(base);
  return { time, hook, attempts, stage, ctx: { ...base, notification } };
}

describe('retry stage', () => {
  it('doubles the delay up to its cap, jitter taking up to half of it', () => {
    expect([1, 2, 3, 7, 8].map((n) => backoffMs(n, () => 0))).toEqual([500, 1000, 2000, 30_000, 30_000]);
    expect(backoffMs(1, () => 0.999)).toBe(1000);
  });

  it('retries until the receiver takes the notification and says which attempt did', async () => {
    const { time, hook, attempts, stage, ctx } = setup(2);
    const running = stage.exec(ctx, [alertFixture()]);
    await time.advance(60_000);
    const result = await running;
    expect(result.ctx.attempt).toBe(3);
    expect(hook.received).toHaveLength(1);
    expect(attempts.map((a) => [a.outcome, a.attempt, a.at])).toEqual([
      ['failed', 1, '2026-03-02T09:30:00.000Z'],
      ['failed', 2, '2026-03-02T09:30:00.500Z'],
    ]);
  });

  it('records a dead letter after the last attempt and ends the flush', async () => {
    const { time, attempts, stage, ctx } = setup(10);
    const running = stage.exec(ctx, [alertFixture()]);
    await time.advance(60_000);
    const result = await running;
    expect(result.ctx.outcome).toBe('dead_letter');
    expect(attempts.map((a) => a.outcome)).toEqual(['failed', 'failed', 'failed', 'dead_letter']);
    expect(attempts.at(-1)).toMatchObject({
      attempt: 4,
      reason: 'hook answered 503',
      at: '2026-03-02T09:30:03.500Z',
    });
  });

  it('dead-letters a notification for a receiver that does not exist at once', async () => {
    const { attempts, stage, ctx } = setup(0);
    const result = await stage.exec({ ...ctx, receiver: 'nobody' }, [alertFixture()]);
    expect(result.ctx.outcome).toBe('dead_letter');
    expect(attempts).toMatchObject([
      { outcome: 'dead_letter', attempt: 1, reason: 'unknown receiver "nobody"' },
    ]);
  });
});
