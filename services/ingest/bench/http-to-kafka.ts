// `npm run bench:ingest`: accepted events per second from HTTP to Kafka acknowledgement, with
// batches of 500 canonical events, and the request latency percentiles. The ingest service runs
// as its own process (as in production); this process only generates load.
import { mkdirSync, writeFileSync } from 'node:fs';
import { CACHE_DIR, freePort, provideInfra, startProcess, waitUntil } from '@stuurwiel/infra';
import { createKafka, ensureTopics } from '@stuurwiel/kafka';
import { ALL_EVENT_TOPICS, deriveEventId, TOPICS } from '@stuurwiel/schemas';
import { generateApiKey } from '../src/auth/api-keys.js';

const BATCH = 500;
const INGEST_NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 20) * 1000;
const WARMUP_MS = Number(process.env.BENCH_WARMUP_SECONDS ?? 8) * 1000;
const TENANT = 'GM0363';

function batchBody(n: number): string {
  const events = [];
  for (let i = 0; i < BATCH; i++) {
    const id = `${n}-${i}`;
    const at = new Date(Date.UTC(2026, 2, 2, 7, 0, 0) + (n * BATCH + i) * 10).toISOString();
    const source = { system: 'queue_management', vendor: 'qmatic' };
    events.push(
      i % 2 === 0
        ? {
            spec_version: 1,
            event_id: deriveEventId(TENANT, 'qmatic', id, 'arrived'),
            tenant: TENANT,
            source,
            occurred_at: at,
            type: 'visit.arrived',
            payload: {
              visit_id: id,
              location_id: 'stadhuis',
              queue_id: 'burgerzaken',
              kind: 'walk_in',
              products: ['paspoort'],
            },
          }
        : {
            spec_version: 1,
            event_id: deriveEventId(TENANT, 'asterisk', id, 'answered'),
            tenant: TENANT,
            source: { system: 'telephony', vendor: 'asterisk' },
            occurred_at: at,
            type: 'call.answered',
            payload: { call_id: id, queue_id: 'kcc', agent_key: 'a1b2c3d4e5f60718', wait_seconds: 12.5 },
          },
    );
  }
  return JSON.stringify(events);
}

function percentile(sorted: number[], p: number): number {
  // Nearest-rank percentile.
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const runDir = `${CACHE_DIR}/bench/${new Date().toISOString().replace(/[:.]/g, '-')}`;
mkdirSync(runDir, { recursive: true });
const infra = await provideInfra({ runDir, log: (m) => console.error(`[infra] ${m}`) });
const prefix = `bench${Date.now()}.`;
await ensureTopics(
  createKafka({ brokers: infra.kafka.brokers, clientId: 'bench' }),
  [...ALL_EVENT_TOPICS, TOPICS.deadLetter].map((t) => ({ topic: `${prefix}${t}`, partitions: 6 })),
);
const key = generateApiKey('bench');
const credentialsFile = `${runDir}/credentials.json`;
writeFileSync(
  credentialsFile,
  JSON.stringify({
    keys: [{ id: 'bench', tenant: TENANT, sha256: key.sha256 }],
    tenants: { [TENANT]: { pseudonym_secret: 'bench-secret-0123456789abcdef0123456789' } },
  }),
);
const port = await freePort();
const service = startProcess(
  'ingest',
  process.execPath,
  [
    // The flags the service runs with in production (see its Dockerfile), plus a profile on request.
    ...INGEST_NODE_FLAGS,
    ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${runDir}`] : []),
    'services/ingest/dist/main.js',
  ],
  {
    logFile: `${runDir}/ingest.log`,
    env: {
      ...process.env,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      KAFKA_BROKERS: infra.kafka.brokers.join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      INGEST_CREDENTIALS_FILE: credentialsFile,
      INGEST_RATE_LIMIT_PER_MINUTE: '1000000',
    },
  },
);
const url = `http://127.0.0.1:${port}`;
await waitUntil(
  'ingest',
  async () => (await fetch(`${url}/readyz`)).ok || Promise.reject(new Error('not ready')),
  {
    timeoutMs: 30_000,
    logFile: service.logFile,
  },
);

const bodies = Array.from({ length: 64 }, (_, n) => batchBody(n));
async function post(body: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key.key}` },
    body,
  });
  await res.arrayBuffer();
  if (res.status !== 202) throw new Error(`HTTP ${res.status}`);
  return performance.now() - started;
}

/** Posts from CONCURRENCY clients until `ms` have passed; returns each request's latency. */
async function load(ms: number): Promise<number[]> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      let n = worker;
      while (performance.now() - started < ms) {
        latencies.push(await post(bodies[n % bodies.length]!));
        n += CONCURRENCY;
      }
    }),
  );
  return latencies;
}

// Warm-up under the same load: connections, the producer id, and both JITs (Node's and the
// broker's JVM) settle before anything is measured.
await load(WARMUP_MS);

const started = performance.now();
const latencies = await load(DURATION_MS);
const accepted = latencies.length * BATCH;
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const report = {
  benchmark: 'ingest: HTTP POST /v1/events → Kafka ack',
  infrastructure: `${infra.mode}: Kafka ${infra.kafka.version}`,
  batch_events: BATCH,
  concurrent_clients: CONCURRENCY,
  seconds: Number(seconds.toFixed(1)),
  requests: latencies.length,
  accepted_events_per_second: Math.round(accepted / seconds),
  latency_ms: {
    p50: Number(percentile(latencies, 50).toFixed(1)),
    p99: Number(percentile(latencies, 99).toFixed(1)),
    max: Number((latencies.at(-1) ?? 0).toFixed(1)),
  },
  target_events_per_second: 20_000,
};
console.log(JSON.stringify(report, null, 2));
await service.stop();
await infra.stop();
