export { acceleratedClock, type Clock, clockEnv, clockFromEnv, manualClock, wallClock } from './clock.js';
export {
  CONFIG_DOCS_END,
  CONFIG_DOCS_START,
  type ConfigSection,
  DOCUMENTED_SERVICES,
  describeVariable,
  readConfigSection,
  renderConfigTable,
  type VariableDoc,
  writeConfigSection,
} from './config-docs.js';
export {
  ConfigError,
  type ConfigProblem,
  checkKafkaSecurity,
  clickhouseEnv,
  commaList,
  type Env,
  httpEnv,
  kafkaEnv,
  kafkaSecurityFromEnv,
  LOG_LEVELS,
  type LogLevel,
  logEnv,
  parseEnv,
} from './env.js';
export { type HealthOptions, healthPlugin, type ReadinessCheck } from './health.js';
export { type MetricsOptions, metricsPlugin } from './metrics.js';
export { sharedPlugin } from './plugin.js';
export {
  buildServiceApp,
  createShutdown,
  type RunningService,
  type RunServiceOptions,
  runService,
  type ServiceApp,
  type ServiceAppOptions,
  type ShutdownHook,
  type ShutdownOptions,
  startService,
} from './service.js';
