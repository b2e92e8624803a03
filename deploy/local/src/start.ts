// `npm start`: the whole monitor on this machine. Infrastructure from the provider (explicit
// URLs, testcontainers or native processes), migrations, topics, then the four services.
import { mkdirSync } from 'node:fs';
import { connectClickHouse, migrate } from '@stuurwiel/clickhouse';
import { createKafka, ensureTopics, standardTopics } from '@stuurwiel/kafka';
import { type ManagedProcess, startProcess, waitUntil } from './child-process.js';
import { localAccess, writeAccessFile } from './local-access.js';
import { localIngestCredentials } from './local-credentials.js';
import { CACHE_DIR, REPO_ROOT } from './paths.js';
import { provideInfra } from './provider.js';

const SERVICES = [
  { name: 'gateway', port: 8080 },
  { name: 'ingest', port: 8081 },
  { name: 'aggregator', port: 8082 },
  { name: 'alerting', port: 8083 },
] as const;

const log = (m: string) => console.log(`[stuurwiel] ${m}`);
const runDir = `${CACHE_DIR}/local/${new Date().toISOString().replace(/[:.]/g, '-')}`;
mkdirSync(runDir, { recursive: true });

const infra = await provideInfra({ runDir, log });
const database = process.env.CLICKHOUSE_DATABASE ?? 'stuurwiel';
const db = await connectClickHouse({
  url: infra.clickhouse.url,
  username: infra.clickhouse.username,
  password: infra.clickhouse.password,
  database,
});
const migrated = await migrate(db);
await db.close();
log(`ClickHouse database ${database}: ${migrated.applied.length} migrations applied`);

await ensureTopics(
  createKafka({ brokers: infra.kafka.brokers, clientId: 'stuurwiel-start' }),
  standardTopics(),
);

const credentials = localIngestCredentials();
const access = await localAccess(credentials.tenant);
const portOf = (name: string) =>
  Number(process.env[`${name.toUpperCase()}_PORT`] ?? SERVICES.find((s) => s.name === name)!.port);
const children: ManagedProcess[] = [];
let stopping = false;
async function stop(signal: string, code = 0) {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping services, then infrastructure`);
  await Promise.all(children.map((c) => c.stop()));
  await infra.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

try {
  for (const service of SERVICES) {
    const port = portOf(service.name);
    const child = startProcess(
      service.name,
      process.execPath,
      [`${REPO_ROOT}services/${service.name}/dist/main.js`],
      {
        logFile: `${runDir}/${service.name}.log`,
        env: {
          ...process.env,
          PORT: String(port),
          KAFKA_BROKERS: infra.kafka.brokers.join(','),
          CLICKHOUSE_URL: infra.clickhouse.url,
          CLICKHOUSE_USER: infra.clickhouse.username,
          CLICKHOUSE_PASSWORD: infra.clickhouse.password,
          CLICKHOUSE_DATABASE: database,
          INGEST_CREDENTIALS_FILE: process.env.INGEST_CREDENTIALS_FILE ?? credentials.file,
          ...(service.name === 'gateway' ? access.gatewayEnv : {}),
        },
      },
    );
    children.push(child);
    await waitUntil(
      `${service.name} on port ${port}`,
      async () => {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
      },
      { timeoutMs: 30_000, logFile: child.logFile, exited: child.exited },
    );
    log(`${service.name} listening on http://127.0.0.1:${port} (log ${child.logFile})`);
  }
} catch (error) {
  log((error as Error).message);
  await stop('start-up failed', 1);
}
if (credentials.key)
  log(`ingest API key for ${credentials.tenant}: ${credentials.key} (also in ${credentials.keyFile})`);
const gatewayUrl = `http://127.0.0.1:${portOf('gateway')}`;
const accessFile = `${CACHE_DIR}/local/access.json`;
writeAccessFile(accessFile, {
  gateway: { url: gatewayUrl, docs: `${gatewayUrl}/docs` },
  ingest: { url: `http://127.0.0.1:${portOf('ingest')}` },
  clickhouse: {
    url: infra.clickhouse.url,
    username: infra.clickhouse.username,
    password: infra.clickhouse.password,
    database,
  },
  tenant: { code: credentials.tenant, ingest_key: credentials.key ?? null },
  tokens: access.tokens,
  wallscreen_key: access.wallscreenKey,
  other_tenant: { code: access.otherTenant.tenant, manager_token: access.otherTenant.managerToken },
});
log(`tokens per role, a wall-screen key and the URLs: ${accessFile}`);
log('running; press Ctrl+C to stop');

for (const child of children) {
  void child.exited.then((code) => {
    if (!stopping) {
      log(`${child.name} exited with ${code}; see ${child.logFile}`);
      void stop('service exit', 1);
    }
  });
}
