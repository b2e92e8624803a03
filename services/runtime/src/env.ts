import { kafkaSecurityEnvSchema } from '@stuurwiel/kafka';
import { z } from 'zod';

// Reusable pieces of a service's environment. Every variable carries a description: the README's
// configuration table is generated from these (see config-docs.ts), so they are the documentation.
// Call `.describe()` last so that the description sits on the schema the object shape holds.

/** Log levels pino understands; `silent` turns logging off (tests). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** HTTP listener settings; each service passes its own default port. */
export function httpEnv(defaultPort: number) {
  return z.object({
    PORT: z.coerce
      .number({ error: 'must be a port number' })
      .int('must be a whole number')
      .min(1, 'must be between 1 and 65535')
      .max(65535, 'must be between 1 and 65535')
      .default(defaultPort)
      .describe('TCP port for HTTP: health, readiness, metrics and the API'),
    HOST: z
      .string()
      .min(1, 'must not be empty')
      .default('0.0.0.0')
      .describe('Interface address the HTTP server binds to'),
  });
}

export const logEnv = z.object({
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })
    .default('info')
    .describe('Minimum level of the JSON log lines written to stdout'),
});

const BROKER = /^[^\s:,]+:\d{1,5}$/;

/** The entries of a comma-separated variable, trimmed, without empty ones ("a, b," is [a, b]). */
export function commaList(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

export const kafkaEnv = z.object({
  KAFKA_BROKERS: z
    .string({ error: 'required' })
    .transform(commaList)
    .pipe(
      z
        .array(z.string().regex(BROKER, 'each broker must be host:port'))
        .min(1, 'must name at least one broker'),
    )
    .describe('Comma-separated Kafka bootstrap brokers, host:port'),
  KAFKA_CLIENT_ID: z
    .string()
    .min(1, 'must not be empty when set')
    .optional()
    .describe('Kafka client id reported to the brokers; defaults to the service name'),
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]*$/, 'may only contain letters, digits and . _ -')
    .default('')
    .describe('Prefix for every topic name (tests isolate themselves with it); empty in production'),
  // TLS and SASL; a service's schema adds `.superRefine(checkKafkaSecurity)` for the checks
  // between these variables.
  ...kafkaSecurityEnvSchema.shape,
});

// Shared with `npm run migrate`, which lives below the services and reads the same variables.
export { clickhouseEnvSchema as clickhouseEnv } from '@stuurwiel/clickhouse';
export { checkKafkaSecurity, kafkaSecurityFromEnv } from '@stuurwiel/kafka';

/** One invalid environment variable and why. */
export interface ConfigProblem {
  variable: string;
  reason: string;
}

/** Thrown by `parseEnv`; the message names every invalid variable. */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable}: ${p.reason}`).join('; ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export type Env = Record<string, string | undefined>;

/**
 * Parses the environment with the given schema. On failure throws a ConfigError that lists every
 * bad variable at once (so an operator fixes them in one go), never only the first.
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: Env = process.env): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const reasons = new Map<string, string[]>();
  for (const issue of result.error.issues) {
    const head = issue.path[0];
    const variable = head === undefined ? '(environment)' : String(head);
    const missing = typeof head === 'string' && env[head] === undefined;
    const reason = missing && issue.code === 'invalid_type' ? 'required' : issue.message;
    const list = reasons.get(variable) ?? [];
    if (!list.includes(reason)) list.push(reason);
    reasons.set(variable, list);
  }
  throw new ConfigError([...reasons].map(([variable, list]) => ({ variable, reason: list.join(', ') })));
}
