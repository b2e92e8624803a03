export * from './client.js';
export * from './config.js';
export * from './dialect.js';
export * from './migrations.js';
export * from './queries/raw-events.js';
