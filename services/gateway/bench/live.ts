// `npm run bench:live`: live push under load. 500 socket.io clients on loopback (of four
// municipalities: managers on the municipality's room, team leads and wall screens on a
// location's) while counter and phone events are ingested at 2,000 per second through the real
// ingest service (its own process), aggregated by the real aggregator (its own process) into
// kpi.v1, and pushed by the real gateway (its own process: dist/main.js with its real config,
// HS256 tokens of a bench secret standing in for the identity provider's).
// Latency of an event, per client that receives its (municipality, domain): from ingest's
// acknowledgement of the request that carried it to the client's receipt of the first snapshot
// whose last_event_at reaches the event's occurred_at. Also the gateway's memory (RSS, heap) from
// its /metrics, sampled every second. Every process it started is stopped, also on failure.
// Options (env): BENCH_CLIENTS (500), BENCH_RATE (2000 events/s), BENCH_SECONDS (30),
// BENCH_WARMUP_SECONDS (5), BENCH_BATCH (500: most events per ingest request; a municipality's
// events are posted every 50 ms), AGGREGATOR_SNAPSHOT_MIN_INTERVAL_MS (passed to the aggregator).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { connectClickHouse, type Db, ident, migrate, sql } from '@stuurwiel/clickhouse';
import {
  CACHE_DIR,
  freePort,
  type ManagedProcess,
  provideInfra,
  REPO_ROOT,
  startProcess,
  waitUntil,
} from '@stuurwiel/infra';
import { createKafka, ensureTopics } from '@stuurwiel/kafka';
import { ALL_EVENT_TOPICS, type CanonicalEvent, TOPICS } from '@stuurwiel/schemas';
import { io, type Socket } from 'socket.io-client';
import { liveStream, TENANTS } from '../../aggregator/bench/load.js';
import { startAggregatorProcess } from '../../aggregator/test/support/aggregator-process.js';
import { generateApiKey } from '../../ingest/src/auth/api-keys.js';
import { signToken } from '../src/auth/tokens.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 500);
const RATE = Number(process.env.BENCH_RATE ?? 2_000);
const MEASURE_MS = Number(process.env.BENCH_SECONDS ?? 30) * 1000;
const WARMUP_MS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5) * 1000;
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const FLUSH_MS = 50;
const MAX_OPEN_REQUESTS = 32;
const LOCATIONS = ['stadhuis', 'stadsdeel-noord', 'stadsdeel-zuid']; // those of load.ts
const SECRET = `bench-live-${Date.now()}-0123456789abcdef0123456789`;
const ISSUER = 'stuurwiel-bench';
const AUDIENCE = 'stuurwiel-gateway';

