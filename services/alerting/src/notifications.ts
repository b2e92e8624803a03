import type { Db } from '@stuurwiel/clickhouse';
import type { Clock } from '@stuurwiel/runtime';
import type { AlertMessage } from '@stuurwiel/schemas';
import type { Config } from './config.js';
import { Dispatcher } from './dispatch/dispatcher.js';
import { loadRoutes } from './dispatch/routes.js';
import type { Scheduler } from './dispatch/scheduler.js';
import { notificationLog as storedNotificationLog } from './history/index.js';
import type { AlertStatus } from './lifecycle/alert-book.js';
import type { AlertHistory, TenantView } from './model.js';
import { alertStatus } from './notify/alert-status.js';
import {
  firingKey,
  NotificationLog,
  type NotificationLogEntry,
  occurrenceKey,
} from './notify/notification-log.js';
import { createNotifier, standardPipeline } from './notify/notifier.js';
import { loadReceiversFile } from './receivers/config.js';
import { createReceivers } from './receivers/index.js';

/**
 * Timers in service-clock time: on the demo clock a group_wait of 30 s passes in 30 ÷ speed wall
 * seconds, as every other duration of the run does.
 */
export function scaledScheduler(speed: number): Scheduler {
  return {
    after(ms, fn) {
      const timer = setTimeout(fn, ms / speed);
      timer.unref();
      return () => clearTimeout(timer);
    },
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer = setTimeout(resolve, ms / speed);
        signal?.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            reject(signal.reason);
          },
          { once: true },
        );
      }),
  };
}

/** A log entry restored from the history, which keeps each notified alert's occurrence and severity. */
function restoredEntry(row: Awaited<ReturnType<typeof storedNotificationLog>>[number]): NotificationLogEntry {
  return {
    group_key: row.group_key,
    receiver: row.receiver,
    notification_id: row.notification_id,
    reason: row.reason,
    firing: row.alerts
      .filter((a) => a.state === 'firing')
      .map(firingKey)
      .sort(),
    resolved: row.alerts
      .filter((a) => a.state === 'resolved')
      .map(occurrenceKey)
      .sort(),
    sent_at: row.sent_at,
  };
}

export interface Notifications {
  /** Alerts that changed (or were restored): into their groups, which notify on their timers. */
  insert(alerts: Iterable<AlertMessage>): void;
  /** What the notify side says about an alert now (published with it): acknowledgement, silences, mutes, escalation. */
  status(view: TenantView, now: Date): (alert: AlertMessage) => AlertStatus;
  stop(): void;
}

/**
 * Dispatch and notify as the routes and receivers files say, with the notification log restored
 * from the history so that nothing sent before a restart is sent again. Without a routes file,
 * nothing is notified (the alerts are still published and stored).
 */
export async function createNotifications(options: {
  config: Config;
  db: Db;
  history: AlertHistory;
  clock: Clock;
  viewOf: (tenant: string) => TenantView;
  /** Where receivers read their secrets and the SMTP URL. */
  env: Readonly<Record<string, string | undefined>>;
  onUnrouted: (alert: AlertMessage) => void;
  onError: (error: unknown, groupKey: string) => void;
}): Promise<Notifications> {
  const { config } = options;
  if (config.ALERTING_ROUTES_FILE === undefined) {
    const log = new NotificationLog();
    const routes = { routes: [] };
    return {
      insert: () => {},
      status: (view, now) => alertStatus({ view, log, routes, now }),
      stop: () => {},
    };
  }
  const receiverConfigs =
    config.ALERTING_RECEIVERS_FILE === undefined
      ? []
      : (await loadReceiversFile(config.ALERTING_RECEIVERS_FILE)).receivers;
  const receivers = createReceivers(receiverConfigs, { env: options.env });
  const routes = await loadRoutes(config.ALERTING_ROUTES_FILE, new Set(receivers.keys()));

  const tenants = [...new Set(routes.routes.map((r) => r.tenant))];
  const rows = tenants.length === 0 ? [] : await storedNotificationLog(options.db, { tenants });
  const log = new NotificationLog(rows.map(restoredEntry));
  const scheduler = scaledScheduler(config.STUURWIEL_CLOCK_SPEED);
  const dispatcher = new Dispatcher({
    routes,
    clock: options.clock,
    scheduler,
    notify: createNotifier({
      stage: standardPipeline({
        log,
        receiver: (name) => receivers.get(name),
        history: options.history,
        clock: options.clock,
        sleep: (ms, signal) => scheduler.sleep(ms, signal),
        maxAttempts: config.ALERTING_RETRY_MAX_ATTEMPTS,
        initialDelayMs: config.ALERTING_RETRY_INITIAL_DELAY_MS,
        maxDelayMs: config.ALERTING_RETRY_MAX_DELAY_MS,
      }),
      viewOf: options.viewOf,
    }),
    onUnrouted: options.onUnrouted,
    onError: options.onError,
  });
  return {
    insert: (alerts) => dispatcher.insert(alerts),
    status: (view, now) => alertStatus({ view, log, routes, now }),
    stop: () => dispatcher.stop(),
  };
}
