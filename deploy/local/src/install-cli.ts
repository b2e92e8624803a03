// `npm run infra:install`: fetches what native test runs need, so a CI log shows it apart from
// the tests: Kafka's jars always (cheap when cached), clickhouse-server when no container
// runtime or explicit URL will be used.
import { ensureClickHouseServer } from './native-clickhouse.js';
import { ensureKafkaJars } from './native-kafka.js';
import { KAFKA_VERSION } from './versions.js';

const log = (m: string) => console.log(`[infra] ${m}`);
if (!process.env.KAFKA_BROKERS) {
  log(`Kafka ${KAFKA_VERSION} jars in ${ensureKafkaJars(KAFKA_VERSION, log)}`);
}
if (!process.env.CLICKHOUSE_URL) {
  try {
    log(`clickhouse-server at ${ensureClickHouseServer(log)}`);
  } catch (error) {
    // Not fatal here: testcontainers may still provide ClickHouse; the test run says so if not.
    log((error as Error).message);
  }
}
