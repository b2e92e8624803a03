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
import { receiversEnv } from './receivers/config.js';

/** Environment of the alerting service. The README's configuration table is generated from this. */
const variables = z.object({
  ...httpEnv(8083).shape,
  ...logEnv.shape,
  ...kafkaEnv.shape,
  ...clickhouseEnv.shape,
  ...clockEnv.shape,
  ...receiversEnv.shape,
  ALERTING_ROUTES_FILE: z
    .string()
    .min(1)
    .optional()
    .describe(
      'JSON file of the routes: which receivers get the alerts of which municipality and team, grouped and timed how; unset: alerts are published on alerts.v1 only',
    ),
  ALERTING_RETRY_MAX_ATTEMPTS: z.coerce
    .number()
    .int()
    .min(1)
    .max(20)
    .default(5)
    .describe('Attempts to deliver one notification to a receiver before it becomes a dead letter'),
  ALERTING_RETRY_INITIAL_DELAY_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(1000)
    .describe('Wait before the second attempt (service-clock milliseconds); it doubles per attempt'),
  ALERTING_RETRY_MAX_DELAY_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(60_000)
    .describe('Longest wait between two attempts (service-clock milliseconds)'),
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
