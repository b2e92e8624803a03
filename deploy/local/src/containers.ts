import { ClickHouseContainer } from '@testcontainers/clickhouse';
import { KafkaContainer } from '@testcontainers/kafka';
import { getContainerRuntimeClient } from 'testcontainers';
import { CLICKHOUSE_IMAGE, KAFKA_IMAGE } from './versions.js';

/** True when a Docker-compatible runtime answers within the time limit. */
export async function containerRuntimeAvailable(timeoutMs = 5_000): Promise<boolean> {
  const probe = getContainerRuntimeClient().then(
    () => true,
    () => false,
  );
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
  return Promise.race([probe, timeout]);
}

export interface ContainerInfra {
  brokers: string[];
  kafkaVersion: string;
  clickhouse: { url: string; username: string; password: string; version: string };
  stop(): Promise<void>;
}

export async function startContainers(): Promise<ContainerInfra> {
  const [kafka, clickhouse] = await Promise.all([
    new KafkaContainer(KAFKA_IMAGE).start(),
    new ClickHouseContainer(CLICKHOUSE_IMAGE).start(),
  ]);
  const versionResponse = await fetch(
    `${clickhouse.getHttpUrl()}/?query=${encodeURIComponent('SELECT version()')}`,
    {
      headers: {
        'X-ClickHouse-User': clickhouse.getUsername(),
        'X-ClickHouse-Key': clickhouse.getPassword(),
      },
    },
  );
  return {
    brokers: [`${kafka.getHost()}:${kafka.getMappedPort(9093)}`],
    kafkaVersion: `${KAFKA_IMAGE} (Kafka 4.1)`,
    clickhouse: {
      url: clickhouse.getHttpUrl(),
      username: clickhouse.getUsername(),
      password: clickhouse.getPassword(),
      version: (await versionResponse.text()).trim(),
    },
    async stop() {
      await Promise.allSettled([kafka.stop(), clickhouse.stop()]);
    },
  };
}
