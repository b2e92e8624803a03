import type { AlertMessage } from '@stuurwiel/schemas';
import type { Notification } from '../model.js';

/**
 * What was last sent to a receiver about a group, as Alertmanager's nflog: the firing alerts (by
 * fingerprint, occurrence and severity) and the resolved ones (by fingerprint and occurrence).
 * The dedup stage compares a group with it to decide whether anything changed or a repeat is
 * due; restored after a restart, it keeps the service from sending anything twice.
 */
export interface NotificationLogEntry {
  group_key: string;
  receiver: string;
  notification_id: string;
  reason: Notification['reason'];
  firing: readonly string[];
  resolved: readonly string[];
  sent_at: string;
}

/** One occurrence of an alert: `fingerprint@occurrence`. */
export function occurrenceKey(alert: Pick<AlertMessage, 'fingerprint' | 'occurrence'>): string {
  return `${alert.fingerprint}@${alert.occurrence ?? 1}`;
}

/** A firing alert as the log remembers it: a severity change counts as news (warning → critical). */
export function firingKey(alert: Pick<AlertMessage, 'fingerprint' | 'occurrence' | 'severity'>): string {
  return `${occurrenceKey(alert)}/${alert.severity}`;
}

/** The occurrence a firing key names (its severity left off). */
export function occurrenceOfFiringKey(key: string): string {
  return key.slice(0, key.lastIndexOf('/'));
}

/** The log entry a sent notification leaves. */
export function entryFor(notification: Notification, sentAt: string): NotificationLogEntry {
  return {
    group_key: notification.group_key,
    receiver: notification.receiver,
    notification_id: notification.notification_id,
    reason: notification.reason,
    firing: notification.alerts
      .filter((a) => a.state === 'firing')
      .map(firingKey)
      .sort(),
    resolved: notification.alerts
      .filter((a) => a.state === 'resolved')
      .map(occurrenceKey)
      .sort(),
    sent_at: sentAt,
  };
}

export class NotificationLog {
  readonly #entries = new Map<string, NotificationLogEntry>();

  /** Restored from stored entries; the latest per group and receiver counts. */
  constructor(entries: Iterable<NotificationLogEntry> = []) {
    for (const entry of entries) this.record(entry);
  }

  /** Restored from the notifications the history says were sent. */
  static fromSent(sent: Iterable<{ notification: Notification; at: string }>): NotificationLog {
    return new NotificationLog([...sent].map(({ notification, at }) => entryFor(notification, at)));
  }

  get(groupKey: string, receiver: string): NotificationLogEntry | undefined {
    return this.#entries.get(key(groupKey, receiver));
  }

  /** Keeps the entry unless a later one for the same group and receiver is already known. */
  record(entry: NotificationLogEntry): void {
    const k = key(entry.group_key, entry.receiver);
    const known = this.#entries.get(k);
    if (known !== undefined && Date.parse(known.sent_at) > Date.parse(entry.sent_at)) return;
    this.#entries.set(k, entry);
  }

  /**
   * Forgets groups whose last notification left nothing firing and is older than `before`; a
   * group with firing alerts is kept however old, or its repeat would be taken for news.
   */
  prune(before: Date): void {
    for (const [k, entry] of this.#entries)
      if (entry.firing.length === 0 && Date.parse(entry.sent_at) < before.getTime()) this.#entries.delete(k);
  }

  entries(): NotificationLogEntry[] {
    return [...this.#entries.values()];
  }
}

function key(groupKey: string, receiver: string): string {
  return `${groupKey}\u0000${receiver}`;
}
