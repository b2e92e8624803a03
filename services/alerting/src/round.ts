import type { Clock, ServiceApp } from '@stuurwiel/runtime';
import type { Config } from './config.js';
import type { AlertingMetrics } from './metrics.js';
import type { World } from './world/world.js';

export interface RoundDependencies {
  app: ServiceApp;
  world: World;
  config: Config;
  metrics: AlertingMetrics;
  clock: Clock;
}

/** Builds one evaluation round: rules → lifecycle → alerts.v1 and history → dispatch → notify. */
export async function createRound(_deps: RoundDependencies): Promise<(now: Date) => Promise<void>> {
  // The stages (rules, lifecycle, dispatch, notify, receivers) are wired here as they land.
  return async () => {};
}
