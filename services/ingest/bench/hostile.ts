// `npm run bench:hostile`: posts every input of the hostile corpus (test/hostile/corpus.ts) to an
// ingest service running as its own process, one at a time, while a second client polls
// /healthz every 10 ms, and prints the longest health-check wait per input and overall. Target:
// under 50 ms for every input up to the body limit: no request may stall the others. Each line
// also shows the service's peak memory so far (an 8 MiB NDJSON body of `{}` lines must not
// balloon it: it is refused by its line count before it is parsed).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { CACHE_DIR, freePort, provideInfra, startProcess, waitUntil } from '@stuurwiel/infra';
import { createKafka, ensureTopics } from '@stuurwiel/kafka';
import { ALL_EVENT_TOPICS, TOPICS } from '@stuurwiel/schemas';
import { generateApiKey } from '../src/auth/api-keys.js';
import { hostileInputs } from '../test/hostile/corpus.js';
import { post } from '../test/hostile/post.js';
import { startFakeZgwServer } from '../test/zgw/fake-zgw-server.js';

const TARGET_MS = 50;
const POLL_MS = 10;
const BODY_LIMIT = 8 * 1024 * 1024;
const TENANTS = ['GM0363', 'GM0599'] as const;

const runDir = `${CACHE_DIR}/bench/hostile-${new Date().toISOString().replace(/[:.]/g, '-')}`;
mkdirSync(runDir, { recursive: true });
const infra = await provideInfra({ runDir, log: (m) => console.error(`[infra] ${m}`) });
// Whatever fails below, the Kafka and ClickHouse started for this bench must not stay behind.
try {
  const prefix = `benchhostile${Date.now()}.`;
  await ensureTopics(
    createKafka({ brokers: infra.kafka.brokers, clientId: 'bench-hostile' }),
    [...ALL_EVENT_TOPICS, TOPICS.deadLetter].map((t) => ({ topic: `${prefix}${t}`, partitions: 3 })),
  );

  const zgw = await startFakeZgwServer();
  zgw.load(JSON.parse(readFileSync(new URL('../test/zgw/fixtures/catalogi.json', import.meta.url), 'utf8')));
  const keys = TENANTS.map((tenant) => ({ tenant, ...generateApiKey(`bench-${tenant.toLowerCase()}`) }));
  const credentialsFile = `${runDir}/credentials.json`;
  writeFileSync(
    credentialsFile,
    JSON.stringify({
      keys: keys.map((k) => ({ id: `bench-${k.tenant.toLowerCase()}`, tenant: k.tenant, sha256: k.sha256 })),
      tenants: {
        GM0363: {
          pseudonym_secret: 'bench-secret-gm0363-0123456789abcdef',
          zgw: {
            zaken_api_url: zgw.zakenApiUrl,
            catalogi_api_url: zgw.catalogiApiUrl,
            client_id: zgw.clientId,
            secret: zgw.secret,
          },
        },
        GM0599: { pseudonym_secret: 'bench-secret-gm0599-0123456789abcdef' },
      },
    }),
  );
  const port = await freePort();
  const service = startProcess('ingest', process.execPath, ['services/ingest/dist/main.js'], {
    logFile: `${runDir}/ingest.log`,
    env: {
      ...process.env,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      KAFKA_BROKERS: infra.kafka.brokers.join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      INGEST_CREDENTIALS_FILE: credentialsFile,
      INGEST_MAX_BODY_BYTES: String(BODY_LIMIT),
      INGEST_RATE_LIMIT_PER_MINUTE: '1000000',
      // The corpus sends wrong keys on purpose; the bench measures stalls, not the lockout.
      INGEST_FAILED_AUTH_PER_MINUTE: '1000000',
      // The fake Zaken and Catalogi APIs this bench serves itself speak plain http on 127.0.0.1.
      INGEST_ALLOW_INSECURE_HTTP: 'true',
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(
    'ingest',
    async () => (await fetch(`${url}/readyz`)).ok || Promise.reject(new Error('not ready')),
    { timeoutMs: 30_000, logFile: service.logFile },
  );

  // The poller runs in a thread of its own, so that building a 10 MiB body here delays none of
  // its checks: each sample is [sent at, waited] in milliseconds since the epoch.
  const poller = new Worker(
    `
  const { parentPort, workerData } = require('node:worker_threads');
  const samples = [];
  let running = true;
  parentPort.on('message', () => { running = false; });
  (async () => {
    while (running) {
      const sent = performance.timeOrigin + performance.now();
      try {
        const res = await fetch(workerData.url + '/healthz');
        await res.arrayBuffer();
      } catch {}
      samples.push([sent, performance.timeOrigin + performance.now() - sent]);
      await new Promise((r) => setTimeout(r, workerData.pollMs));
    }
    parentPort.postMessage(samples);
  })();
  `,
    { eval: true, workerData: { url, pollMs: POLL_MS } },
  );
  const samplesDone = new Promise<[number, number][]>((resolve) => poller.once('message', resolve));
  const now = () => performance.timeOrigin + performance.now();
  await new Promise((r) => setTimeout(r, 500));

  /** The service's peak resident memory so far (Linux), to see which input made it grow. */
  function peakRssMiB(): number | undefined {
    try {
      const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${service.pid}/status`, 'utf8'))?.[1];
      return kb === undefined ? undefined : Math.round(Number(kb) / 1024);
    } catch {
      return undefined;
    }
  }

  interface Row {
    input: string;
    peakRssMiB: number | undefined;
    bytes: number;
    status: number;
    expected: number;
    windowMs: number;
    window: [number, number];
  }
  const rows: Row[] = [];
  for (const input of hostileInputs) {
    const body = input.body({ zgw });
    const key = keys[input.key === 'other' ? 1 : 0]!.key;
    const started = now();
    let status: number;
    try {
      const answer = await post(
        `${url}${input.url}`,
        { 'content-type': input.contentType, authorization: `Bearer ${key}` },
        body,
        BODY_LIMIT,
      );
      status = answer.status;
    } catch {
      status = -1;
    }
    const ended = now();
    rows.push({
      input: input.name,
      peakRssMiB: peakRssMiB(),
      bytes: Buffer.byteLength(body),
      status,
      expected: input.status,
      windowMs: ended - started,
      window: [started, ended],
    });
    // Let the dead letters and events of this input go out before the next one is timed.
    await new Promise((r) => setTimeout(r, 100));
  }
  poller.postMessage('stop');
  const samples = await samplesDone;
  await poller.terminate();

  // A health check counts for an input when its wait overlaps the input's request.
  const longestWait = ([from, to]: [number, number]) =>
    Math.max(0, ...samples.filter(([sent, waited]) => sent <= to && sent + waited >= from).map(([, w]) => w));
  const results = rows.map((r) => ({
    input: r.input,
    body_bytes: r.bytes,
    status: r.status,
    ...(r.status === r.expected ? {} : { expected_status: r.expected }),
    request_ms: Number(r.windowMs.toFixed(1)),
    longest_healthz_wait_ms: Number(longestWait(r.window).toFixed(1)),
    peak_rss_mib: r.peakRssMiB,
  }));
  for (const r of results) {
    const flag = r.body_bytes <= BODY_LIMIT && r.longest_healthz_wait_ms >= TARGET_MS ? '  OVER TARGET' : '';
    console.log(
      `${r.longest_healthz_wait_ms.toFixed(1).padStart(8)} ms  ${String(r.status).padStart(3)}  ${(r.body_bytes / 1024).toFixed(0).padStart(6)} KiB  peak RSS ${String(r.peak_rss_mib ?? '?').padStart(4)} MiB  ${r.input}${flag}`,
    );
  }
  const withinLimit = results.filter((r) => r.body_bytes <= BODY_LIMIT);
  const overall = Math.max(...withinLimit.map((r) => r.longest_healthz_wait_ms));
  const report = {
    benchmark: 'ingest: longest /healthz wait (polled every 10 ms) while each hostile input is posted',
    infrastructure: `${infra.mode}: Kafka ${infra.kafka.version}`,
    inputs: results.length,
    health_checks: samples.length,
    longest_healthz_wait_ms: {
      overall: Number(Math.max(...results.map((r) => r.longest_healthz_wait_ms)).toFixed(1)),
      inputs_up_to_the_body_limit: overall,
      median_of_all_checks: Number(
        (samples.map(([, w]) => w).sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? 0).toFixed(1),
      ),
    },
    inputs_over_target: withinLimit.filter((r) => r.longest_healthz_wait_ms >= TARGET_MS).map((r) => r.input),
    unexpected_statuses: results.filter((r) => 'expected_status' in r).map((r) => r.input),
    target_ms: TARGET_MS,
  };
  console.log(JSON.stringify(report, null, 2));
  await service.stop();
  await zgw.close();
} finally {
  await infra.stop();
}
