// `npm run bench:aggregate`: the aggregator, as deployed (`node services/aggregator/dist/main.js`, a
// process of its own, so that the load generator shares neither its heap nor its event loop),
// against real Kafka and ClickHouse.
// (a) Throughput: a backlog of canonical events is produced first; then the aggregator starts and
//     the clock runs until every event is in raw_events_v1, every fact in the facts tables, the
//     group's committed offsets at the end of every topic (offsets are committed once raw events
//     and facts were stored) and the hourly visit and call rollups holding every fact. The day
//     tables are recomputed at most every AGGREGATOR_ROLLUP_DAY_INTERVAL_MS (60 s) by design, so
//     they are not waited for here; after the last run's aggregator stops (which brings them up
//     to date) the bench checks that they hold every fact of the backlog.
// (b) Latency: with the aggregator running, events with occurred_at = now at a steady rate; the
//     latency of an event is when the first KPI snapshot of its tenant and domain whose
//     last_event_at reaches its occurred_at arrives on kpi.v1, minus when it was produced. The
//     pipeline's own share, apart from the wait for its key's next publication slot
//     (AGGREGATOR_SNAPSHOT_MIN_INTERVAL_MS): per snapshot, the age on receipt of the newest event
//     it newly reflects, which arrived just before the computation and so waited least for it.
//     ClickHouse CPU: the clickhouse-server process's user + system time (/proc/<pid>/stat) over
//     the measured part of this phase, in % of one core (the bench's own server when it starts
//     one; BENCH_CLICKHOUSE_PID names it when using an existing one, which may serve others too).
// Options (env): BENCH_EVENTS (300000, or the first argument), BENCH_WARMUP_EVENTS (30000),
// BENCH_RUNS (3 throughput runs; the median counts), BENCH_RATE (2000 events/s), BENCH_SECONDS (20),
// BENCH_WARMUP_SECONDS (3), BENCH_PARTITIONS (6);
// AGGREGATOR_* variables are passed to the aggregator's configuration, BENCH_NODE_ARGS to its node
// (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { connectClickHouse, type Db, ident, migrate, sql } from '@stuurwiel/clickhouse';
import { CACHE_DIR, type ManagedProcess, provideInfra } from '@stuurwiel/infra';
import { createKafka, createProducer, ensureTopics, type OutgoingMessage } from '@stuurwiel/kafka';
import { ALL_EVENT_TOPICS, type CanonicalEvent, partitionKey, TOPICS, topicFor } from '@stuurwiel/schemas';
import type { Kafka } from 'kafkajs';
import { type AggregatorProcess, startAggregatorProcess } from '../test/support/aggregator-process.js';
import { backlog, liveStream, TENANTS } from './load.js';
import { startCpuMeasurement } from './process-cpu.js';

const N = Number(process.argv[2] ?? process.env.BENCH_EVENTS ?? 300_000);
const WARMUP_EVENTS = Number(process.env.BENCH_WARMUP_EVENTS ?? 30_000);
const RATE = Number(process.env.BENCH_RATE ?? 2_000);
const LATENCY_MS = Number(process.env.BENCH_SECONDS ?? 20) * 1000;
const LATENCY_WARMUP_MS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3) * 1000;
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 6);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SEND_CHUNK = 2_000;

