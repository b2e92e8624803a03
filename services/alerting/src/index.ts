export { buildApp } from './app.js';
export { type Config, configSchema, loadConfig } from './config.js';
export {
  type AlertChange,
  alertHistory,
  type ListedAlert,
  listAlerts,
  type NotificationAttemptRow,
  notificationAttempts,
} from './history/index.js';
export { epochIso, jsonText, type NamedQuery, namedQuery, rowLimit, runQuery } from './history/statement.js';
export {
  alertFingerprint,
  createRuleEvaluator,
  loadDefaultRules,
  type NormSource,
  parseDefaultRules,
  quietDomains,
  RULE_KINDS,
  type RuleEvaluator,
  type RuleValidation,
  SOURCE_DOMAIN,
  validateRule,
} from './rules/index.js';
