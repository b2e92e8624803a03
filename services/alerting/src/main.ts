#!/usr/bin/env node
import { runService, startService } from '@stuurwiel/runtime';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';

startService('alerting', async () => {
  const config = loadConfig();
  const alerting = buildApp(config);
  await alerting.start();
  await runService({ app: alerting.app, port: config.PORT, host: config.HOST });
});
