export { type Alerting, type AlertingOptions, buildApp } from './app.js';
export { type Config, configSchema, loadConfig } from './config.js';
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
export { createWorld, type DefaultRules, type World } from './world/world.js';
