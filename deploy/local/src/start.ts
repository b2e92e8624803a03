// `npm start`: the whole monitor on this machine. Infrastructure from the provider (explicit
// URLs, testcontainers or native processes keeping their data in the data folder), migrations,
// topics, the four services and, unless --no-simulator, three simulated municipalities on one
// accelerated demo clock.
import { mkdirSync } from 'node:fs';
import { connectClickHouse, migrate } from '@stuurwiel/clickhouse';
import { createKafka, ensureTopics, standardTopics } from '@stuurwiel/kafka';
import { type ManagedProcess, startProcess, waitUntil } from './child-process.js';
import { claimDataFolder } from './data-folder.js';
import { type DemoClockPlan, demoClockEnv, keepDemoClock, planDemoClock } from './demo-clock.js';
import { type NotificationLog, startNotificationLog } from './demo-notifications.js';
import {
  DEMO_TENANTS,
  DEMO_WALLSCREEN_LOCATION,
  type SimulatorFiles,
  simulatorFiles,
  startSimulatorProcess,
} from './demo-simulator.js';
import { freeStablePort, reservePorts } from './free-port.js';
import { localAccess, pageUrls, writeAccessFile } from './local-access.js';
import { localIngestCredentials } from './local-credentials.js';
import { CACHE_DIR, REPO_ROOT } from './paths.js';
import { type Infra, provideInfra } from './provider.js';
import { parseStartOptions, StartOptionsError } from './start-options.js';

const SERVICES = [
  { name: 'gateway', port: 8080 },
  { name: 'ingest', port: 8081 },
  { name: 'aggregator', port: 8082 },
  { name: 'alerting', port: 8083 },
] as const;
/**
 * The demo clock shows the start of the demo day this long after it is planned: the services
 * start in that time, and the simulator waits for it, so the day is seen from its beginning.
 */
const DEMO_LEAD_MS = 30_000;

const log = (m: string) => console.log(`[stuurwiel] ${m}`);

let options: ReturnType<typeof parseStartOptions>;
try {
  options = parseStartOptions(process.argv.slice(2), process.env);
} catch (error) {
  if (!(error instanceof StartOptionsError)) throw error;
  console.error(error.message);
  process.exit(2);
}
const { dataDir } = options;
let releaseDataFolder: () => void;
try {
  releaseDataFolder = claimDataFolder(dataDir, { reset: options.reset });
} catch (error) {
  log((error as Error).message);
  process.exit(1);
}
log(`data folder ${dataDir}${options.reset ? ' (emptied: --reset)' : ''}`);
const runDir = `${CACHE_DIR}/local/logs/${new Date().toISOString().replace(/[:.]/g, '-')}`;
mkdirSync(runDir, { recursive: true });

