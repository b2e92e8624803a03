import type { Db } from '@stuurwiel/clickhouse';
import type { AlertMessage } from '@stuurwiel/schemas';
import type { AlertHistory } from '../model.js';
import { insertAlertStates } from './alert-states.js';
import { batcher } from './batcher.js';
import { insertNotificationAttempts, type NotificationAttempt } from './notification-attempts.js';

export interface ClickHouseAlertHistory extends AlertHistory {
  /** Writes everything recorded so far. */
  flush(): Promise<void>;
  /** Flushes; records after this are refused. */
  close(): Promise<void>;
}

export interface AlertHistoryOptions {
  /** Rows per insert at the most (default 1000). */
  maxRows?: number;
  /** How long a record may wait for others to share its insert (default 1000 ms). */
  intervalMs?: number;
}

/**
 * The alert history in ClickHouse (alert_history_v1, alert_notifications_v1). Records are batched
 * per table; each call resolves once its rows are stored, so the lifecycle and the notify stages
 * can wait before they treat a change or an attempt as done.
 */
export function clickHouseAlertHistory(db: Db, options: AlertHistoryOptions = {}): ClickHouseAlertHistory {
  const limits = { maxItems: options.maxRows ?? 1000, intervalMs: options.intervalMs ?? 1000 };
  const states = batcher<AlertMessage>((rows) => insertAlertStates(db, rows), limits);
  const attempts = batcher<NotificationAttempt>((rows) => insertNotificationAttempts(db, rows), limits);
  return {
    recordStates: (alerts) => states.add(alerts),
    recordAttempt: (attempt) => attempts.add([attempt]),
    async flush() {
      await Promise.all([states.flush(), attempts.flush()]);
    },
    async close() {
      await Promise.all([states.close(), attempts.close()]);
    },
  };
}
