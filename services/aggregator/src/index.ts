export { buildApp } from './app.js';
export { type Config, configSchema, loadConfig } from './config.js';
