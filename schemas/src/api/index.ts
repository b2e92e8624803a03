// The gateway's API as its clients (the web pages, tools) read it.
export * from './alerts.js';
export * from './history.js';
export * from './live.js';
export * from './principal.js';
export * from './push.js';
export * from './settings.js';
