import { sharedPlugin } from '@stuurwiel/runtime';
import { TOPICS } from '@stuurwiel/schemas';
import type { Config } from '../config.js';
import { decodeConfig, decodeDeadline, decodeReference, decodeSnapshot } from '../inputs/decode.js';
import { createInputReader, type InputReader } from '../inputs/reader.js';
import type { AlertingMetrics } from '../metrics.js';
import type { World } from '../world/world.js';

declare module 'fastify' {
  interface FastifyInstance {
    inputs: InputReader;
  }
}

export interface InputsPluginOptions {
  config: Config;
  world: World;
  metrics: AlertingMetrics;
  onFatal: (error: unknown) => void;
}

/**
 * Reads kpi.v1, deadlines.v1, events.reference.v1 and alerting.config.v1 into the world; ready
 * once caught up on each. Needs the kafka plugin.
 */
export const inputsPlugin = sharedPlugin<InputsPluginOptions>('alerting-inputs', async (app, options) => {
  const prefix = options.config.KAFKA_TOPIC_PREFIX;
  const reader = createInputReader({
    kafka: app.kafka,
    target: options.world,
    groupPrefix: options.config.ALERTING_GROUP_PREFIX,
    topics: [
      { name: 'kpi', topic: `${prefix}${TOPICS.kpi}`, decode: decodeSnapshot },
      { name: 'deadlines', topic: `${prefix}${TOPICS.deadlines}`, decode: decodeDeadline },
      { name: 'reference', topic: `${prefix}${TOPICS.reference}`, decode: decodeReference },
      { name: 'config', topic: `${prefix}${TOPICS.alertingConfig}`, decode: decodeConfig },
    ],
    onInvalid: (input, message, reason) => {
      options.metrics.inputInvalid.inc({ input });
      app.log.warn(
        {
          input,
          topic: message.topic,
          partition: message.partition,
          offset: message.offset,
          key: message.key,
          reason,
        },
        'input message refused; nothing of it applied',
      );
    },
    onApplied: (input, n) => options.metrics.inputApplied.inc({ input }, n),
    onFatal: options.onFatal,
  });
  app.decorate('inputs', reader);
  app.addReadinessCheck('inputs', async () => {
    const behind = reader.behind();
    if (behind.length > 0) throw new Error(`catching up on ${behind.join(', ')}`);
  });
  app.addHook('preClose', () => reader.stop());
  await reader.start();
});
