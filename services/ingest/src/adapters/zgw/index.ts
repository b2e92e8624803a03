export {
  createZgwClient,
  isBelowRoot,
  type ResultaatDocument,
  type ResultaattypeDocument,
  resultaatDocument,
  resultaattypeDocument,
  type StatusDocument,
  type StatustypeDocument,
  statusDocument,
  statustypeDocument,
  type ZaakDocument,
  type ZaaktypeDocument,
  type ZgwApi,
  type ZgwClient,
  type ZgwClientOptions,
  ZgwError,
  type ZgwErrorKind,
  zaakDocument,
  zaaktypeDocument,
} from './client.js';
export { createZgwClientFromConfig, type UrlRules, ZgwTenantConfig, zgwTenantConfig } from './config.js';
export { type DurationResult, durationToDays, type ExtensionResult, extensionDuration } from './duration.js';
export {
  CLOUD_EVENT_PREFIX,
  CLOUD_EVENT_TYPES,
  type CloudEventAction,
  type CloudEventType,
  isCloudEvent,
  NOTIFICATION_ACTIONS,
  ZAKEN_RESOURCES,
  type ZgwCloudEvent,
  type ZgwNotification,
  zgwCloudEvent,
  zgwNotification,
  zgwNotificationBody,
} from './notification.js';
export { DEFAULT_ZGW_VENDOR, translateZgwNotifications, type ZgwAdapterContext } from './translate.js';
