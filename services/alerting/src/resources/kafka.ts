import { createKafka, createProducer, type EventProducer } from '@stuurwiel/kafka';
import { kafkaSecurityFromEnv, sharedPlugin } from '@stuurwiel/runtime';
import type { Kafka } from 'kafkajs';
import type { Config } from '../config.js';

declare module 'fastify' {
  interface FastifyInstance {
    kafka: Kafka;
    producer: EventProducer;
  }
}

/** The Kafka client and the durable producer of alerts.v1: connected when the app gets ready, closed with it. */
export const kafkaPlugin = sharedPlugin<{ config: Config }>('alerting-kafka', async (app, { config }) => {
  const kafka = createKafka({
    brokers: config.KAFKA_BROKERS,
    clientId: config.KAFKA_CLIENT_ID ?? 'stuurwiel-alerting',
    security: kafkaSecurityFromEnv(config),
    retryForever: true,
    log: (level, message, extra) => app.log[level]({ kafka: extra }, message),
  });
  const producer = createProducer(kafka);
  await producer.connect();
  app.decorate('kafka', kafka);
  app.decorate('producer', producer);
  app.addHook('onClose', () => producer.disconnect());
});
