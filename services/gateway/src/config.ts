import { checkKafkaSecurity, clickhouseEnv, httpEnv, kafkaEnv, logEnv, parseEnv } from '@stuurwiel/runtime';
import { z } from 'zod';

/** Environment of the gateway service. The README's configuration table is generated from this. */
const variables = z.object({
  ...httpEnv(8080).shape,
  ...logEnv.shape,
  ...kafkaEnv.shape,
  ...clickhouseEnv.shape,
});
export const configSchema = variables.superRefine(checkKafkaSecurity);

export type Config = z.output<typeof configSchema>;

/** Reads the configuration; throws a ConfigError naming every invalid variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  return parseEnv(configSchema, env);
}
