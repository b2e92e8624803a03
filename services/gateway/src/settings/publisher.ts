import type { EventProducer } from '@stuurwiel/kafka';
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
