import { z } from 'zod';

/** ClickHouse connection settings from the environment. */
export const clickhouseEnvSchema = z.object({
  CLICKHOUSE_URL: z
    .url({ error: 'must be an http(s) URL', protocol: /^https?$/ })
    .describe('ClickHouse HTTP endpoint, e.g. http://clickhouse:8123'),
  CLICKHOUSE_USER: z.string().default('default').describe('ClickHouse user name'),
  CLICKHOUSE_PASSWORD: z.string().default('').describe('ClickHouse password (secret)'),
  CLICKHOUSE_DATABASE: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier')
    .default('stuurwiel')
    .describe('ClickHouse database that holds the stuurwiel tables'),
});

export type ClickHouseEnv = z.infer<typeof clickhouseEnvSchema>;

export function clickhouseOptionsFromEnv(env: ClickHouseEnv) {
  return {
    url: env.CLICKHOUSE_URL,
    username: env.CLICKHOUSE_USER,
    password: env.CLICKHOUSE_PASSWORD,
    database: env.CLICKHOUSE_DATABASE,
  };
}
