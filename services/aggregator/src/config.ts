import { clickhouseEnv, httpEnv, kafkaEnv, logEnv, parseEnv } from '@stuurwiel/runtime';
import { z } from 'zod';

/** Environment of the aggregator service. The README's configuration table is generated from this. */
export const configSchema = z.object({
  ...httpEnv(8082).shape,
  ...logEnv.shape,
  ...kafkaEnv.shape,
  ...clickhouseEnv.shape,
  AGGREGATOR_GROUP_ID: z
    .string()
    .min(1)
    .default('stuurwiel-aggregator')
    .describe('Kafka consumer group of the aggregator replicas'),
  AGGREGATOR_MAX_IN_FLIGHT_BATCHES: z.coerce
    .number()
    .int()
    .positive()
    .default(4)
    .describe('Batches whose ClickHouse inserts may be unconfirmed at once before consuming waits'),
  AGGREGATOR_SESSION_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(6_000)
    .default(30_000)
    .describe(
      'Consumer group session timeout: how long a crashed replica keeps its partitions before the group moves on',
    ),
  AGGREGATOR_STATE_LOOKBACK_HOURS: z.coerce
    .number()
    .positive()
    .default(36)
    .describe('Hours of stored visit and call events replayed at start to rebuild open-entity state'),
});

export type Config = z.output<typeof configSchema>;

/** Reads the configuration; throws a ConfigError naming every invalid variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  return parseEnv(configSchema, env);
}
