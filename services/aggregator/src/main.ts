#!/usr/bin/env node
import { runService, startService } from '@stuurwiel/runtime';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';

startService('aggregator', async () => {
  const config = loadConfig();
  const aggregator = buildApp(config);
  await aggregator.start();
  await runService({ app: aggregator.app, port: config.PORT, host: config.HOST });
});
