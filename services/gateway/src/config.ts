import {
  checkKafkaSecurity,
  clickhouseEnv,
  clockEnv,
  commaList,
  httpEnv,
  kafkaEnv,
  logEnv,
  parseEnv,
} from '@stuurwiel/runtime';
import { z } from 'zod';
import { wallscreenKeyEntry } from './auth/wallscreen-keys.js';

const url = (what: string) => z.url({ error: `must be the URL of ${what}` });

// docker compose passes `${VAR:-}` of an unset variable as an empty string: that means unset.
const unsetWhenEmpty = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema);

/** Environment of the gateway service. The README's configuration table is generated from this. */
const variables = z.object({
  ...httpEnv(8080).shape,
  ...logEnv.shape,
  ...kafkaEnv.shape,
  ...clickhouseEnv.shape,
  ...clockEnv.shape,
  GATEWAY_JWT_JWKS_URL: unsetWhenEmpty(url("the identity provider's JWKS").optional()).describe(
    'JWKS URL of the identity provider whose tokens people present (RS256/ES256/EdDSA); set this or GATEWAY_JWT_SECRET',
  ),
  GATEWAY_JWT_SECRET: unsetWhenEmpty(
    z.string().min(32, 'must be at least 32 characters').optional(),
  ).describe(
    'Standalone install only: the HS256 secret tokens are signed with; set this or GATEWAY_JWT_JWKS_URL',
  ),
  GATEWAY_JWT_ISSUER: z
    .string()
    .min(1, 'must not be empty')
    .default('stuurwiel')
    .describe('Required `iss` of every token'),
  GATEWAY_JWT_AUDIENCE: z
    .string()
    .min(1, 'must not be empty')
    .default('stuurwiel-gateway')
    .describe('Required `aud` of every token'),
  GATEWAY_WALLSCREEN_KEYS: z
    .string()
    .default('')
    .transform(commaList)
    .pipe(z.array(wallscreenKeyEntry))
    .describe(
      'Comma-separated wall-screen keys as key_id:sha256(key) hex:tenant:location; each key reads the live figures of one location',
    ),
  GATEWAY_CORS_ORIGINS: z
    .string()
    .default('')
    .transform(commaList)
    .pipe(z.array(z.url({ error: 'each origin must be a URL such as https://stuurwiel.example.nl' })))
    .describe('Comma-separated browser origins allowed to call the API (CORS); empty: none'),
  GATEWAY_RATE_LIMIT_PER_MINUTE: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .positive('must be above 0')
    .default(600)
    .describe('Requests per minute per caller (token subject or wall-screen key; address when anonymous)'),
  GATEWAY_STATEMENT_TIMEOUT_SECONDS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(600, 'must be at most 600')
    .default(30)
    .describe('Longest a ClickHouse statement of the gateway may run before ClickHouse stops it'),
  GATEWAY_STATEMENT_MAX_ROWS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(1_000_000)
    .describe('Most rows a ClickHouse statement of the gateway may return; more fails the statement'),
  GATEWAY_WEB_DIR: unsetWhenEmpty(z.string().min(1).optional()).describe(
    'Folder of the built web pages (wall screen, inbox, manager views); default: the web/dist folder beside the gateway',
  ),
  GATEWAY_MAX_BODY_BYTES: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1024, 'must be at least 1024')
    .default(65_536)
    .describe('Largest request body in bytes; larger bodies get 413'),
});

export const configSchema = variables.superRefine((env, ctx) => {
  checkKafkaSecurity(env, ctx);
  const both = env.GATEWAY_JWT_JWKS_URL !== undefined && env.GATEWAY_JWT_SECRET !== undefined;
  const neither = env.GATEWAY_JWT_JWKS_URL === undefined && env.GATEWAY_JWT_SECRET === undefined;
  if (both || neither) {
    ctx.addIssue({
      code: 'custom',
      path: ['GATEWAY_JWT_JWKS_URL'],
      message: both
        ? 'set either GATEWAY_JWT_JWKS_URL or GATEWAY_JWT_SECRET, not both'
        : 'set GATEWAY_JWT_JWKS_URL (identity provider) or GATEWAY_JWT_SECRET (standalone)',
    });
  }
});

export type Config = z.output<typeof configSchema>;

/** Reads the configuration; throws a ConfigError naming every invalid variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  return parseEnv(configSchema, env);
}
