import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createKafka } from '@stuurwiel/kafka';
import { type ManagedProcess, startProcess, waitUntil } from './child-process.js';
import { freeStablePort } from './free-port.js';
import { CACHE_DIR, KAFKA_POM, REPO_ROOT } from './paths.js';
import { makeTestCertificates } from './test-certificates.js';
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

/** A SCRAM user created in the cluster's metadata when it is formatted. */
export interface ScramUser {
  mechanism: 'SCRAM-SHA-256' | 'SCRAM-SHA-512';
  username: string;
  password: string;
}

export interface NativeKafkaOptions {
  /** Also listen with SASL_PLAINTEXT (SCRAM) for these users. */
  scramUsers?: readonly ScramUser[];
  /** Also listen with SSL, with a certificate for 127.0.0.1 signed by a throw-away CA (needs openssl). */
  tls?: boolean;
  /** Folder of the broker's log file (default `dir`), e.g. a per-run folder beside kept data. */
  logDir?: string;
}

export interface NativeKafka {
  /** The PLAINTEXT listener, which the cluster's own tools and probes use. */
  brokers: string[];
  /** The SASL_PLAINTEXT listener, when `scramUsers` were given. */
  saslBrokers?: string[];
  /** The SSL listener and the CA (PEM) that signed its certificate, when `tls` was asked for. */
  tls?: { brokers: string[]; caPem: string };
  version: string;
  /** The running broker process (a new one after `restart`). */
  readonly process: ManagedProcess;
  /** Stops the broker gracefully; its data and ports stay reserved for `restart`. */
  stop(): Promise<void>;
  /** Starts the stopped broker again on the same ports with the same data. */
  restart(): Promise<void>;
}

function scramArgument(user: ScramUser): string {
  // The storage tool's own syntax; a name or password holding , or ] would end the entry early.
  if (/[,\]"=]/.test(user.username + user.password)) {
    throw new Error('SCRAM test users may not contain , ] " or = in their name or password');
  }
  return `${user.mechanism}=[name=${user.username},password=${user.password}]`;
}

/**
 * Starts a single-node KRaft broker on free ports with its data in `dir`, formatting the storage
 * first when `dir` holds none yet: a folder kept from an earlier run keeps its cluster id, topics
 * and offsets (the ports may differ; the listeners are written anew each time).
 */
export async function startNativeKafka(
  dir: string,
  log: (m: string) => void,
  options: NativeKafkaOptions = {},
): Promise<NativeKafka> {
  if (!commandExists('java')) {
    throw new Error('Java 17+ is needed to run the Kafka broker: install a JDK or set KAFKA_BROKERS');
  }
  const lib = ensureKafkaJars(KAFKA_VERSION, log);
  const [port, controllerPort] = [await freeStablePort(), await freeStablePort()];
  const dataDir = `${dir}/kafka-data`;
  mkdirSync(dataDir, { recursive: true });
  // Extra listeners for clients that log in or use TLS; the broker talks PLAINTEXT to itself.
  const extra: { name: string; port: number; settings: string[] }[] = [];
  const scramUsers = options.scramUsers ?? [];
  if (scramUsers.length > 0) {
    const jaas = 'org.apache.kafka.common.security.scram.ScramLoginModule required;';
    extra.push({
      name: 'SASL_PLAINTEXT',
      port: await freeStablePort(),
      settings: [
        'sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512',
        `listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=${jaas}`,
        `listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=${jaas}`,
      ],
    });
  }
  let caPem: string | undefined;
  if (options.tls) {
    mkdirSync(`${dir}/tls`, { recursive: true });
    const certificates = makeTestCertificates(`${dir}/tls`);
    caPem = certificates.caPem;
    extra.push({
      name: 'SSL',
      port: await freeStablePort(),
      settings: ['ssl.keystore.type=PEM', `ssl.keystore.location=${certificates.serverKeyAndCertFile}`],
    });
  }
  const properties = `${dir}/server.properties`;
  const listeners = [`PLAINTEXT://127.0.0.1:${port}`, ...extra.map((l) => `${l.name}://127.0.0.1:${l.port}`)];
  writeFileSync(
    properties,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=${[...listeners, `CONTROLLER://127.0.0.1:${controllerPort}`].join(',')}`,
      `advertised.listeners=${listeners.join(',')}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=PLAINTEXT',
      `listener.security.protocol.map=${['PLAINTEXT:PLAINTEXT', 'CONTROLLER:PLAINTEXT', ...extra.map((l) => `${l.name}:${l.name}`)].join(',')}`,
      ...extra.flatMap((l) => l.settings),
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
  // Formatting again would fail on (or, with --ignore-formatted, keep) the existing metadata; the
  // SCRAM users of a kept folder are the ones it was formatted with.
  if (!existsSync(`${dataDir}/meta.properties`)) formatStorage(jvm, properties, scramUsers);
  const logFile = `${options.logDir ?? dir}/kafka.log`;
  const brokers = [`127.0.0.1:${port}`];
  const launch = async () => {
    const broker = startProcess('kafka', 'java', [...jvm, 'kafka.Kafka', properties], { logFile });
    await waitForBroker(brokers, logFile, broker.exited);
    return broker;
  };
  let current = await launch();
  // The version the running broker reports of itself, not the one we asked Maven for.
  const reported = /Kafka version: (\S+)/.exec(readFileSync(logFile, 'utf8'))?.[1];
  const portOf = (name: string) => extra.find((l) => l.name === name)?.port;
  const saslPort = portOf('SASL_PLAINTEXT');
  const sslPort = portOf('SSL');
  return {
    brokers,
    ...(saslPort ? { saslBrokers: [`127.0.0.1:${saslPort}`] } : {}),
    ...(sslPort && caPem ? { tls: { brokers: [`127.0.0.1:${sslPort}`], caPem } } : {}),
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

function formatStorage(jvm: string[], properties: string, scramUsers: readonly ScramUser[]): void {
  // base64url may begin with '-', which the storage tool would read as an option: hence --cluster-id=.
  const clusterId = randomBytes(16).toString('base64url');
  const format = spawnSync(
    'java',
    [
      ...jvm,
      'kafka.tools.StorageTool',
      'format',
      `--cluster-id=${clusterId}`,
      '-c',
      properties,
      ...scramUsers.flatMap((user) => ['--add-scram', scramArgument(user)]),
    ],
    { encoding: 'utf8' },
  );
  if (format.status !== 0) {
    throw new Error(`Kafka storage format failed:\n${format.stdout}\n${format.stderr}`);
  }
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
