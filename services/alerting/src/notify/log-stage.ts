import type { Clock } from '@stuurwiel/runtime';
import type { AlertHistory } from '../model.js';
import type { NotificationLog } from './notification-log.js';
import { entryFor } from './notification-log.js';
import type { Stage } from './stage.js';
import { notificationOf } from './stage.js';

/**
 * Records a delivered notification: in the history first (it outlives the process and restores
 * the log), then in the notification log, which the next flush compares with.
 */
export function logStage(options: {
  log: NotificationLog;
  history: Pick<AlertHistory, 'recordAttempt'>;
  clock: Clock;
}): Stage {
  return {
    name: 'log',
    async exec(ctx, alerts) {
      const notification = notificationOf(ctx, 'log');
      const at = options.clock().toISOString();
      await options.history.recordAttempt({
        notification,
        attempt: ctx.attempt ?? 1,
        outcome: 'sent',
        reason: null,
        at,
      });
      options.log.record(entryFor(notification, at));
      return { ctx: { ...ctx, outcome: 'sent' }, alerts };
    },
  };
}
