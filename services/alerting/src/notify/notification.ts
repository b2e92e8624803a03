import { createHash } from 'node:crypto';
import type { AlertMessage } from '@stuurwiel/schemas';
import type { Labels, Notification } from '../model.js';
import type { NotificationLogEntry } from './notification-log.js';
import { occurrenceKey } from './notification-log.js';

/**
 * A notification with a deterministic id: the group, receiver, reason, each alert's occurrence,
 * state and severity, and the notification it follows (the last log entry). The same
 * notification built again after a crash carries the same id, so a receiver can drop it; a
 * deliberate repeat follows another entry and so gets a new one.
 */
export function buildNotification(input: {
  tenant: string;
  groupKey: string;
  groupLabels: Labels;
  receiver: string;
  reason: Notification['reason'];
  alerts: readonly AlertMessage[];
  previous: NotificationLogEntry | undefined;
  now: Date;
}): Notification {
  const alerts = [...input.alerts].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint));
  const identity = JSON.stringify([
    input.groupKey,
    input.receiver,
    input.reason,
    alerts.map((a) => [occurrenceKey(a), a.state, a.severity]),
    input.previous?.notification_id ?? null,
  ]);
  return {
    notification_id: createHash('sha256').update(identity).digest('hex').slice(0, 32),
    tenant: input.tenant,
    group_key: input.groupKey,
    group_labels: input.groupLabels,
    receiver: input.receiver,
    reason: input.reason,
    alerts,
    created_at: input.now.toISOString(),
  };
}
