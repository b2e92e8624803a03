import {
  checkKafkaSecurity,
  clockEnv,
  commaList,
  httpEnv,
  kafkaEnv,
  logEnv,
  parseEnv,
} from '@stuurwiel/runtime';
import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** An on/off variable: exactly `true` or `false`, so that a typo is an error, not a silent off. */
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true');

/** Environment of the ingest service. The README's configuration table is generated from this. */
const variables = z.object({
  ...httpEnv(8081).shape,
  ...logEnv.shape,
  ...kafkaEnv.shape,
  ...clockEnv.shape,
  INGEST_CREDENTIALS_FILE: z
    .string()
    .min(1, 'required')
    .describe(
      'JSON file with API keys (stored as SHA-256 hashes, each bound to one tenant) and per-tenant ' +
        'secrets (pseudonymisation, ZGW API credentials); see services/ingest/README.md',
    ),
  INGEST_CREDENTIALS_RELOAD_MS: z.coerce
    .number()
    .int()
    .positive()
    .max(60_000, 'must be at most 60000, so that a revoked key stops working within a minute')
    .default(10_000)
    .describe(
      'How often the credentials file is re-read; a revoked key stops working at the next read. ' +
        'An unreadable or invalid file keeps the last good credentials and is logged',
    ),
  INGEST_ALLOW_INSECURE_HTTP: flag(false).describe(
    'Tests and local development only: allow plain http ZGW API roots in the credentials file ' +
      '(otherwise they must be https)',
  ),
  INGEST_MAX_BODY_BYTES: positiveInt(8 * 1024 * 1024).describe('Largest request body; larger gets 413'),
  INGEST_MAX_RECORDS: positiveInt(5000).describe('Most records in one request; more gets 413'),
  INGEST_MAX_JSON_VALUES: positiveInt(200_000).describe(
    'Most JSON values (objects, arrays, scalars) in one request, counted before parsing; more gets 413',
  ),
  INGEST_RATE_LIMIT_PER_MINUTE: positiveInt(6000).describe(
    'Requests per minute per API key; more gets 429 with Retry-After',
  ),
  INGEST_FAILED_AUTH_PER_MINUTE: positiveInt(30).describe(
    'Failed authentications (missing, unknown or wrong key) per minute per client address; more ' +
      'gets 429 with Retry-After. A valid key from that address still gets through',
  ),
  INGEST_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform(commaList)
    .pipe(
      z.array(
        z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], {
          error: 'each entry must be an IP address or CIDR range',
        }),
      ),
    )
    .describe(
      'Comma-separated addresses or CIDR ranges of reverse proxies in front of ingest, whose ' +
        'X-Forwarded-For names the client address that failed authentications are counted by; empty: none',
    ),
  INGEST_MAX_FUTURE_SECONDS: positiveInt(300).describe(
    'How far an event time may lie ahead of the server clock before the event is rejected',
  ),
  INGEST_MAX_EVENT_AGE_DAYS: positiveInt(400).describe(
    'How far an event time may lie behind the server clock before the event is rejected ' +
      '(an epoch-zero or otherwise bogus time is refused, not written to a partition of its own)',
  ),
  INGEST_PRODUCE_TIMEOUT_MS: positiveInt(4000).describe(
    'How long a request waits for Kafka to acknowledge before answering 503 with Retry-After',
  ),
  INGEST_MAX_PENDING_EVENTS: positiveInt(200_000).describe(
    'Events whose produce is unconfirmed (Kafka slow or down) before new requests get 503 at once',
  ),
  INGEST_LATE_DELIVERY_MEMORY_SECONDS: positiveInt(900).describe(
    'How long ingest remembers events that Kafka acknowledged after their request got 503, so ' +
      "that the client's retry of them is answered 202 without a second copy on the topic",
  ),
});
export const configSchema = variables.superRefine(checkKafkaSecurity);

export type Config = z.output<typeof configSchema>;

/** Reads the configuration; throws a ConfigError naming every invalid variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  return parseEnv(configSchema, env);
}