const log = (message: string) => console.error(`[bench] ${message}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
function percentile(sorted: number[], p: number): number {
  // Nearest-rank percentile.
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const runDir = `${CACHE_DIR}/bench/aggregate-${new Date().toISOString().replace(/[:.]/g, '-')}`;
mkdirSync(runDir, { recursive: true });
const infra = await provideInfra({ runDir, log: (m) => console.error(`[infra] ${m}`) });
const kafka = createKafka({ brokers: infra.kafka.brokers, clientId: 'bench-aggregate' });

interface Target {
  prefix: string;
  db: Db;
  groupId: string;
  topics: string[];
}

/** A fresh topic prefix, migrated database and consumer group name. */
async function target(name: string): Promise<Target> {
  const tag = `${name}${Date.now()}`;
  const prefix = `${tag}.`;
  const db = await connectClickHouse({
    url: infra.clickhouse.url,
    username: infra.clickhouse.username,
    password: infra.clickhouse.password,
    database: tag,
  });
  await migrate(db);
  const topics = ALL_EVENT_TOPICS.map((t) => `${prefix}${t}`);
  await ensureTopics(kafka, [
    ...[...ALL_EVENT_TOPICS, TOPICS.deadLetter].map((t) => ({
      topic: `${prefix}${t}`,
      partitions: PARTITIONS,
    })),
    { topic: `${prefix}${TOPICS.kpi}`, partitions: 3, compacted: true },
    { topic: `${prefix}${TOPICS.deadlines}`, partitions: 3, compacted: true },
  ]);
  return { prefix, db, groupId: `${tag}-aggregator`, topics };
}

/** Starts the built aggregator service for a target; AGGREGATOR_* variables of the bench pass on. */
async function aggregator(t: Target): Promise<AggregatorProcess> {
  const agg = await startAggregatorProcess({
    name: `aggregator-${t.db.database}`,
    infra,
    logFile: `${runDir}/aggregator-${t.db.database}.log`,
    topicPrefix: t.prefix,
    database: t.db.database,
    groupId: t.groupId,
    nodeArgs: process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean),
  });
  void agg.child.exited.then((code) => {
    if (!stopping.has(agg.child)) {
      console.error(`aggregator exited (code ${code}); see ${agg.child.logFile}`);
      process.exit(1);
    }
  });
  return agg;
}

const stopping = new Set<ManagedProcess>();
async function stop(agg: AggregatorProcess): Promise<void> {
  stopping.add(agg.child);
  await agg.child.stop();
}

/** Produces events keyed as ingest does, from a few producers at once. */
async function produce(t: Target, events: readonly CanonicalEvent[], producers = 4): Promise<void> {
  const byTopic = new Map<string, OutgoingMessage[]>();
  for (const e of events) {
    const topic = `${t.prefix}${topicFor(e.type)}`;
    const list = byTopic.get(topic) ?? [];
    list.push({ key: partitionKey(e), value: JSON.stringify(e) });
    byTopic.set(topic, list);
  }
  const chunks: { topic: string; messages: OutgoingMessage[] }[] = [];
  for (const [topic, messages] of byTopic) {
    for (let i = 0; i < messages.length; i += SEND_CHUNK) {
      chunks.push({ topic, messages: messages.slice(i, i + SEND_CHUNK) });
    }
  }
  await Promise.all(
    Array.from({ length: producers }, async () => {
      const producer = createProducer(kafka);
      await producer.connect();
      for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
        await producer.send(chunk.topic, chunk.messages);
      }
      await producer.disconnect();
    }),
  );
}

/** Messages behind the group's committed offsets, over all event topics. */
async function lag(admin: ReturnType<Kafka['admin']>, t: Target): Promise<number> {
  const committed = await admin.fetchOffsets({ groupId: t.groupId, topics: t.topics });
  let behind = 0;
  const ends = await Promise.all(t.topics.map((topic) => admin.fetchTopicOffsets(topic)));
  for (const [i, topic] of t.topics.entries()) {
    const done = committed.find((c) => c.topic === topic)?.partitions ?? [];
    for (const end of ends[i]!) {
      const at = Number(done.find((p) => p.partition === end.partition)?.offset ?? -1);
      behind += Number(end.high) - Math.max(at, Number(end.low));
    }
  }
  return behind;
}

const count = async (db: Db, table: string, final = false) =>
  Number(
    (
      await db.query<{ n: string }>(
        final
          ? sql`SELECT count() AS n FROM ${ident(table)} FINAL`
          : sql`SELECT count() AS n FROM ${ident(table)}`,
      )
    )[0]?.n ?? 0,
  );

const distinct = async (db: Db, table: string, column: string) =>
  Number(
    (await db.query<{ n: string }>(sql`SELECT uniqExact(${ident(column)}) AS n FROM ${ident(table)}`))[0]
      ?.n ?? 0,
  );

const total = async (db: Db, table: string, column: string) =>
  Number(
    (await db.query<{ n: string }>(sql`SELECT sum(${ident(column)}) AS n FROM ${ident(table)} FINAL`))[0]
      ?.n ?? 0,
  );

interface Drained {
  startedMs: number;
  firstStoredMs: number;
  allRawMs: number;
  /** When the group's offsets first stood at the end of every topic. */
  committedMs: number;
  /** When every fact was first seen stored (FINAL). */
  factsMs: number;
  doneMs: number;
}

/** Starts an aggregator on a produced backlog and waits until everything is stored and committed. */
async function drain(t: Target, expected: { raw: number; visits: number; calls: number }) {
  const admin = kafka.admin();
  await admin.connect();
  const t0 = performance.now();
  const agg = await aggregator(t);
  const times: Drained = {
    startedMs: 0,
    firstStoredMs: 0,
    allRawMs: 0,
    committedMs: 0,
    factsMs: 0,
    doneMs: 0,
  };
  const started = (async () => {
    while (
      !(await fetch(`${agg.url}/readyz`).then(
        (r) => r.ok,
        () => false,
      ))
    )
      await sleep(50);
    times.startedMs = performance.now() - t0;
  })();
  let lastReport = 0;
  for (;;) {
    const raw = await count(t.db, 'raw_events_v1');
    const now = performance.now() - t0;
    if (raw > 0 && !times.firstStoredMs) times.firstStoredMs = now;
    if (raw >= expected.raw && !times.allRawMs) times.allRawMs = now;
    if (now - lastReport > 5_000) {
      lastReport = now;
      log(`  ${(now / 1000).toFixed(1)} s: ${raw} raw rows stored`);
    }
    if (raw >= expected.raw && (await lag(admin, t)) === 0) {
      times.committedMs ||= performance.now() - t0;
      const [rawFinal, visits, calls, visitsRolledUp, callsRolledUp] = await Promise.all([
        // Distinct events: what FINAL would count, without 18.16's single-threaded FINAL merge,
        // which would make this check itself a noticeable part of the measured time.
        distinct(t.db, 'raw_events_v1', 'event_id'),
        count(t.db, 'visit_facts_v1', true),
        count(t.db, 'call_facts_v1', true),
        total(t.db, 'visits_per_hour_v1', 'visits'),
        total(t.db, 'calls_per_hour_v1', 'offered'),
      ]);
      if (visits === expected.visits && calls === expected.calls) times.factsMs ||= performance.now() - t0;
      // Rollups are recomputed a moment after their facts are stored: done means they hold every fact.
      if (
        rawFinal === expected.raw &&
        visits === expected.visits &&
        calls === expected.calls &&
        visitsRolledUp === expected.visits &&
        callsRolledUp === expected.calls
      ) {
        times.doneMs = performance.now() - t0;
        await started;
        break;
      }
      if (now > 600_000) {
        throw new Error(
          `offsets at the end but counts differ: raw ${rawFinal}/${expected.raw}, visits ${visits}/${expected.visits}, calls ${calls}/${expected.calls}`,
        );
      }
    }
    await sleep(100);
  }
  await admin.disconnect();
  return { agg, times };
}

const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

// ---- Warm-up: the same work on a smaller backlog with its own topics, database and process-wide
// JIT, so that the measured run starts with warm Node, Kafka and ClickHouse.
{
  log(`warm-up: ${WARMUP_EVENTS} events`);
  const t = await target('benchwarm');
  const load = backlog(WARMUP_EVENTS, yesterday, 'warm');
  await produce(t, load.events);
  const { agg } = await drain(t, { raw: load.events.length, visits: load.visits, calls: load.calls });
  await stop(agg);
  await t.db.command(sql`DROP DATABASE IF EXISTS ${ident(t.db.database)}`);
  await t.db.close();
}

// ---- (a) Throughput, RUNS times on fresh topics and databases (this machine's figures vary by
// about a tenth from run to run); the median counts. The last run's aggregator stays for (b).
async function throughputRun(run: number) {
  const t = await target(`benchagg${run}`);
  const load = backlog(N, yesterday, `bench${run}`);
  const mix: Record<string, number> = {};
  for (const e of load.events) mix[e.type] = (mix[e.type] ?? 0) + 1;
  log(`run ${run}: producing ${load.events.length} events (${load.visits} visits, ${load.calls} calls)`);
  const p0 = performance.now();
  await produce(t, load.events);
  const produceSeconds = (performance.now() - p0) / 1000;
  log(`run ${run}: produced in ${produceSeconds.toFixed(1)} s; starting the aggregator`);
  const { agg, times } = await drain(t, { raw: load.events.length, visits: load.visits, calls: load.calls });
  // Rows (FINAL) of every fact and rollup table the migrations made, whichever the aggregator fills.
  const derivedTables = (
    await t.db.query<{ name: string }>(sql`SELECT name FROM system.tables WHERE database = ${t.db.database}`)
  )
    .map((r) => r.name)
    .filter((name) => /_facts_v1$|_per_hour_v1$|_per_day_v1$/.test(name))
    .sort();
  const derivedRows = Object.fromEntries(
    await Promise.all(derivedTables.map(async (table) => [table, await count(t.db, table, true)] as const)),
  );
  const sustainedSeconds = (times.doneMs - times.firstStoredMs) / 1000;
  // The aggregator's own account of its rollup rounds during the drain.
  const metricsText = await fetch(`${agg.url}/metrics`).then((r) => r.text());
  const metric = (name: string) =>
    Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(metricsText)?.[1] ?? Number.NaN);
  const rounds = metric('aggregator_rollup_round_seconds_count');
  const result = {
    events: load.events.length,
    mix,
    produce_seconds_before_start: Number(produceSeconds.toFixed(1)),
    start_seconds: Number((times.startedMs / 1000).toFixed(2)),
    first_stored_seconds: Number((times.firstStoredMs / 1000).toFixed(2)),
    all_raw_stored_seconds: Number((times.allRawMs / 1000).toFixed(2)),
    offsets_committed_seconds: Number((times.committedMs / 1000).toFixed(2)),
    all_facts_stored_seconds: Number((times.factsMs / 1000).toFixed(2)),
    all_done_seconds: Number((times.doneMs / 1000).toFixed(2)),
    expected_facts: { visit_facts_v1: load.visits, call_facts_v1: load.calls },
    rows_final: derivedRows,
    rollup_rounds: {
      count: rounds,
      mean_seconds: Number((metric('aggregator_rollup_round_seconds_sum') / rounds).toFixed(3)),
    },
    sustained_events_per_second: Math.round(load.events.length / sustainedSeconds),
    events_per_second_including_start: Math.round(load.events.length / (times.doneMs / 1000)),
  };
  log(`run ${run}: ${result.sustained_events_per_second} events/s sustained`);
  return { t, agg, result, load };
}

const runs: Awaited<ReturnType<typeof throughputRun>>['result'][] = [];
let last: { t: Target; agg: AggregatorProcess; load: ReturnType<typeof backlog> } | undefined;
for (let run = 1; run <= RUNS; run++) {
  const { t, agg, result, load } = await throughputRun(run);
  runs.push(result);
  if (run < RUNS) {
    await stop(agg);
    await t.db.command(sql`DROP DATABASE IF EXISTS ${ident(t.db.database)}`);
    await t.db.close();
  } else last = { t, agg, load };
}
const { t, agg, load: lastLoad } = last!;
const rates = runs.map((r) => r.sustained_events_per_second).sort((a, b) => a - b);
const throughput = {
  runs,
  sustained_events_per_second_per_run: runs.map((r) => r.sustained_events_per_second),
  sustained_events_per_second: rates[Math.floor(rates.length / 2)],
  target_events_per_second: 50_000,
};
log(`throughput: ${throughput.sustained_events_per_second} events/s sustained (median of ${RUNS})`);

// ---- (b) Latency, with the same aggregator running.
interface Pending {
  occurredMs: number;
  producedMs: number;
  measured: boolean;
}
const pending = new Map<string, Pending[]>();
const latencies: number[] = [];
const pipelineShares: number[] = [];
let snapshots = 0;
let badSnapshots = 0;
const reader = kafka.consumer({ groupId: `${t.groupId}-latency`, sessionTimeout: 30_000 });
await reader.connect();
const joined = new Promise<void>((resolve) => reader.on(reader.events.GROUP_JOIN, () => resolve()));
await reader.subscribe({ topic: `${t.prefix}${TOPICS.kpi}`, fromBeginning: false });
await reader.run({
  eachMessage: async ({ message }) => {
    const received = Date.now();
    if (!message.value) return;
    snapshots++;
    let snapshot: { tenant?: string; domain?: string; last_event_at?: string | null };
    try {
      snapshot = JSON.parse(message.value.toString());
    } catch {
      badSnapshots++;
      return;
    }
    if (!snapshot.tenant || !snapshot.domain || !snapshot.last_event_at) return;
    const list = pending.get(`${snapshot.tenant}|${snapshot.domain}`);
    if (!list) return;
    const upTo = Date.parse(snapshot.last_event_at);
    let i = 0;
    while (i < list.length && list[i]!.occurredMs <= upTo) {
      const p = list[i]!;
      if (p.measured) latencies.push(received - p.producedMs);
      i++;
    }
    const newest = i > 0 ? list[i - 1]! : undefined;
    if (newest?.measured) pipelineShares.push(received - newest.producedMs);
    if (i > 0) list.splice(0, i);
  },
});
await Promise.race([joined, sleep(15_000)]);

// The throughput run's backlog leaves ClickHouse merging its parts for a while: that work is the
// backlog's, so the 2,000 events/s phase starts once the server merges nothing (at most 60 s).
{
  const waitedFrom = Date.now();
  const merging = async () =>
    Number((await t.db.query<{ n: string }>(sql`SELECT count() AS n FROM system.merges`))[0]?.n ?? 0);
  while (Date.now() - waitedFrom < 60_000 && (await merging()) > 0) await sleep(500);
  log(
    `latency: background merges of the backlog settled after ${((Date.now() - waitedFrom) / 1000).toFixed(1)} s`,
  );
}
const streams = TENANTS.flatMap((tenant) =>
  (['counter', 'phone'] as const).map((domain) => ({
    key: `${tenant}|${domain}`,
    next: liveStream(tenant, domain, `lat${Date.now()}${tenant}${domain}`),
  })),
);
for (const s of streams) pending.set(s.key, []);
const producer = createProducer(kafka);
await producer.connect();
let buffer: { topic: string; messages: OutgoingMessage[] }[] = [];
let produced = 0;
let measuredCount = 0;
let sending = true;
const sender = (async () => {
  while (sending || buffer.length > 0) {
    if (buffer.length === 0) {
      await sleep(2);
      continue;
    }
    const batch = buffer;
    buffer = [];
    await producer.sendMany(batch);
  }
})();
log(
  `latency: ${RATE} events/s for ${LATENCY_WARMUP_MS / 1000} s warm-up + ${LATENCY_MS / 1000} s, occurred_at = now`,
);
const clickhousePid =
  infra.processes.find((p) => p.name === 'clickhouse')?.pid ??
  (process.env.BENCH_CLICKHOUSE_PID ? Number(process.env.BENCH_CLICKHOUSE_PID) : undefined);
const metricsNow = async () => {
  const text = await fetch(`${agg.url}/metrics`).then((r) => r.text());
  const value = (name: string) =>
    Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  // Cumulative bucket counts of the apply-lag histogram, by upper bound (seconds).
  const applyLag = [...text.matchAll(/^aggregator_event_apply_lag_seconds_bucket\{([^}]*)\} (\S+)$/gm)].map(
    (m) => {
      const le = /le="([^"]+)"/.exec(m[1]!)?.[1];
      return { le: le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le), count: Number(m[2]) };
    },
  );
  return {
    rounds: value('aggregator_rollup_round_seconds_count'),
    seconds: value('aggregator_rollup_round_seconds_sum'),
    applyLag,
  };
};
/** A quantile (ms) of the histogram's growth between two readings, interpolated inside its bucket. */
function histogramQuantileMs(
  before: { le: number; count: number }[],
  after: { le: number; count: number }[],
  q: number,
): number | null {
  const delta = after.map((b, i) => ({ le: b.le, count: b.count - (before[i]?.count ?? 0) }));
  const total = delta.at(-1)?.count ?? 0;
  if (total === 0) return null;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const b of delta) {
    if (b.count >= rank) {
      if (!Number.isFinite(b.le)) return Math.round(lower * 1000);
      return Math.round((lower + ((b.le - lower) * (rank - below)) / Math.max(1, b.count - below)) * 1000);
    }
    lower = b.le;
    below = b.count;
  }
  return null;
}
let stopCpu: ReturnType<typeof startCpuMeasurement> | undefined;
let roundsAtStart: Awaited<ReturnType<typeof metricsNow>> | undefined;
const l0 = Date.now();
for (;;) {
  const elapsed = Date.now() - l0;
  if (elapsed >= LATENCY_WARMUP_MS + LATENCY_MS) break;
  if (elapsed >= LATENCY_WARMUP_MS && !roundsAtStart) {
    roundsAtStart = await metricsNow();
    if (clickhousePid !== undefined) stopCpu = startCpuMeasurement(clickhousePid);
  }
  const due = Math.floor((elapsed / 1000) * RATE) - produced;
  const byTopic = new Map<string, OutgoingMessage[]>();
  for (let i = 0; i < due; i++) {
    const s = streams[(produced + i) % streams.length]!;
    const e = s.next();
    const measured = elapsed >= LATENCY_WARMUP_MS;
    if (measured) measuredCount++;
    pending.get(s.key)!.push({ occurredMs: Date.parse(e.occurred_at), producedMs: Date.now(), measured });
    const topic = `${t.prefix}${topicFor(e.type)}`;
    const list = byTopic.get(topic) ?? [];
    list.push({ key: partitionKey(e), value: JSON.stringify(e) });
    byTopic.set(topic, list);
  }
  produced += Math.max(0, due);
  for (const [topic, messages] of byTopic) buffer.push({ topic, messages });
  await sleep(5);
}
const clickhouseCpu = stopCpu?.();
const roundsAtEnd = await metricsNow();
sending = false;
await sender;
const producedSeconds = (Date.now() - l0) / 1000;
// Give the last snapshots time to arrive.
const waitUntil = Date.now() + 10_000;
while (Date.now() < waitUntil && latencies.length < measuredCount && snapshots > 0) await sleep(100);
if (snapshots === 0) await sleep(5_000);
await reader.disconnect();
await producer.disconnect();

latencies.sort((a, b) => a - b);
pipelineShares.sort((a, b) => a - b);
const phaseRounds = roundsAtEnd.rounds - (roundsAtStart?.rounds ?? 0);
const latency =
  snapshots === 0
    ? 'no snapshots on kpi.v1 (publisher not wired)'
    : {
        rate_events_per_second: RATE,
        produced_events: produced,
        produced_seconds: Number(producedSeconds.toFixed(1)),
        measured_events: measuredCount,
        matched_events: latencies.length,
        snapshots_received: snapshots,
        unparseable_snapshots: badSnapshots,
        latency_ms: {
          p50: percentile(latencies, 50),
          p99: percentile(latencies, 99),
          max: latencies.at(-1) ?? null,
        },
        pipeline_share_ms: {
          to_live_state: {
            what: 'produce (occurred_at) to applied to the live state, per stored batch (its last event), from aggregator_event_apply_lag_seconds: Kafka, decoding and the state (the live state does not wait for the raw insert); interpolated inside the histogram bucket',
            batches: (roundsAtEnd.applyLag.at(-1)?.count ?? 0) - (roundsAtStart?.applyLag.at(-1)?.count ?? 0),
            p50: histogramQuantileMs(roundsAtStart?.applyLag ?? [], roundsAtEnd.applyLag, 0.5),
            p99: histogramQuantileMs(roundsAtStart?.applyLag ?? [], roundsAtEnd.applyLag, 0.99),
          },
          newest_event_on_receipt: {
            what: "per snapshot, the age on receipt of the newest event it reflects (applied last before the computation, so it waited least for its key's publication slot)",
            snapshots: pipelineShares.length,
            p50: percentile(pipelineShares, 50),
            p99: percentile(pipelineShares, 99),
          },
        },
        snapshot_min_interval_ms: Number(process.env.AGGREGATOR_SNAPSHOT_MIN_INTERVAL_MS ?? 500),
        target_p99_ms: 1_000,
        clickhouse_cpu:
          clickhouseCpu === undefined
            ? 'not measured: the bench used an existing server; set BENCH_CLICKHOUSE_PID'
            : { pid: clickhousePid, ...clickhouseCpu, target_percent_of_one_core: 25 },
        rollup_rounds_during_phase: {
          count: phaseRounds,
          mean_seconds:
            phaseRounds > 0
              ? Number(((roundsAtEnd.seconds - (roundsAtStart?.seconds ?? 0)) / phaseRounds).toFixed(3))
              : null,
        },
      };

await stop(agg);
// Stopping brings the day tables up to date: they must hold every visit and call of the backlog.
// The latency phase's events are of today (Amsterdam); the backlog's of the days before.
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
const dayTotal = async (table: string, column: string) =>
  Number(
    (
      await t.db.query<{ n: string }>(
        sql`SELECT sum(${ident(column)}) AS n FROM ${ident(table)} FINAL WHERE day < toDate(${today})`,
      )
    )[0]?.n ?? 0,
  );
const dayTables = {
  visits_per_day_v1: (await dayTotal('visits_per_day_v1', 'visits')) === lastLoad.visits,
  visit_waits_per_day_v1: (await dayTotal('visit_waits_per_day_v1', 'wait_count')) > 0,
  calls_per_day_v1: (await dayTotal('calls_per_day_v1', 'offered')) === lastLoad.calls,
  call_waits_per_day_v1: (await dayTotal('call_waits_per_day_v1', 'answered')) > 0,
};
const report = {
  benchmark:
    'aggregator: Kafka → ClickHouse raw events, facts and rollups (the built aggregator as its own process)',
  machine: {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    load_average_1m_at_end: Number(loadavg()[0]!.toFixed(2)),
    node: process.version,
  },
  infrastructure: `${infra.mode}: Kafka ${infra.kafka.version}, ClickHouse ${infra.clickhouse.version}`,
  partitions_per_topic: PARTITIONS,
  throughput,
  day_tables_complete_after_stop: dayTables,
  latency,
};
console.log(JSON.stringify(report, null, 2));
await t.db.command(sql`DROP DATABASE IF EXISTS ${ident(t.db.database)}`);
await t.db.close();
await infra.stop();
