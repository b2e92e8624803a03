import type { AlertMessage } from '@stuurwiel/schemas';
import type { Notification } from '../model.js';
import { buildNotification } from './notification.js';
import type { NotificationLog, NotificationLogEntry } from './notification-log.js';
import { firingKey, occurrenceKey, occurrenceOfFiringKey } from './notification-log.js';
import type { Stage } from './stage.js';
import { stop } from './stage.js';

/**
 * Why the group must be sent now, compared with what the receiver last got (Alertmanager's
 * DedupStage.needsUpdate): a firing alert it has not heard of (or at another severity), an alert
 * it knew firing that resolved, or — when every firing alert is the same — the repeat interval
 * has passed and an unacknowledged alert still fires. Undefined: nothing to send.
 */
export function changeReason(input: {
  entry: NotificationLogEntry | undefined;
  alerts: readonly AlertMessage[];
  acknowledged: ReadonlySet<string>;
  now: Date;
  repeatSeconds: number;
}): Exclude<Notification['reason'], 'escalation'> | undefined {
  const { entry, alerts } = input;
  const firing = alerts.filter((a) => a.state === 'firing');
  if (entry === undefined) return firing.length > 0 ? 'firing' : undefined;
  const sentFiring = new Set(entry.firing);
  if (firing.some((a) => !sentFiring.has(firingKey(a)))) return 'firing';
  const sentResolved = new Set(entry.resolved);
  if (knownResolved(entry, alerts).some((a) => !sentResolved.has(occurrenceKey(a)))) return 'resolved';
  const repeatDue = input.now.getTime() - Date.parse(entry.sent_at) >= input.repeatSeconds * 1000;
  if (repeatDue && firing.some((a) => !input.acknowledged.has(a.fingerprint))) return 'repeat';
  return undefined;
}

/** Resolved alerts the receiver was told were firing; of others it needs no resolve notice. */
function knownResolved(
  entry: NotificationLogEntry | undefined,
  alerts: readonly AlertMessage[],
): AlertMessage[] {
  const known = new Set(entry?.firing.map(occurrenceOfFiringKey) ?? []);
  return alerts.filter((a) => a.state === 'resolved' && known.has(occurrenceKey(a)));
}

/** Builds the notification when something changed or a repeat is due; ends the flush otherwise. */
export function dedupStage(log: NotificationLog): Stage {
  return {
    name: 'dedup',
    async exec(ctx, alerts) {
      const entry = log.get(ctx.groupKey, ctx.receiver);
      const reason = ctx.escalation
        ? 'escalation'
        : changeReason({
            entry,
            alerts,
            acknowledged: ctx.acknowledged,
            now: ctx.now,
            repeatSeconds: ctx.route.repeat_interval,
          });
      if (reason === undefined) return stop(ctx, 'unchanged');
      const sendable = [...alerts.filter((a) => a.state === 'firing'), ...knownResolved(entry, alerts)];
      const notification = buildNotification({
        tenant: ctx.tenant,
        groupKey: ctx.groupKey,
        groupLabels: ctx.groupLabels,
        receiver: ctx.receiver,
        reason,
        alerts: sendable,
        previous: entry,
        now: ctx.now,
      });
      return { ctx: { ...ctx, notification }, alerts: sendable };
    },
  };
}
