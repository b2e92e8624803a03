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

/** Environment of the aggregator service. The README's configuration table is generated from this. */
const variables = z.object({
  ...httpEnv(8082).shape,
  ...logEnv.shape,
  ...kafkaEnv.shape,
  ...clickhouseEnv.shape,
  ...clockEnv.shape,
  AGGREGATOR_GROUP_ID: z
    .string()
    .min(1)
    .default('stuurwiel-aggregator')
    .describe('Kafka consumer group of the aggregator replicas'),
  AGGREGATOR_MAX_IN_FLIGHT_BATCHES: z.coerce
    .number()
    .int()
    .positive()
    .default(1_000)
    .describe('Batches whose ClickHouse inserts may be unconfirmed at once before consuming waits'),
  AGGREGATOR_MAX_IN_FLIGHT_EVENTS: z.coerce
    .number()
    .int()
    .positive()
    .default(100_000)
    .describe(
      'Events whose ClickHouse inserts may be unconfirmed at once before consuming waits (bounds memory)',
    ),
  AGGREGATOR_SESSION_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(6_000)
    .default(30_000)
    .describe(
      'Consumer group session timeout: how long a crashed replica keeps its partitions before the group moves on',
    ),
  AGGREGATOR_SHUTDOWN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(25_000)
    .describe(
      'Longest a graceful stop may take (finish batches, commit, bring the rollups up to date) before the process exits anyway; keep it under the orchestrator’s grace period',
    ),
  AGGREGATOR_STATE_LOOKBACK_HOURS: z.coerce
    .number()
    .positive()
    .default(36)
    .describe(
      'After a start or rebalance, entities with an event that happened or was stored within this ' +
        'many hours are rebuilt from ClickHouse (open cases, written contacts and callbacks always)',
    ),
  AGGREGATOR_FLUSH_MAX_ROWS: z.coerce
    .number()
    .int()
    .positive()
    .default(50_000)
    .describe('Rows gathered from several batches before one ClickHouse insert (raw events; facts)'),
  AGGREGATOR_FLUSH_INTERVAL_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(500)
    .describe(
      'Longest a batch waits for others before its rows are inserted into ClickHouse; the live state does not wait for it, and every insert makes a part ClickHouse merges later',
    ),
  AGGREGATOR_DECODE_THREADS: z.coerce
    .number()
    .int()
    .min(0)
    .max(1)
    .default(1)
    .describe(
      'Threads beside the main one that parse and validate messages and encode their raw rows: 1, or 0 to do it on the main thread',
    ),
  AGGREGATOR_ROLLUP_INTERVAL_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(1000)
    .describe('How often the hourly rollups of newly stored facts are recomputed (each hour once per round)'),
  AGGREGATOR_ROLLUP_DAY_INTERVAL_MS: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(60_000)
    .describe(
      'How often the daily rollups and the hourly wait histograms of newly stored facts are recomputed at most; each reads all facts of its days or hours, and history needs no one-second freshness',
    ),
  AGGREGATOR_ROLLUP_MAX_DEFER_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(10_000)
    .describe(
      'While the consumer catches up on a backlog, rollup recomputation waits for it, but at most this long',
    ),
  AGGREGATOR_SNAPSHOT_MIN_INTERVAL_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(500)
    .describe('Least time between two KPI snapshots of one tenant, domain and scope on kpi.v1'),
  AGGREGATOR_OUT_OF_ORDER_SECONDS: z.coerce
    .number()
    .nonnegative()
    .default(30)
    .describe('Out-of-order bound: the watermark is the latest event time seen minus this'),
  AGGREGATOR_ALLOWED_LATENESS_SECONDS: z.coerce
    .number()
    .nonnegative()
    .default(600)
    .describe(
      'Events this far behind the watermark still update the live KPIs; later ones are counted, ' +
        'logged and stored in ClickHouse only',
    ),
  AGGREGATOR_EXPIRE_OPEN_HOURS: z.coerce
    .number()
    .positive()
    .default(24)
    .describe(
      'A visit or call with no event for this long (event time) is ended: a lost finish must not ' +
        'keep a visitor waiting for ever',
    ),
  AGGREGATOR_EXPIRE_ORPHANS_DAYS: z.coerce
    .number()
    .positive()
    .default(30)
    .describe('A case or written contact whose creation or receipt never came is dropped after this'),
  AGGREGATOR_SHORT_ABANDON_SECONDS: z.coerce
    .number()
    .nonnegative()
    .default(5)
    .describe('Calls abandoned in the queue sooner than this leave the service-level denominator'),
  AGGREGATOR_CASE_SUSPENDED_LONG_DAYS: z.coerce
    .number()
    .int()
    .positive()
    .default(28)
    .describe('A case suspended longer than this many calendar days is counted as long suspended'),
});
export const configSchema = variables.superRefine(checkKafkaSecurity);

export type Config = z.output<typeof configSchema>;

/** Reads the configuration; throws a ConfigError naming every invalid variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  return parseEnv(configSchema, env);
}
