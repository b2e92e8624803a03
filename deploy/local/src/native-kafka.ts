import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createKafka } from '@stuurwiel/kafka';
import { type ManagedProcess, startProcess, waitUntil } from './child-process.js';
import { freePort } from './free-port.js';
import { CACHE_DIR, KAFKA_POM, REPO_ROOT } from './paths.js';
import { KAFKA_VERSION } from './versions.js';

function commandExists(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** The broker's jars from Maven Central, fetched once into the git-ignored cache. */
export function ensureKafkaJars(version = KAFKA_VERSION, log: (m: string) => void = () => {}): string {
  const lib = `${CACHE_DIR}/kafka/${version}/lib`;
  if (existsSync(`${lib}/kafka_2.13-${version}.jar`)) return lib;
  if (!commandExists('mvn')) {
    throw new Error(
      'Apache Maven is needed to fetch the Kafka broker jars: install it (apt-get install maven) or set KAFKA_BROKERS',
    );
  }
  log(`fetching Kafka ${version} jars from Maven Central into ${lib}`);
  const staging = `${lib}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const result = spawnSync(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      KAFKA_POM,
      `-Dkafka.version=${version}`,
      'dependency:copy-dependencies',
      `-DoutputDirectory=${staging}`,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (result.status !== 0) {
    throw new Error(`mvn could not fetch the Kafka jars:\n${result.stdout}\n${result.stderr}`);
  }
  rmSync(lib, { recursive: true, force: true });
  renameSync(staging, lib);
  return lib;
}

export interface NativeKafka {
  brokers: string[];
  version: string;
  /** The running broker process (a new one after `restart`). */
  readonly process: ManagedProcess;
  /** Stops the broker gracefully; its data and ports stay reserved for `restart`. */
  stop(): Promise<void>;
  /** Starts the stopped broker again on the same ports with the same data. */
  restart(): Promise<void>;
}

/** Formats a fresh single-node KRaft cluster in `dir` and starts the broker on free ports. */
export async function startNativeKafka(dir: string, log: (m: string) => void): Promise<NativeKafka> {
  if (!commandExists('java')) {
    throw new Error('Java 17+ is needed to run the Kafka broker: install a JDK or set KAFKA_BROKERS');
  }
  const lib = ensureKafkaJars(KAFKA_VERSION, log);
  const [port, controllerPort] = [await freePort(), await freePort()];
  const dataDir = `${dir}/kafka-data`;
  mkdirSync(dataDir, { recursive: true });
  const properties = `${dir}/server.properties`;
  writeFileSync(
    properties,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=PLAINTEXT',
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      `log.dirs=${dataDir}`,
      'num.partitions=3',
      'auto.create.topics.enable=false',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=3',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      'log.flush.interval.messages=9223372036854775807',
      '',
    ].join('\n'),
  );
  const classpath = `${lib}/*`;
  const jvm = [
    '-Xms256m',
    '-Xmx1g',
    `-Dlog4j2.configurationFile=${REPO_ROOT}deploy/local/kafka/log4j2.properties`,
    '-cp',
    classpath,
  ];
  // base64url may begin with '-', which the storage tool would read as an option: hence --cluster-id=.
  const clusterId = randomBytes(16).toString('base64url');
  const format = spawnSync(
    'java',
    [...jvm, 'kafka.tools.StorageTool', 'format', `--cluster-id=${clusterId}`, '-c', properties],
    {
      encoding: 'utf8',
    },
  );
  if (format.status !== 0) {
    throw new Error(`Kafka storage format failed:\n${format.stdout}\n${format.stderr}`);
  }
  const logFile = `${dir}/kafka.log`;
  const brokers = [`127.0.0.1:${port}`];
  const launch = async () => {
    const broker = startProcess('kafka', 'java', [...jvm, 'kafka.Kafka', properties], { logFile });
    await waitForBroker(brokers, logFile, broker.exited);
    return broker;
  };
  let current = await launch();
  // The version the running broker reports of itself, not the one we asked Maven for.
  const reported = /Kafka version: (\S+)/.exec(readFileSync(logFile, 'utf8'))?.[1];
  return {
    brokers,
    version: reported ?? `${KAFKA_VERSION} (not reported in ${logFile})`,
    get process() {
      return current;
    },
    stop: () => current.stop(),
    async restart() {
      current = await launch();
    },
  };
}

/** Ready means a client can see the cluster and a consumer group coordinator answers. */
export async function waitForBroker(
  brokers: string[],
  logFile?: string,
  exited?: Promise<number | null>,
): Promise<void> {
  const kafka = createKafka({ brokers, clientId: 'stuurwiel-infra-probe' });
  await waitUntil(
    `Kafka broker at ${brokers.join(',')}`,
    async () => {
      const admin = kafka.admin({ retry: { retries: 0 } });
      await admin.connect();
      try {
        await admin.describeCluster();
        await admin.listGroups();
      } finally {
        await admin.disconnect();
      }
    },
    { timeoutMs: 90_000, logFile, exited },
  );
}
