import { manualClock } from '@stuurwiel/runtime';
import { describe, expect, it } from 'vitest';
import type { AlertHistory } from '../../src/model.js';
import { logStage } from '../../src/notify/log-stage.js';
import { NotificationLog } from '../../src/notify/notification-log.js';
import { notificationFor, notifyContext } from '../fixtures/notify-context.js';

describe('log stage', () => {
  it('records the sent notification in the history and the notification log', async () => {
    const attempts: Parameters<AlertHistory['recordAttempt']>[0][] = [];
    const log = new NotificationLog();
    const clock = manualClock('2026-03-02T09:30:01.000Z');
    const { ctx } = notifyContext();
    const notification = notificationFor(ctx);
    const stage = logStage({ log, clock, history: { recordAttempt: async (a) => void attempts.push(a) } });
    const result = await stage.exec({ ...ctx, notification, attempt: 2 }, notification.alerts);
    expect(result.ctx.outcome).toBe('sent');
    expect(attempts).toEqual([
      { notification, attempt: 2, outcome: 'sent', reason: null, at: '2026-03-02T09:30:01.000Z' },
    ]);
    expect(log.get(ctx.groupKey, 'hook')).toMatchObject({
      notification_id: notification.notification_id,
      firing: ['aaaaaaaaaaaaaaaa@1/warning'],
      sent_at: '2026-03-02T09:30:01.000Z',
    });
  });

  it('leaves the log as it was when the history cannot record, so the next flush sends again', async () => {
    const log = new NotificationLog();
    const { ctx } = notifyContext();
    const notification = notificationFor(ctx);
    const history = {
      recordAttempt: async () => {
        throw new Error('clickhouse unavailable');
      },
    };
    const stage = logStage({ log, clock: manualClock(ctx.now), history });
    await expect(stage.exec({ ...ctx, notification }, notification.alerts)).rejects.toThrow(
      'clickhouse unavailable',
    );
    expect(log.entries()).toEqual([]);
  });
});
