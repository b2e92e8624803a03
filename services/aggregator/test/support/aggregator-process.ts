import { freePort, type InfraInfo, type ManagedProcess, REPO_ROOT, startProcess } from '@stuurwiel/infra';

export interface AggregatorProcess {
  child: ManagedProcess;
  /** Its HTTP base URL (/healthz, /readyz, /metrics). */
  url: string;
}

/**
 * Starts `node services/aggregator/dist/main.js`, as it runs in production, against this run's
 * Kafka and ClickHouse; `env` adds to or overrides the variables derived from the arguments.
 */
export async function startAggregatorProcess(options: {
  name: string;
  infra: InfraInfo;
  logFile: string;
  topicPrefix: string;
  database: string;
  groupId: string;
  env?: NodeJS.ProcessEnv;
  /** Options for node itself, e.g. --cpu-prof. */
  nodeArgs?: readonly string[];
}): Promise<AggregatorProcess> {
  const { infra } = options;
  const port = await freePort();
  const child = startProcess(
    options.name,
    process.execPath,
    [...(options.nodeArgs ?? []), `${REPO_ROOT}services/aggregator/dist/main.js`],
    {
      cwd: REPO_ROOT,
      logFile: options.logFile,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        KAFKA_BROKERS: infra.kafka.brokers.join(','),
        KAFKA_TOPIC_PREFIX: options.topicPrefix,
        CLICKHOUSE_URL: infra.clickhouse.url,
        CLICKHOUSE_USER: infra.clickhouse.username,
        CLICKHOUSE_PASSWORD: infra.clickhouse.password,
        CLICKHOUSE_DATABASE: options.database,
        AGGREGATOR_GROUP_ID: options.groupId,
        ...options.env,
      },
    },
  );
  return { child, url: `http://127.0.0.1:${port}` };
}
