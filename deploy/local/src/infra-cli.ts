// `npm run infra:up`: one Kafka and one ClickHouse that stay up until Ctrl-C, for running tests
// (or several checkouts' tests) against them without starting new ones each time. Prints the
// variables to export and writes them to .cache/infra.env.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { CACHE_DIR } from './paths.js';
import { provideInfra } from './provider.js';

const runDir = `${CACHE_DIR}/infra-up/${new Date().toISOString().replace(/[:.]/g, '-')}`;
mkdirSync(runDir, { recursive: true });
const infra = await provideInfra({ runDir, log: (m) => console.log(`[infra] ${m}`) });
const envFile = `${CACHE_DIR}/infra.env`;
const lines = [
  `export KAFKA_BROKERS=${infra.kafka.brokers.join(',')}`,
  `export CLICKHOUSE_URL=${infra.clickhouse.url}`,
  `export CLICKHOUSE_USER=${infra.clickhouse.username}`,
  `export CLICKHOUSE_PASSWORD=${infra.clickhouse.password}`,
];
writeFileSync(envFile, `${lines.join('\n')}\n`);
console.log(`[infra] up; run "source ${envFile}" (or export these), then the tests:\n${lines.join('\n')}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  rmSync(envFile, { force: true });
  await infra.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
