import {
  checkKafkaSecurity,
  clickhouseEnv,
  clockEnv,
  httpEnv,
  kafkaEnv,
  logEnv,
  parseEnv,
} from '@stuurwiel/runtime';
import { z } from 'zod';

/** Environment of the alerting service. The README's configuration table is generated from this. */
const variables = z.object({
  ...httpEnv(8083).shape,
  ...logEnv.shape,
  ...kafkaEnv.shape,
  ...clickhouseEnv.shape,
  ...clockEnv.shape,
  ALERTING_GROUP_PREFIX: z
    .string()
    .min(1)
    .default('stuurwiel-alerting')
    .describe(
      'Prefix of the Kafka consumer group each alerting process reads its inputs with (each process adds a suffix of its own and reads every input from the beginning)',
    ),
  ALERTING_DEFAULT_RULES_FILE: z
    .string()
    .min(1)
    .optional()
    .describe(
      'YAML file of the rules every municipality starts with (rules on alerting.config.v1 replace them by rule_id); unset: the shipped services/alerting/rules/defaults.yaml',
    ),
  ALERTING_EVALUATION_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(600_000)
    .default(5_000)
    .describe('How often (wall-clock milliseconds) every rule of every municipality is evaluated'),
});
export const configSchema = variables.superRefine(checkKafkaSecurity);

export type Config = z.output<typeof configSchema>;

/** Reads the configuration; throws a ConfigError naming every invalid variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  return parseEnv(configSchema, env);
}
