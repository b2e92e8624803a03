export { type Alerting, type AlertingOptions, buildApp } from './app.js';
export { type Config, configSchema, loadConfig } from './config.js';
export { createWorld, type DefaultRules, type World } from './world/world.js';
