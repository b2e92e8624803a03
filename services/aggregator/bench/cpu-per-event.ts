// `npm run bench:aggregate:cpu`: main-thread CPU per event of each stage of the aggregator, without
// Kafka or ClickHouse, so that a change to one stage can be judged without the noise of the
// end-to-end run. Stages: decoding and validating a message, encoding its raw_events_v1 row,
// applying it to the live state (stores, facts, snapshot bookkeeping) and encoding the facts.
// Options (env): BENCH_EVENTS (300000, or the first argument), BENCH_ROUNDS (3; the best is shown).
import type { Db } from '@stuurwiel/clickhouse';
import { rawEventsBody } from '@stuurwiel/clickhouse';
import type { EventProducer } from '@stuurwiel/kafka';
import type { CanonicalEvent } from '@stuurwiel/schemas';
import { SOURCE_WINDOW_MS } from '../src/live/index.js';
import { createFactPipeline } from '../src/pipeline/fact-pipeline.js';
import { createPartitionState } from '../src/pipeline/partition-state.js';
import { decodeEvents } from '../src/raw/decode-events.js';
import type { RollupScheduler } from '../src/rollups/rollup-scheduler.js';
import { createSnapshotService } from '../src/snapshots/snapshot-service.js';
import { backlog } from './load.js';

const N = Number(process.argv[2] ?? process.env.BENCH_EVENTS ?? 300_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BATCH = 3_000;

const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

/** Encodes what would be sent, as the ClickHouse client would, and sends nothing. */
let encodedBytes = 0;
const encodingDb = {
  async insert(_table: string, rows: readonly Record<string, unknown>[]) {
    for (const row of rows) encodedBytes += JSON.stringify(row).length + 1;
  },
} as unknown as Db;
const silentProducer: EventProducer = {
  connect: async () => {},
  disconnect: async () => {},
  send: async (_topic: string, messages: readonly unknown[]) => {
    encodedBytes += messages.length;
  },
  sendMany: async () => {},
};
const noRollups: RollupScheduler = {
  mark: () => {},
  idle: async () => {},
  start: () => {},
  stop: async () => {},
};

function measure(name: string, run: () => Promise<void> | void) {
  return async () => {
    let best = Number.POSITIVE_INFINITY;
    for (let round = 0; round < ROUNDS; round++) {
      const t0 = performance.now();
      await run();
      best = Math.min(best, performance.now() - t0);
    }
    return { stage: name, us_per_event: Number(((best * 1000) / N).toFixed(2)) };
  };
}

const events = backlog(N, yesterday, 'cpu').events;
const messages = events.map((e) => ({ value: Buffer.from(JSON.stringify(e)) }));
const batches: { value: Buffer }[][] = [];
for (let i = 0; i < messages.length; i += BATCH) batches.push(messages.slice(i, i + BATCH));
const decoded: CanonicalEvent[][] = batches.map((b) => decodeEvents(b, new Date().toISOString()).events);

const stages = [
  measure('decode and validate (JSON.parse, zod)', () => {
    for (const b of batches) decodeEvents(b, new Date().toISOString());
  }),
  measure('encode raw_events_v1 rows', () => {
    const at = new Date();
    for (const list of decoded) encodedBytes += rawEventsBody(list, at).length;
  }),
  measure('apply to live state, store facts, snapshots', async () => {
    const state = createPartitionState({
      newPipeline: () => createFactPipeline(encodingDb, { rollups: noRollups, flushMaxFacts: 50_000 }),
      clock: () => new Date(`${yesterday}T18:00:00Z`),
      sourceWindowMs: SOURCE_WINDOW_MS,
      outOfOrderMs: 30_000,
      allowedLatenessMs: 10 * 86_400_000,
      openMaxAgeMs: 86_400_000,
      orphanMaxAgeMs: 30 * 86_400_000,
      onError: (error) => {
        throw error;
      },
    });
    const service = createSnapshotService({
      state,
      producer: silentProducer,
      topicPrefix: 'bench.',
      clock: () => new Date(`${yesterday}T18:00:00Z`),
      minIntervalMs: 1000,
      shortAbandonSeconds: 5,
      onError: (error) => {
        throw error;
      },
    });
    state.reset();
    const stores: Promise<void>[] = [];
    for (const list of decoded) stores.push(state.apply(list, Date.now()));
    await Promise.all(stores);
    await service.stop();
  }),
];

const results = [];
for (const stage of stages) results.push(await stage());
const total = results.reduce((sum, r) => sum + r.us_per_event, 0);
console.log(
  JSON.stringify(
    {
      benchmark: 'aggregator: main-thread CPU per event, by stage (no I/O)',
      events: N,
      node: process.version,
      stages: results,
      total_us_per_event: Number(total.toFixed(2)),
      events_per_second_if_only_this: Math.round(1e6 / total),
      encoded: encodedBytes > 0,
    },
    null,
    2,
  ),
);
process.exit(0);
