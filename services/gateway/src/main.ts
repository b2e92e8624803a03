#!/usr/bin/env node
import { runService, startService } from '@stuurwiel/runtime';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';

startService('gateway', async () => {
  const config = loadConfig();
  const app = buildApp(config);
  await runService({ app, port: config.PORT, host: config.HOST });
});