// Everything started so far, stopped in reverse order of need: feed, services, infrastructure.
let infra: Infra | undefined;
let simulator: ManagedProcess | undefined;
let notifications: NotificationLog | undefined;
let demoClock: ReturnType<typeof keepDemoClock> | undefined;
const children: ManagedProcess[] = [];
let stopping = false;
async function stop(signal: string, code = 0) {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping ${simulator ? 'the simulator, ' : ''}the services, then the infrastructure`);
  demoClock?.stop();
  await simulator?.stop();
  await Promise.all(children.map((c) => c.stop()));
  await notifications?.close();
  // A stop during provideInfra waits for it: its processes must not outlive us.
  infra ??= await infraStarting.catch(() => undefined);
  await infra?.stop();
  releaseDataFolder();
  log('stopped');
  process.exit(code);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

const portOf = (name: string) =>
  Number(process.env[`${name.toUpperCase()}_PORT`] ?? SERVICES.find((s) => s.name === name)!.port);
// The services bind theirs later: Kafka, ClickHouse and the ZGW server must not be given them.
reservePorts(SERVICES.map((s) => portOf(s.name)));

const infraStarting = provideInfra({ runDir, dataDir, log });
try {
  infra = await infraStarting;
} catch (error) {
  log((error as Error).message);
  releaseDataFolder();
  process.exit(1);
}
if (infra.mode !== 'native')
  log(`Kafka and ClickHouse keep their data where those servers keep it (${infra.mode}), not in ${dataDir}`);
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

const ingestUrl = `http://127.0.0.1:${portOf('ingest')}`;

/** What the demo adds: the simulator's credentials, the demo clock and a notification log. */
interface Demo {
  files: SimulatorFiles;
  zgwPort: number;
  plan: DemoClockPlan;
  notifications: NotificationLog;
}
let demo: Demo | undefined;
let tenant: { code: string; ingestKey: string | null; ingestKeyFile?: string; credentialsFile: string };
let access: Awaited<ReturnType<typeof localAccess>>;
if (options.noSimulator) {
  const credentials = localIngestCredentials();
  tenant = {
    code: credentials.tenant,
    ingestKey: credentials.key ?? null,
    ingestKeyFile: credentials.keyFile,
    credentialsFile: process.env.INGEST_CREDENTIALS_FILE ?? credentials.file,
  };
  access = await localAccess(credentials.tenant);
} else {
  if (process.env.INGEST_CREDENTIALS_FILE) {
    log(
      'INGEST_CREDENTIALS_FILE is set, but the simulator posts with keys of its own: unset it or use --no-simulator',
    );
    await stop('start-up failed', 1);
  }
  // Written into ingest's credentials long before the simulator's server binds it.
  const zgwPort = await freeStablePort();
  const files = simulatorFiles(`${dataDir}/simulator`, zgwPort);
  const plan = planDemoClock({
    file: `${dataDir}/demo-clock.json`,
    speed: options.speed,
    ...(options.start ? { start: options.start } : {}),
    now: new Date(Date.now() + DEMO_LEAD_MS),
  });
  notifications = await startNotificationLog({
    dir: runDir,
    logFile: `${runDir}/notifications.log`,
    tenants: DEMO_TENANTS,
  });
  demo = { files, zgwPort, plan, notifications };
  tenant = {
    code: DEMO_TENANTS[0],
    ingestKey: files.apiKeyOf(DEMO_TENANTS[0]),
    credentialsFile: files.credentials,
  };
  access = await localAccess(DEMO_TENANTS[0], DEMO_TENANTS[1], DEMO_WALLSCREEN_LOCATION);
  log(`demo clock: ${plan.start.toISOString()} at ${plan.speed}× (${plan.reason})`);
}

const clockEnv = demo ? demoClockEnv(demo.plan) : {};
const alertingEnv = {
  ...(demo && !process.env.ALERTING_RECEIVERS_FILE ? demo.notifications.alertingEnv : {}),
  // Every few demo minutes at most, so that a fast demo clock does not outrun the rules.
  ...(demo && !process.env.ALERTING_EVALUATION_INTERVAL_MS
    ? {
        ALERTING_EVALUATION_INTERVAL_MS: String(
          Math.round(Math.min(5000, Math.max(1000, 300_000 / demo.plan.speed))),
        ),
      }
    : {}),
};
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
          ...clockEnv,
          PORT: String(port),
          KAFKA_BROKERS: infra.kafka.brokers.join(','),
          CLICKHOUSE_URL: infra.clickhouse.url,
          CLICKHOUSE_USER: infra.clickhouse.username,
          CLICKHOUSE_PASSWORD: infra.clickhouse.password,
          CLICKHOUSE_DATABASE: database,
          INGEST_CREDENTIALS_FILE: tenant.credentialsFile,
          // The simulator serves its Zaken and Catalogi APIs over plain http on the loopback.
          ...(demo ? { INGEST_ALLOW_INSECURE_HTTP: 'true' } : {}),
          ...(service.name === 'gateway' ? access.gatewayEnv : {}),
          ...(service.name === 'alerting' ? alertingEnv : {}),
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
  if (demo && !stopping) {
    // The day begins when the simulator does: wait for the instant the clock shows its start.
    const early = demo.plan.origin.getTime() - Date.now();
    if (early > 0) await new Promise((r) => setTimeout(r, early));
    demoClock = keepDemoClock(`${dataDir}/demo-clock.json`, demo.plan);
    simulator = await startSimulatorProcess({
      ingestUrl,
      files: demo.files,
      zgwPort: demo.zgwPort,
      workDir: `${dataDir}/simulator`,
      logFile: `${runDir}/simulator.log`,
      env: { ...process.env, ...clockEnv },
    });
    children.push(simulator);
    log(
      `simulator feeding ${DEMO_TENANTS.join(', ')} with desk-closure, sick-day and phone-silent (log ${simulator.logFile}); ` +
        `alert notifications in ${runDir}/notifications.log`,
    );
  }
} catch (error) {
  log((error as Error).message);
  await stop('start-up failed', 1);
}
// A stop during the start-up exits once everything is down; nothing more to announce.
if (stopping) await new Promise(() => {});
if (tenant.ingestKey)
  log(
    `ingest API key for ${tenant.code}: ${tenant.ingestKey}${tenant.ingestKeyFile ? ` (also in ${tenant.ingestKeyFile})` : ''}`,
  );
const gatewayUrl = `http://127.0.0.1:${portOf('gateway')}`;
// For a browser, localhost: it counts as a secure context there, as an https origin would.
const pages = pageUrls(`http://localhost:${portOf('gateway')}`, access);
const accessFile = process.env.STUURWIEL_ACCESS_FILE || `${CACHE_DIR}/local/access.json`;
writeAccessFile(accessFile, {
  gateway: { url: gatewayUrl, docs: `${gatewayUrl}/docs` },
  pages,
  ingest: { url: ingestUrl },
  clickhouse: {
    url: infra.clickhouse.url,
    username: infra.clickhouse.username,
    password: infra.clickhouse.password,
    database,
  },
  tenant: { code: tenant.code, ingest_key: tenant.ingestKey },
  tokens: access.tokens,
  wallscreen_key: access.wallscreenKey,
  other_tenant: { code: access.otherTenant.tenant, manager_token: access.otherTenant.managerToken },
});
log(`wall screen  ${pages.wall}`);
log(`inbox        ${pages.inbox}`);
log(`manager      ${pages.manager}`);
log(`API docs     ${pages.docs}`);
log(`tokens per role, a wall-screen key and the URLs: ${accessFile}`);
log('running; press Ctrl+C to stop');

for (const child of children) {
  void child.exited.then((code) => {
    if (!stopping) {
      log(`${child.name} exited with ${code}; see ${child.logFile}`);
      void stop(`${child.name} exit`, 1);
    }
  });
}