const log = (message: string) => console.error(`[bench] ${message}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Latencies in whole milliseconds as counts per millisecond: exact percentiles for millions of samples. */
class Histogram {
  private counts = new Float64Array(120_001);
  total = 0;
  add(ms: number) {
    this.counts[Math.min(this.counts.length - 1, Math.max(0, Math.round(ms)))]! += 1;
    this.total += 1;
  }
  /** Nearest-rank percentile. */
  percentile(p: number): number | null {
    if (this.total === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * this.total));
    let seen = 0;
    for (let ms = 0; ms < this.counts.length; ms++) {
      seen += this.counts[ms]!;
      if (seen >= rank) return ms;
    }
    return null;
  }
  max(): number | null {
    for (let ms = this.counts.length - 1; ms >= 0; ms--) if (this.counts[ms]! > 0) return ms;
    return null;
  }
}

interface Ingested {
  occurredMs: number;
  ackMs: number;
  measured: boolean;
}

const started: ManagedProcess[] = [];
let stopping = false;
const sockets: Socket[] = [];
let db: Db | undefined;
const runDir = `${CACHE_DIR}/bench/live-${new Date().toISOString().replace(/[:.]/g, '-')}`;
mkdirSync(runDir, { recursive: true });
const infra = await provideInfra({ runDir, log: (m) => console.error(`[infra] ${m}`) });

async function cleanUp() {
  for (const s of sockets) s.close();
  await Promise.allSettled(started.map((p) => p.stop()));
  if (db) {
    await db.command(sql`DROP DATABASE IF EXISTS ${ident(db.database)}`).catch(() => {});
    await db.close();
  }
  await infra.stop();
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void cleanUp().finally(() => process.exit(130));
  });
}

try {
  const tag = `benchlive${Date.now()}`;
  const prefix = `${tag}.`;
  const kafka = createKafka({ brokers: infra.kafka.brokers, clientId: 'bench-live' });
  await ensureTopics(kafka, [
    ...[...ALL_EVENT_TOPICS, TOPICS.deadLetter].map((t) => ({ topic: `${prefix}${t}`, partitions: 6 })),
    { topic: `${prefix}${TOPICS.kpi}`, partitions: 3, compacted: true },
    { topic: `${prefix}${TOPICS.alerts}`, partitions: 3, compacted: true },
  ]);
  db = await connectClickHouse({
    url: infra.clickhouse.url,
    username: infra.clickhouse.username,
    password: infra.clickhouse.password,
    database: tag,
  });
  await migrate(db);

  // ---- The three services, each its own process.
  const keys = Object.fromEntries(TENANTS.map((t) => [t, generateApiKey(`bench-${t.toLowerCase()}`)]));
  const credentialsFile = `${runDir}/credentials.json`;
  writeFileSync(
    credentialsFile,
    JSON.stringify({
      keys: TENANTS.map((t) => ({ id: `bench-${t.toLowerCase()}`, tenant: t, sha256: keys[t]!.sha256 })),
      tenants: Object.fromEntries(
        TENANTS.map((t) => [t, { pseudonym_secret: `bench-secret-${t}-0123456789abcdef` }]),
      ),
    }),
  );
  const ingestPort = await freePort();
  const ingest = startProcess('ingest', process.execPath, [`${REPO_ROOT}services/ingest/dist/main.js`], {
    cwd: REPO_ROOT,
    logFile: `${runDir}/ingest.log`,
    env: {
      ...process.env,
      PORT: String(ingestPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      KAFKA_BROKERS: infra.kafka.brokers.join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      INGEST_CREDENTIALS_FILE: credentialsFile,
      INGEST_RATE_LIMIT_PER_MINUTE: '1000000',
    },
  });
  started.push(ingest);
  const aggregator = await startAggregatorProcess({
    name: 'aggregator',
    infra,
    logFile: `${runDir}/aggregator.log`,
    topicPrefix: prefix,
    database: tag,
    groupId: `${tag}-aggregator`,
  });
  started.push(aggregator.child);
  const gatewayPort = await freePort();
  const gateway = startProcess('gateway', process.execPath, [`${REPO_ROOT}services/gateway/dist/main.js`], {
    cwd: REPO_ROOT,
    logFile: `${runDir}/gateway.log`,
    env: {
      ...process.env,
      PORT: String(gatewayPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      KAFKA_BROKERS: infra.kafka.brokers.join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      CLICKHOUSE_URL: infra.clickhouse.url,
      CLICKHOUSE_USER: infra.clickhouse.username,
      CLICKHOUSE_PASSWORD: infra.clickhouse.password,
      CLICKHOUSE_DATABASE: tag,
      GATEWAY_JWT_SECRET: SECRET,
      GATEWAY_JWT_ISSUER: ISSUER,
      GATEWAY_JWT_AUDIENCE: AUDIENCE,
      // 500 clients connect within seconds from one address.
      GATEWAY_RATE_LIMIT_PER_MINUTE: '1000000',
    },
  });
  started.push(gateway);
  const ingestUrl = `http://127.0.0.1:${ingestPort}`;
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const ready = (url: string) => async () =>
    (await fetch(`${url}/readyz`)).ok || Promise.reject(new Error('not ready'));
  for (const [name, url, p] of [
    ['ingest', ingestUrl, ingest],
    ['aggregator', aggregator.url, aggregator.child],
    ['gateway', gatewayUrl, gateway],
  ] as const) {
    await waitUntil(name, ready(url), { timeoutMs: 60_000, logFile: p.logFile, exited: p.exited });
  }
  for (const p of started) {
    void p.exited.then((code) => {
      if (!stopping) {
        console.error(`${p.name} exited (code ${code}); see ${p.logFile}`);
        process.exitCode = 1;
      }
    });
  }
  log('ingest, aggregator and gateway are ready');

  // ---- The clients: per municipality a fifth managers, a fifth team leads of a location, the
  // rest wall screens of a location.
  const pending = new Map<string, Ingested[]>(); // per "tenant|domain", by occurred_at
  for (const t of TENANTS) for (const d of ['counter', 'phone']) pending.set(`${t}|${d}`, []);
  const latency = new Histogram();
  // The last hop apart: from the aggregator computing a snapshot (computed_at, the same machine's
  // clock) to a client's receipt, through kpi.v1 and the gateway.
  const lastHop = new Histogram();
  let received = 0;
  let measuring = false;
  const clientKinds = { manager: 0, teamlead: 0, wallscreen: 0 };
  const connectOne = async (n: number) => {
    const tenant = TENANTS[n % TENANTS.length]!;
    const slot = Math.floor(n / TENANTS.length) % 5;
    const location = LOCATIONS[n % LOCATIONS.length]!;
    const kind = slot === 0 ? 'manager' : slot === 1 ? 'teamlead' : 'wallscreen';
    clientKinds[kind]++;
    const token = await signToken(
      { sub: `bench-${n}`, tenant, role: kind, ...(kind === 'manager' ? {} : { locations: [location] }) },
      { secret: SECRET, issuer: ISSUER, audience: AUDIENCE, expiresIn: '2h' },
    );
    const socket = io(gatewayUrl, { auth: { token }, transports: ['websocket'], forceNew: true });
    sockets.push(socket);
    // Per (municipality, domain) this client sees: how far through `pending` it has counted.
    const cursor = new Map<string, number>();
    socket.on(
      'message',
      (m: {
        type: string;
        snapshot?: { tenant: string; domain: string; computed_at: string; last_event_at: string | null };
      }) => {
        const at = Date.now();
        received++;
        if (m.type !== 'snapshot' || !m.snapshot?.last_event_at) return;
        if (measuring) lastHop.add(at - Date.parse(m.snapshot.computed_at));
        const key = `${m.snapshot.tenant}|${m.snapshot.domain}`;
        const list = pending.get(key);
        if (!list) return;
        const upTo = Date.parse(m.snapshot.last_event_at);
        let i = cursor.get(key) ?? 0;
        for (; i < list.length && list[i]!.occurredMs <= upTo; i++) {
          const e = list[i]!;
          // Reflected before its request's answer arrived here: no wait after the acknowledgement.
          if (e.measured) latency.add(e.ackMs > 0 ? at - e.ackMs : 0);
        }
        cursor.set(key, i);
      },
    );
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
  };
  for (let n = 0; n < CLIENTS; n += 50) {
    await Promise.all(Array.from({ length: Math.min(50, CLIENTS - n) }, (_, i) => connectOne(n + i)));
  }
  log(`${CLIENTS} socket.io clients connected (${JSON.stringify(clientKinds)})`);

  // ---- Load: RATE events/s with occurred_at = now, posted per municipality in batches.
  const streams = TENANTS.flatMap((tenant) =>
    (['counter', 'phone'] as const).map((domain) => ({
      tenant,
      key: `${tenant}|${domain}`,
      next: liveStream(tenant, domain, `live${Date.now()}${tenant}${domain}`),
    })),
  );
  let produced = 0;
  let open = 0;
  let failures = 0;
  let acked = 0;
  let deferredFlushes = 0;
  const post = async (tenant: string, events: { e: CanonicalEvent; record: Ingested }[]) => {
    open++;
    try {
      const res = await fetch(`${ingestUrl}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${keys[tenant]!.key}` },
        body: JSON.stringify(events.map((x) => x.e)),
      });
      const body = await res.text();
      if (res.status !== 202) throw new Error(`HTTP ${res.status}: ${body.slice(0, 300)}`);
      const at = Date.now();
      for (const x of events) x.record.ackMs = at;
      acked += events.length;
    } catch (error) {
      failures++;
      if (failures <= 3)
        log(`ingest request failed: ${(error as Error).message} ${String((error as Error).cause ?? '')}`);
    } finally {
      open--;
    }
  };
  const metricsOf = async () => {
    const text = await fetch(`${gatewayUrl}/metrics`).then((r) => r.text());
    const value = (name: string) =>
      Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
    const feedLag = [...text.matchAll(/^gateway_live_feed_lag_seconds_bucket\{([^}]*)\} (\S+)$/gm)].map(
      (m) => ({
        le: /le="([^"]+)"/.exec(m[1]!)?.[1] ?? '',
        count: Number(m[2]),
      }),
    );
    return {
      feedLag,
      rss: value('process_resident_memory_bytes'),
      heap: value('nodejs_heap_size_used_bytes'),
      queued: value('gateway_push_queued_messages'),
      connections: value('gateway_push_connections'),
    };
  };
  // CPU seconds of a service's process (prom-client's default metric), to show what the load costs
  // it, e.g. the aggregator at a shorter AGGREGATOR_SNAPSHOT_MIN_INTERVAL_MS.
  const cpuOf = async (url: string) => {
    const text = await fetch(`${url}/metrics`).then((r) => r.text());
    return Number(/^process_cpu_seconds_total(?:\{[^}]*\})? (\S+)$/m.exec(text)?.[1] ?? Number.NaN);
  };
  const cpuAt = async () => ({
    at: Date.now(),
    aggregator: await cpuOf(aggregator.url),
    gateway: await cpuOf(gatewayUrl),
    ingest: await cpuOf(ingestUrl),
  });
  let cpuStart: Awaited<ReturnType<typeof cpuAt>> | undefined;
  const memory: Awaited<ReturnType<typeof metricsOf>>[] = [];
  const sampler = setInterval(() => {
    void metricsOf().then(
      (m) => memory.push(m),
      () => {},
    );
  }, 1_000);
  const before = await metricsOf();
  log(`load: ${RATE} events/s for ${WARMUP_MS / 1000} s warm-up + ${MEASURE_MS / 1000} s measured`);
  const t0 = Date.now();
  let receivedAtStart = 0;
  let atStart: Awaited<ReturnType<typeof metricsOf>> | undefined;
  // Per municipality, the events not yet posted: one request each every FLUSH_MS at most.
  const unsent = new Map<string, { e: CanonicalEvent; record: Ingested }[]>(TENANTS.map((t) => [t, []]));
  let lastFlush = 0;
  for (;;) {
    const elapsed = Date.now() - t0;
    if (elapsed >= WARMUP_MS + MEASURE_MS) break;
    if (!measuring && elapsed >= WARMUP_MS) {
      measuring = true;
      receivedAtStart = received;
      atStart = await metricsOf();
      cpuStart = await cpuAt();
    }
    const due = Math.floor((elapsed / 1000) * RATE) - produced;
    for (let i = 0; i < due; i++) {
      const s = streams[(produced + i) % streams.length]!;
      const e = s.next();
      const record: Ingested = { occurredMs: Date.parse(e.occurred_at), ackMs: 0, measured: measuring };
      pending.get(s.key)!.push(record);
      unsent.get(s.tenant)!.push({ e, record });
    }
    produced += Math.max(0, due);
    if (elapsed - lastFlush >= FLUSH_MS) {
      lastFlush = elapsed;
      for (const [tenant, list] of unsent) {
        // Ingest answering slower than the load comes: the events wait here, and their wait counts
        // nowhere (latency runs from the acknowledgement), so report it.
        if (open >= MAX_OPEN_REQUESTS) {
          deferredFlushes++;
          break;
        }
        for (let i = 0; i < list.length; i += BATCH) void post(tenant, list.slice(i, i + BATCH));
        list.length = 0;
      }
    }
    await sleep(5);
  }
  for (const [tenant, list] of unsent)
    for (let i = 0; i < list.length; i += BATCH) void post(tenant, list.slice(i, i + BATCH));
  const loadSeconds = (Date.now() - t0 - WARMUP_MS) / 1000;
  const cpuEnd = await cpuAt();
  const cpuShare = (service: 'aggregator' | 'gateway' | 'ingest') =>
    cpuStart
      ? Number(((cpuEnd[service] - cpuStart[service]) / ((cpuEnd.at - cpuStart.at) / 1000)).toFixed(3))
      : null;
  const receivedInLoad = received - receivedAtStart;
  // The last events' snapshots: the aggregator publishes each key at most every 500 ms.
  while (open > 0) await sleep(20);
  await sleep(3_000);
  clearInterval(sampler);
  const after = await metricsOf();
  // The gateway's own cumulative histogram, over the measured phase: share applied within each bound.
  const lagTotal = (after.feedLag.at(-1)?.count ?? 0) - (atStart?.feedLag.at(-1)?.count ?? 0);
  const feedLagShares = Object.fromEntries(
    after.feedLag.map((b, i) => [
      b.le === '+Inf' ? 'any' : `${Number(b.le) * 1000}`,
      Number(((b.count - (atStart?.feedLag[i]?.count ?? 0)) / Math.max(1, lagTotal)).toFixed(4)),
    ]),
  );

  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  const measured = [...pending.values()].flat().filter((e) => e.measured).length;
  const report = {
    benchmark:
      'live push: ingest (HTTP ack) → aggregator → kpi.v1 → gateway → socket.io client, each service its own process',
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      load_average_1m_at_end: Number(loadavg()[0]!.toFixed(2)),
      node: process.version,
    },
    infrastructure: `${infra.mode}: Kafka ${infra.kafka.version}, ClickHouse ${infra.clickhouse.version}`,
    clients: { total: CLIENTS, ...clientKinds, connected_at_end: after.connections },
    rate_events_per_second: RATE,
    measured_seconds: Number(loadSeconds.toFixed(1)),
    events_ingested: acked,
    events_measured: measured,
    ingest_failures: failures,
    ingest_posts_deferred_while_32_requests_were_open: deferredFlushes,
    messages_received_by_clients_per_second: Math.round(receivedInLoad / loadSeconds),
    latency_ms: {
      what: "ingest's acknowledgement → a client's receipt of the first snapshot whose last_event_at reaches the event, per event and client that receives its municipality and domain",
      samples: latency.total,
      p50: latency.percentile(50),
      p99: latency.percentile(99),
      max: latency.max(),
      target_p99: 1_000,
    },
    snapshot_computed_to_client_ms: {
      what: "the aggregator's computed_at → a client's receipt: kpi.v1 and the gateway",
      samples: lastHop.total,
      p50: lastHop.percentile(50),
      p99: lastHop.percentile(99),
      max: lastHop.max(),
    },
    gateway_feed_lag: {
      what: "the gateway's gateway_live_feed_lag_seconds over the measured phase: from a snapshot's Kafka timestamp to its routing to the clients' outboxes; share of messages within each bound (ms)",
      messages: lagTotal,
      share_within_ms: feedLagShares,
    },
    gateway_memory_mb: {
      before_load: { rss: mb(before.rss), heap_used: mb(before.heap) },
      max_during_load: {
        rss: mb(Math.max(...memory.map((m) => m.rss))),
        heap_used: mb(Math.max(...memory.map((m) => m.heap))),
      },
      after_load: { rss: mb(after.rss), heap_used: mb(after.heap) },
    },
    cpu_cores_used_while_measured: {
      what: 'process CPU seconds per wall second of each service over the measured phase',
      aggregator: cpuShare('aggregator'),
      gateway: cpuShare('gateway'),
      ingest: cpuShare('ingest'),
    },
    gateway_queued_messages_max: Math.max(...memory.map((m) => m.queued)),
    snapshot_min_interval_ms: Number(process.env.AGGREGATOR_SNAPSHOT_MIN_INTERVAL_MS ?? 500),
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  stopping = true;
  await cleanUp();
}
