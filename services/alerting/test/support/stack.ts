import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { buildApp as buildAggregator, loadConfig as loadAggregatorConfig } from '@stuurwiel/aggregator';
import { type Db, ident, sql } from '@stuurwiel/clickhouse';
import {
  CACHE_DIR,
  freePort,
  type InfraInfo,
  type ManagedProcess,
  REPO_ROOT,
  startProcess,
} from '@stuurwiel/infra';
import { testDatabase, testKafka, testTopics, uniqueName, useInfra } from '@stuurwiel/infra/testing';
import { buildApp as buildIngest, loadConfig as loadIngestConfig } from '@stuurwiel/ingest';
import { createProducer, type EventProducer, standardTopics } from '@stuurwiel/kafka';
import type { Clock, ServiceApp } from '@stuurwiel/runtime';
import {
  type AlertingConfigMessage,
  type AlertMessage,
  alertingConfigKey,
  alertMessage,
  type CanonicalEventInput,
  type KpiSnapshot,
  kpiSnapshotKey,
  TOPICS,
} from '@stuurwiel/schemas';
import { generateApiKey } from '../../../ingest/src/auth/api-keys.js';
import type { Credentials } from '../../../ingest/src/auth/credentials.js';
import {
  type Alerting,
  buildApp as buildAlerting,
  loadConfig as loadAlertingConfig,
} from '../../src/index.js';

export const TENANT = 'GM0363';
export const WEBHOOK_SECRET = 'scenario-webhook-secret-0123456789';
const MAIN = `${REPO_ROOT}services/alerting/dist/main.js`;

export interface AlertingProcess {
  child: ManagedProcess;
  url: string;
}

/**
 * The real stack for a scenario, on the run's Kafka and ClickHouse under names of its own:
 * ingest and the aggregator in process (on the scenario's clock), alerting in process or as a
 * child process (then on the demo clock its env names), events posted to ingest over HTTP.
 */
export interface ScenarioStack {
  infra: InfraInfo;
  prefix: string;
  db: Db;
  logDir: string;
  /** Posts canonical events to ingest's /v1/events; throws unless all were accepted. */
  post(events: readonly CanonicalEventInput[]): Promise<void>;
  /** Writes a rule, silence, mute or acknowledgement on alerting.config.v1, as the gateway will. */
  configure(message: AlertingConfigMessage): Promise<void>;
  /** Writes a snapshot on kpi.v1 under its key, as the aggregator does (alerting's input). */
  publishSnapshot(snapshot: KpiSnapshot): Promise<void>;
  /** The environment alerting runs with (as a process or in process). */
  alertingEnv(extra?: Record<string, string>): Record<string, string>;
  /** Alerting in process, on the clock its env names (the scenario's demo clock) unless given one. */
  startAlerting(env: Record<string, string>, clock?: Clock): Promise<Alerting>;
  /** Alerting as `node services/alerting/dist/main.js`, ready once /readyz says so. */
  startAlertingProcess(name: string, env: Record<string, string>): Promise<AlertingProcess>;
  /** Every message on alerts.v1 so far, in the order read (per partition, the order written). */
  alerts: AlertMessage[];
  /** The first message on alerts.v1 that fits; waits for it. */
  waitForAlert(
    what: string,
    predicate: (a: AlertMessage) => boolean,
    timeoutMs?: number,
  ): Promise<AlertMessage>;
  close(): Promise<void>;
}

