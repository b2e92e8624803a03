import { type createKafka, createProducer, type EventProducer } from '@stuurwiel/kafka';
import {
  type AlertingConfigMessage,
  alertingConfigKey,
  alertingConfigMessage,
  partitionKey,
  TOPICS,
} from '@stuurwiel/schemas';
import type { NormEvent } from './norms.js';

/**
 * How the gateway hands settings to alerting and the aggregator: as data on their topics. Each
 * call resolves once Kafka has the message from every in-sync replica.
 */
export interface SettingsPublisher {
  /** A rule, silence, mute or acknowledgement on alerting.config.v1 (compacted; key alertingConfigKey). */
  publishConfig(message: AlertingConfigMessage): Promise<void>;
  /** Deletes a rule, silence or mute: a tombstone for the key of `message`. */
  deleteConfig(message: AlertingConfigMessage): Promise<void>;
  /** A reference.norm event on events.reference.v1 (key partitionKey). */
  publishNorm(event: NormEvent): Promise<void>;
}

/**
 * The publisher over our producer wrapper, whose partitioner puts every message of a tenant on
 * the tenant's partition, like the other state topics. Messages are validated before they leave.
 * `topicPrefix` is the deployment's (and a test's) prefix of every topic name.
 */
export function kafkaSettingsPublisher(
  producer: Pick<EventProducer, 'send'>,
  topicPrefix = '',
): SettingsPublisher {
  const configTopic = `${topicPrefix}${TOPICS.alertingConfig}`;
  const referenceTopic = `${topicPrefix}${TOPICS.reference}`;
  return {
    async publishConfig(message) {
      const valid = alertingConfigMessage.parse(message);
      await producer.send(configTopic, [{ key: alertingConfigKey(valid), value: JSON.stringify(valid) }]);
    },
    async deleteConfig(message) {
      await producer.send(configTopic, [{ key: alertingConfigKey(message), value: null }]);
    },
    async publishNorm(event) {
      await producer.send(referenceTopic, [{ key: partitionKey(event), value: JSON.stringify(event) }]);
    },
  };
}

/**
 * The gateway's settings producer as a lifecycle unit: connected on the first change (an app
 * that is only read from never needs Kafka), closed by `close` (the app's onClose hook).
 */
export function kafkaSettingsProducer(
  kafka: ReturnType<typeof createKafka>,
  topicPrefix = '',
): { publisher: SettingsPublisher; close(): Promise<void> } {
  let connected: Promise<EventProducer> | undefined;
  const producer = (): Promise<EventProducer> => {
    connected ??= (async () => {
      const p = createProducer(kafka);
      await p.connect();
      return p;
    })().catch((error: unknown) => {
      connected = undefined;
      throw error;
    });
    return connected;
  };
  const publisher = kafkaSettingsPublisher(
    { send: async (topic, messages) => (await producer()).send(topic, messages) },
    topicPrefix,
  );
  return {
    publisher,
    async close() {
      const p = await connected?.catch(() => undefined);
      connected = undefined;
      await p?.disconnect();
    },
  };
}
