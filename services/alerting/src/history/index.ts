export {
  type AlertHistoryOptions,
  type ClickHouseAlertHistory,
  clickHouseAlertHistory,
} from './alert-history.js';
export {
  ALERT_HISTORY_TABLE,
  type AlertChange,
  alertHistory,
  changeKey,
  insertAlertStates,
  type ListedAlert,
  latestAlertStates,
  listAlerts,
} from './alert-states.js';
export { type Batcher, batcher } from './batcher.js';
export {
  insertNotificationAttempts,
  NOTIFICATIONS_TABLE,
  type NotificationAttempt,
  type NotificationAttemptRow,
  type NotificationLogEntry,
  type NotifiedAlert,
  notificationAttempts,
  notificationLog,
  notifiedAlert,
} from './notification-attempts.js';
