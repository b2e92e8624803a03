#!/usr/bin/env node
import { clockFromEnv, runService, startService } from '@stuurwiel/runtime';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';

startService('aggregator', async () => {
  const config = loadConfig();
  // The demo runs every service on one accelerated clock (STUURWIEL_CLOCK_*); unset, the wall clock.
  const aggregator = buildApp(config, { clock: clockFromEnv(config) });
  await aggregator.start();
  await runService({
    app: aggregator.app,
    port: config.PORT,
    host: config.HOST,
    shutdownTimeoutMs: config.AGGREGATOR_SHUTDOWN_TIMEOUT_MS,
  });
});
