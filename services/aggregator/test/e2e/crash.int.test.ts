import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { type Db, ident, Sql, sql } from '@stuurwiel/clickhouse';
import { CACHE_DIR, type ManagedProcess, REPO_ROOT } from '@stuurwiel/infra';
import {
  seededRandom,
  testKafka,
  testTopics,
  uniqueName,
  useInfra,
  useTestDatabase,
} from '@stuurwiel/infra/testing';
import { createProducer, type EventProducer } from '@stuurwiel/kafka';
import { ALL_EVENT_TOPICS, type CanonicalEvent, partitionKey, TOPICS, topicFor } from '@stuurwiel/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateGoldenDay } from '../../../../test/golden/generate.js';
import { type AggregatorProcess, startAggregatorProcess } from '../support/aggregator-process.js';

// "No loss, no double count": the aggregator runs as a real child process, so that SIGKILL is a
// real crash (no onClose, no final commit); run 1 reads the golden day without a crash, run 2
// reads the same events while being killed three times; ClickHouse must end up the same.
// CRASH_SEED picks the kill moments; CRASH_DAY_SEED and CRASH_SCALE the golden day (its defaults).
const SEED = Number(process.env.CRASH_SEED ?? 20260302);
const DAY_SEED = process.env.CRASH_DAY_SEED === undefined ? undefined : Number(process.env.CRASH_DAY_SEED);
const SCALE = Number(process.env.CRASH_SCALE ?? 1);
const CHUNKS = 8;
const KILLS = 3;
const MAIN = `${REPO_ROOT}services/aggregator/dist/main.js`;
const STOP_GRACE_MS = 180_000;
const EXCLUDED_COLUMNS = new Set(['computed_at', 'version']);
const COMPARED_TABLE = /_facts_v1$|_per_hour_v1$|_per_day_v1$/;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not reached in ${timeoutMs} ms`);
    await sleep(250);
  }
}

interface Run {
  name: string;
  prefix: string;
  groupId: string;
  db: Db;
  logFile: string;
  starts: number;
}

async function newRun(name: string, logDir: string, db: Db): Promise<Run> {
  const infra = useInfra();
  const prefix = `${uniqueName(`crash${name}`)}.`;
  await testTopics(infra, [
    ...[...ALL_EVENT_TOPICS, TOPICS.deadLetter].map((t) => ({ topic: `${prefix}${t}`, partitions: 3 })),
    { topic: `${prefix}${TOPICS.kpi}`, partitions: 3, compacted: true },
    { topic: `${prefix}${TOPICS.deadlines}`, partitions: 3, compacted: true },
  ]);
  return {
    name,
    prefix,
    groupId: uniqueName(`crash${name}`),
    db,
    logFile: `${logDir}/aggregator-${name}.log`,
    starts: 0,
  };
}

/** Starts the built aggregator for a run, as it runs in production. */
async function startAggregator(run: Run): Promise<AggregatorProcess> {
  run.starts++;
  return startAggregatorProcess({
    name: `aggregator-${run.name}-${run.starts}`,
    infra: useInfra(),
    logFile: run.logFile,
    topicPrefix: run.prefix,
    database: run.db.database,
    groupId: run.groupId,
    // A killed member holds its partitions until its session expires. The production default:
    // with 10 s, a member starved of CPU by the integration files beside it (kafkajs heartbeats
    // from its fetch loop only) was expelled, and after a rejoin it sometimes never consumed again.
    env: {
      AGGREGATOR_SESSION_TIMEOUT_MS: '30000',
      // The final stop brings the rollups up to date, which this test compares; on a loaded
      // machine that takes longer than a production grace period.
      AGGREGATOR_SHUTDOWN_TIMEOUT_MS: String(STOP_GRACE_MS - 10_000),
      LOG_LEVEL: process.env.CRASH_LOG_LEVEL ?? 'warn',
    },
  });
}

async function ready(url: string, child: ManagedProcess, logFile: string): Promise<void> {
  let exited = false;
  void child.exited.then(() => {
    exited = true;
  });
  await eventually(
    `aggregator ready (see ${logFile})`,
    async () => {
      if (exited) throw new Error(`aggregator exited early; see ${logFile}`);
      return fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
    },
    60_000,
  );
}

async function produce(producer: EventProducer, prefix: string, events: readonly CanonicalEvent[]) {
  const byTopic = new Map<string, { key: string; value: string }[]>();
  for (const e of events) {
    const topic = `${prefix}${topicFor(e.type)}`;
    const list = byTopic.get(topic) ?? [];
    list.push({ key: partitionKey(e), value: JSON.stringify(e) });
    byTopic.set(topic, list);
  }
  // Sends under the broker's 1 MB record-batch limit.
  for (const [topic, messages] of byTopic) {
    for (let i = 0; i < messages.length; i += 1000) await producer.send(topic, messages.slice(i, i + 1000));
  }
}

/** Messages of the event topics not yet behind the group's committed offsets. */
async function lag(run: Run): Promise<number> {
  const admin = testKafka(useInfra(), 'crash-admin').admin();
  await admin.connect();
  try {
    const topics = ALL_EVENT_TOPICS.map((t) => `${run.prefix}${t}`);
    const committed = await admin.fetchOffsets({ groupId: run.groupId, topics });
    let behind = 0;
    for (const topic of topics) {
      const done = committed.find((c) => c.topic === topic)?.partitions ?? [];
      for (const end of await admin.fetchTopicOffsets(topic)) {
        const at = Number(done.find((p) => p.partition === end.partition)?.offset ?? -1);
        behind += Number(end.high) - Math.max(at, Number(end.low));
      }
    }
    return behind;
  } finally {
    await admin.disconnect();
  }
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

/** Fact and rollup tables the migrations created (not views or their inner tables). */
async function comparedTables(db: Db): Promise<string[]> {
  const rows = await db.query<{ name: string; engine: string }>(
    sql`SELECT name, engine FROM system.tables WHERE database = ${db.database}`,
  );
  return rows
    .filter((r) => COMPARED_TABLE.test(r.name) && !r.engine.includes('View'))
    .map((r) => r.name)
    .sort();
}

/** Every row of a table, deduplicated (FINAL), without computed_at/version, in a fixed order. */
async function tableRows(db: Db, table: string): Promise<Record<string, unknown>[]> {
  const columns = (
    await db.query<{ name: string }>(
      sql`SELECT name FROM system.columns WHERE database = ${db.database} AND table = ${table}`,
    )
  )
    .map((c) => c.name)
    .filter((c) => !EXCLUDED_COLUMNS.has(c));
  const list = new Sql(['', ...columns.slice(1).map(() => ', '), ''], columns.map(ident));
  return db.query(sql`SELECT ${list} FROM ${ident(table)} FINAL ORDER BY ${list}`);
}

/** Rows only in `a` and rows only in `b` (as JSON, multiset difference), a few of each; '' when equal. */
function difference(a: readonly unknown[], b: readonly unknown[]): string {
  const left = new Map<string, number>();
  for (const row of a) left.set(JSON.stringify(row), (left.get(JSON.stringify(row)) ?? 0) + 1);
  const onlyB: string[] = [];
  for (const row of b) {
    const key = JSON.stringify(row);
    const n = left.get(key) ?? 0;
    if (n > 0) left.set(key, n - 1);
    else onlyB.push(key);
  }
  const onlyA = [...left].flatMap(([key, n]) => Array<string>(n).fill(key));
  if (onlyA.length === 0 && onlyB.length === 0) return '';
  return [
    `${onlyA.length} rows only without crashes, e.g.\n  ${onlyA.slice(0, 5).join('\n  ')}`,
    `${onlyB.length} rows only after crashes, e.g.\n  ${onlyB.slice(0, 5).join('\n  ')}`,
  ].join('\n');
}

/** Counts of the facts tables, to see them settle. */
async function factCounts(db: Db): Promise<string> {
  const tables = (await comparedTables(db)).filter((t) => t.endsWith('_facts_v1'));
  const counts = await Promise.all(tables.map(async (t) => `${t}=${await count(db, t, true)}`));
  return counts.join(' ');
}

/**
 * Everything read: committed offsets at the end of every topic, and the stored events and facts
 * stable (and the events as many as `events`, when given). Fails when nothing moved for a while,
 * not after a fixed time: with other integration files beside it, catching up can be slow but
 * must not stall.
 */
async function settled(run: Run, events?: number): Promise<void> {
  const stallMs = 90_000;
  let previous = '';
  let movedAt = Date.now();
  for (;;) {
    const behind = await lag(run);
    const raw = await count(run.db, 'raw_events_v1', true);
    const now = `lag=${behind} raw=${raw} ${await factCounts(run.db)}`;
    if (now === previous && behind === 0 && (events === undefined || raw === events)) return;
    if (now !== previous) movedAt = Date.now();
    if (Date.now() - movedAt > stallMs) {
      throw new Error(`${run.name}: stalled for ${stallMs} ms at ${now} (see ${run.logFile})`);
    }
    previous = now;
    await sleep(250);
  }
}

describe('aggregator crash recovery', () => {
  const golden = generateGoldenDay({ scale: SCALE, ...(DAY_SEED === undefined ? {} : { seed: DAY_SEED }) });
  const events = golden.events;
  const distinct = new Set(events.map((e) => e.event_id)).size;
  const logDir = `${CACHE_DIR}/test-logs/crash-${Date.now()}`;
  // Each run stores into a database of its own, so that the two can be compared.
  const calmDb = useTestDatabase('crashcalm');
  const crashyDb = useTestDatabase('crashcrashy');
  let producer: EventProducer;

  beforeAll(async () => {
    mkdirSync(logDir, { recursive: true });
    // The child runs the built service: build what is there now, so a stale dist is never tested.
    await promisify(execFile)(`${REPO_ROOT}node_modules/.bin/tsc`, ['-b', 'services/aggregator'], {
      cwd: REPO_ROOT,
    }).catch((error: { stdout?: string }) => {
      console.warn(`tsc -b services/aggregator reported errors:\n${error.stdout ?? error}`);
    });
    if (!existsSync(MAIN)) throw new Error(`${MAIN} missing: run npx tsc -b`);
    producer = createProducer(testKafka(useInfra(), 'crash-producer'));
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
  });

  it('after three SIGKILLs during the golden day, ClickHouse facts and rollups equal the no-crash run (no loss, no double count)', async () => {
    const started = Date.now();
    const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
    console.log(
      `golden day ${golden.day}: ${events.length} events (${distinct} distinct), tenants ${golden.tenants.join(', ')}, day seed ${DAY_SEED ?? 'default'}, scale ${SCALE}, kill seed ${SEED}`,
    );

    // Run 1: everything produced first, one aggregator, no crash.
    const calm = await newRun('calm', logDir, calmDb());
    await produce(producer, calm.prefix, events);
    const first = await startAggregator(calm);
    await settled(calm);
    const stored = await count(calm.db, 'raw_events_v1', true);
    await first.child.stop(STOP_GRACE_MS);
    console.log(`${elapsed()}: run 1 (no crash) done: ${await factCounts(calm.db)}`);

    // Run 2: the events arrive in chunks while the aggregator is killed at three random moments,
    // each a random share of the way through storing a randomly chosen chunk.
    // Seeded, so that a failing run's kill moments can be repeated.
    const rng = seededRandom(SEED);
    const killChunks = new Set<number>();
    while (killChunks.size < KILLS) killChunks.add(1 + rng.int(0, CHUNKS - 3));
    const crashy = await newRun('crashy', logDir, crashyDb());
    let current = await startAggregator(crashy);
    await ready(current.url, current.child, crashy.logFile);
    const size = Math.ceil(events.length / CHUNKS);
    const kills: string[] = [];
    for (let c = 0; c < CHUNKS; c++) {
      const chunk = events.slice(c * size, (c + 1) * size);
      const before = await count(crashy.db, 'raw_events_v1');
      await produce(producer, crashy.prefix, chunk);
      if (!killChunks.has(c)) {
        await sleep(300);
        continue;
      }
      const share = 0.1 + 0.8 * rng.float();
      const goal = before + Math.ceil(share * chunk.length);
      // Long enough for the member started after the last kill to get its partitions (the killed
      // one's session must expire first) and store some of this chunk before it is killed.
      const deadline = Date.now() + 60_000;
      let progress = before;
      while (progress < goal && Date.now() < deadline) {
        await sleep(10);
        progress = await count(crashy.db, 'raw_events_v1');
      }
      await current.child.kill();
      const moment = `SIGKILL ${kills.length + 1} at ${elapsed()}: chunk ${c + 1}/${CHUNKS}, aim ${Math.round(share * 100)}% of it stored, raw rows (with copies) ${progress - before}/${chunk.length} of the chunk, ${progress} in all`;
      kills.push(moment);
      console.log(moment);
      current = await startAggregator(crashy);
      await ready(current.url, current.child, crashy.logFile);
      console.log(`${elapsed()}: restarted (start ${crashy.starts})`);
    }
    await settled(crashy, stored);
    await current.child.stop(STOP_GRACE_MS);
    console.log(`${elapsed()}: run 2 (${kills.length} crashes) done: ${await factCounts(crashy.db)}`);
    expect(kills).toHaveLength(KILLS);

    expect(stored).toBeGreaterThan(0);
    expect(await count(crashy.db, 'raw_events_v1', true)).toBe(stored);
    const tables = await comparedTables(calm.db);
    expect(tables).toEqual(await comparedTables(crashy.db));
    expect(tables).toEqual(
      expect.arrayContaining([
        'visit_facts_v1',
        'call_facts_v1',
        'visits_per_hour_v1',
        'visits_per_day_v1',
        'calls_per_hour_v1',
      ]),
    );
    // Every table is compared before failing, so one run names every difference.
    const empty: string[] = [];
    const differing: string[] = [];
    for (const table of tables) {
      const [calmRows, crashyRows] = await Promise.all([
        tableRows(calm.db, table),
        tableRows(crashy.db, table),
      ]);
      if (calmRows.length === 0) empty.push(table);
      const diff = difference(calmRows, crashyRows);
      if (diff) differing.push(`${table} (${calmRows.length} rows without crashes):\n${diff}`);
      console.log(`${table}: ${calmRows.length} rows without crashes, ${crashyRows.length} after`);
    }
    expect(differing, 'tables that differ after the crashes').toEqual([]);
    expect(empty, 'tables empty in the no-crash run').toEqual([]);
  }, 900_000);
});
