import { type Clock, sharedPlugin } from '@stuurwiel/runtime';
import { createEvaluationLoop } from '../evaluation-loop.js';
import type { AlertingMetrics } from '../metrics.js';
import type { Round } from '../round.js';

export interface EvaluationPluginOptions {
  intervalMs: number;
  clock: Clock;
  metrics: AlertingMetrics;
  /** One round at `now`; built once every other resource is ready. */
  round: () => Promise<Round>;
}

/**
 * The evaluation loop. It starts once the inputs have caught up: a round on a half-read world
 * would resolve alerts whose figures simply were not read yet. Stops first when the app closes.
 */
export const evaluationPlugin = sharedPlugin<EvaluationPluginOptions>(
  'alerting-evaluation',
  async (app, options) => {
    const round = await options.round();
    const loop = createEvaluationLoop({
      intervalMs: options.intervalMs,
      clock: options.clock,
      tick: async (now) => {
        if (app.inputs.behind().length > 0) return;
        await round.run(now);
        options.metrics.rounds.inc({ result: 'ok' });
      },
      onError: (error) => {
        options.metrics.rounds.inc({ result: 'error' });
        app.log.error({ err: error }, 'evaluation round failed; the next one tries again');
      },
    });
    app.addHook('onReady', async () => loop.start());
    // preClose: before the producer and ClickHouse (onClose) go away under a round.
    app.addHook('preClose', async () => {
      await loop.stop();
      await round.close();
    });
  },
);
