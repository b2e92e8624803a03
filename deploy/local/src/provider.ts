import { mkdirSync } from 'node:fs';
import { z } from 'zod';
import type { ManagedProcess } from './child-process.js';
import { containerRuntimeAvailable, startContainers } from './containers.js';
import { startNativeClickHouse } from './native-clickhouse.js';
import { startNativeKafka, waitForBroker } from './native-kafka.js';

export type InfraMode = 'environment' | 'testcontainers' | 'native';

/** Where the infrastructure is; plain data so it can cross into vitest workers. */
export interface InfraInfo {
  mode: InfraMode;
  kafka: { brokers: string[]; version: string };
  clickhouse: { url: string; username: string; password: string; version: string };
  /** Log files of processes we started, for a failing test to point at. */
  logs: string[];
}

export interface Infra extends InfraInfo {
  /** Processes this provider started (none in environment or container mode). */
  processes: ManagedProcess[];
  stop(): Promise<void>;
}

const infraEnv = z.object({
  KAFKA_BROKERS: z
    .string()
    .min(1)
    .transform((s) => s.split(',').map((b) => b.trim()))
    .optional(),
  CLICKHOUSE_URL: z.url().optional(),
  CLICKHOUSE_USER: z.string().default('default'),
  CLICKHOUSE_PASSWORD: z.string().default(''),
  STUURWIEL_INFRA: z.enum(['auto', 'testcontainers', 'native']).default('auto'),
});

async function clickhouseVersion(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url.replace(/\/$/, '')}/?query=${encodeURIComponent('SELECT version()')}`, {
    headers: { 'X-ClickHouse-User': username, 'X-ClickHouse-Key': password },
  });
  if (!response.ok) throw new Error(`ClickHouse at ${url} answered HTTP ${response.status}`);
  return (await response.text()).trim();
}

export interface ProvideOptions {
  /** Folder for the logs of native processes, and for their data unless `dataDir` is given. */
  runDir: string;
  /** Folder whose data native processes keep between runs (`npm start`); default: `runDir`. */
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
  log?: (message: string) => void;
}

/**
 * Gives a Kafka bootstrap address and a ClickHouse URL, choosing in this order: explicit
 * KAFKA_BROKERS and CLICKHOUSE_URL; testcontainers when a container runtime answers; native
 * processes (Kafka's jars with java, Debian's clickhouse-server).
 */
export async function provideInfra(options: ProvideOptions): Promise<Infra> {
  const log = options.log ?? (() => {});
  const env = infraEnv.parse(options.env ?? process.env);
  if (env.KAFKA_BROKERS || env.CLICKHOUSE_URL) {
    if (!env.KAFKA_BROKERS || !env.CLICKHOUSE_URL) {
      throw new Error(
        `Set both KAFKA_BROKERS and CLICKHOUSE_URL to use existing infrastructure (missing: ${env.KAFKA_BROKERS ? 'CLICKHOUSE_URL' : 'KAFKA_BROKERS'})`,
      );
    }
    await waitForBroker(env.KAFKA_BROKERS);
    const version = await clickhouseVersion(env.CLICKHOUSE_URL, env.CLICKHOUSE_USER, env.CLICKHOUSE_PASSWORD);
    log(`using Kafka at ${env.KAFKA_BROKERS.join(',')} and ClickHouse ${version} at ${env.CLICKHOUSE_URL}`);
    return {
      mode: 'environment',
      kafka: { brokers: env.KAFKA_BROKERS, version: 'external' },
      clickhouse: {
        url: env.CLICKHOUSE_URL,
        username: env.CLICKHOUSE_USER,
        password: env.CLICKHOUSE_PASSWORD,
        version,
      },
      logs: [],
      processes: [],
      stop: async () => {},
    };
  }

  const useContainers =
    env.STUURWIEL_INFRA === 'testcontainers' ||
    (env.STUURWIEL_INFRA === 'auto' && (await containerRuntimeAvailable()));
  if (useContainers) {
    log('container runtime found: starting Kafka and ClickHouse with testcontainers');
    const started = await startContainers();
    log(`Kafka ${started.kafkaVersion} at ${started.brokers.join(',')}`);
    log(`ClickHouse ${started.clickhouse.version} at ${started.clickhouse.url}`);
    return {
      mode: 'testcontainers',
      kafka: { brokers: started.brokers, version: started.kafkaVersion },
      clickhouse: started.clickhouse,
      logs: [],
      processes: [],
      stop: started.stop,
    };
  }

  log('no container runtime: starting native Kafka (KRaft) and clickhouse-server');
  const dataDir = options.dataDir ?? options.runDir;
  mkdirSync(`${dataDir}/kafka`, { recursive: true });
  mkdirSync(`${dataDir}/clickhouse`, { recursive: true });
  mkdirSync(options.runDir, { recursive: true });
  const [kafka, clickhouse] = await Promise.allSettled([
    startNativeKafka(`${dataDir}/kafka`, log, { logDir: options.runDir }),
    startNativeClickHouse(`${dataDir}/clickhouse`, log, { logDir: options.runDir }),
  ]);
  if (kafka.status === 'rejected' || clickhouse.status === 'rejected') {
    if (kafka.status === 'fulfilled') await kafka.value.process.stop();
    if (clickhouse.status === 'fulfilled') await clickhouse.value.process.stop();
    throw kafka.status === 'rejected' ? kafka.reason : (clickhouse as PromiseRejectedResult).reason;
  }
  const k = kafka.value;
  const c = clickhouse.value;
  log(
    `Apache Kafka ${k.version} (native, KRaft combined mode) at ${k.brokers.join(',')}, log ${k.process.logFile}`,
  );
  log(`ClickHouse ${c.version} (native clickhouse-server) at ${c.url}, log ${c.process.logFile}`);
  const processes = [k.process, c.process];
  return {
    mode: 'native',
    kafka: { brokers: k.brokers, version: k.version },
    clickhouse: { url: c.url, username: 'default', password: '', version: c.version },
    logs: processes.map((p) => p.logFile),
    processes,
    async stop() {
      await Promise.all([k.stop(), c.process.stop()]);
    },
  };
}

/** Only the plain data, for handing to test workers. */
export function infraInfo(infra: Infra): InfraInfo {
  return { mode: infra.mode, kafka: infra.kafka, clickhouse: infra.clickhouse, logs: infra.logs };
}