export async function startStack(options: {
  name: string;
  /** The clock ingest's aggregator works on (event time of the scenario). */
  clock: Clock;
  /** The receivers file's content (no secrets: the webhook's is in SCENARIO_WEBHOOK_SECRET). */
  receivers?: unknown;
  /** The routes file's content. */
  routes?: unknown;
}): Promise<ScenarioStack> {
  const infra = useInfra();
  const prefix = `${uniqueName(options.name)}.`;
  const logDir = `${CACHE_DIR}/scenarios/${prefix.slice(0, -1)}`;
  mkdirSync(logDir, { recursive: true });
  await testTopics(infra, standardTopics(prefix, 2));
  const db = await testDatabase(infra, 'alerting');
  const closers: (() => Promise<unknown>)[] = [];

  const kafkaEnv = {
    KAFKA_BROKERS: infra.kafka.brokers.join(','),
    KAFKA_TOPIC_PREFIX: prefix,
    LOG_LEVEL: 'warn',
  };
  const clickhouseEnv = {
    CLICKHOUSE_URL: infra.clickhouse.url,
    CLICKHOUSE_USER: infra.clickhouse.username,
    CLICKHOUSE_PASSWORD: infra.clickhouse.password,
    CLICKHOUSE_DATABASE: db.database,
  };

  // Ingest, with a key of the scenario's municipality.
  const key = generateApiKey('scenario');
  const credentials = {
    keys: [{ id: 'scenario', tenant: TENANT, sha256: key.sha256 }],
    tenants: { [TENANT]: { pseudonym_secret: 'scenario-secret-0123456789abcdef' } },
  } as Credentials;
  const ingest: ServiceApp = buildIngest(
    loadIngestConfig({
      ...kafkaEnv,
      INGEST_CREDENTIALS_FILE: '(given directly)',
      INGEST_MAX_EVENT_AGE_DAYS: '3650',
    }),
    { credentials },
  );
  await ingest.listen({ port: 0, host: '127.0.0.1' });
  closers.push(() => ingest.close());
  const ingestUrl = `http://127.0.0.1:${(ingest.server.address() as AddressInfo).port}`;

  const aggregator = buildAggregator(
    loadAggregatorConfig({
      ...kafkaEnv,
      ...clickhouseEnv,
      AGGREGATOR_GROUP_ID: `${prefix}aggregator`,
      AGGREGATOR_SNAPSHOT_MIN_INTERVAL_MS: '100',
    }),
    {
      clock: options.clock,
      onFatal: (error) => {
        throw error;
      },
    },
  );
  await aggregator.start();
  closers.push(() => aggregator.app.close());

  const producer: EventProducer = createProducer(testKafka(infra, 'scenario-config'));
  await producer.connect();
  closers.push(() => producer.disconnect());

  // Everything alerting publishes, read as it comes.
  const alerts: AlertMessage[] = [];
  const alertsReader = testKafka(infra, 'scenario-alerts').consumer({
    groupId: uniqueName('scenario-alerts'),
  });
  await alertsReader.connect();
  await alertsReader.subscribe({ topic: `${prefix}${TOPICS.alerts}`, fromBeginning: true });
  await alertsReader.run({
    eachMessage: async ({ message }) => {
      if (message.value) alerts.push(alertMessage.parse(JSON.parse(message.value.toString())));
    },
  });
  closers.push(() => alertsReader.disconnect());

  const receiversFile = `${logDir}/receivers.json`;
  if (options.receivers !== undefined)
    writeFileSync(receiversFile, JSON.stringify(options.receivers, null, 2));
  const routesFile = `${logDir}/routes.json`;
  if (options.routes !== undefined) writeFileSync(routesFile, JSON.stringify(options.routes, null, 2));

  const alertingEnv = (extra: Record<string, string> = {}) => ({
    ...kafkaEnv,
    ...clickhouseEnv,
    ALERTING_GROUP_PREFIX: `${prefix}alerting`,
    ALERTING_EVALUATION_INTERVAL_MS: '200',
    SCENARIO_WEBHOOK_SECRET: WEBHOOK_SECRET,
    ...(options.receivers === undefined ? {} : { ALERTING_RECEIVERS_FILE: receiversFile }),
    ...(options.routes === undefined ? {} : { ALERTING_ROUTES_FILE: routesFile }),
    ...extra,
  });

  return {
    infra,
    prefix,
    db,
    logDir,
    async post(events) {
      const response = await fetch(`${ingestUrl}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key.key}` },
        body: JSON.stringify(events),
      });
      const text = await response.text();
      if (response.status !== 202) throw new Error(`ingest answered ${response.status}: ${text}`);
      const body = JSON.parse(text) as { accepted: number; events: number };
      if (body.accepted !== events.length) throw new Error(`ingest rejected events: ${text}`);
    },
    async configure(message) {
      await producer.send(`${prefix}${TOPICS.alertingConfig}`, [
        { key: alertingConfigKey(message), value: JSON.stringify(message) },
      ]);
    },
    async publishSnapshot(snapshot) {
      await producer.send(`${prefix}${TOPICS.kpi}`, [
        { key: kpiSnapshotKey(snapshot), value: JSON.stringify(snapshot) },
      ]);
    },
    alertingEnv,
    async startAlerting(env, clock) {
      const alerting = buildAlerting(loadAlertingConfig(env), {
        env,
        ...(clock === undefined ? {} : { clock }),
        onFatal: (error) => {
          throw error;
        },
      });
      await alerting.start();
      closers.push(() => alerting.app.close());
      return alerting;
    },
    async startAlertingProcess(name, env) {
      const port = await freePort();
      const logFile = `${logDir}/${name}.log`;
      const child = startProcess(name, process.execPath, [MAIN], {
        cwd: REPO_ROOT,
        logFile,
        env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
      });
      closers.push(() => child.stop());
      const url = `http://127.0.0.1:${port}`;
      let gone = false;
      void child.exited.then(() => {
        gone = true;
      });
      for (;;) {
        if (gone) throw new Error(`alerting exited before it was ready; see ${logFile}`);
        const ok = await fetch(`${url}/readyz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return { child, url };
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    alerts,
    async waitForAlert(what, predicate, timeoutMs = 240_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = alerts.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`${what}: not published on alerts.v1 in ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      for (const close of closers.reverse()) await close().catch(() => undefined);
      await db.command(sql`DROP DATABASE IF EXISTS ${ident(db.database)}`);
      await db.close();
    },
  };
}
