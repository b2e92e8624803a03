#!/usr/bin/env node
// Creates stuurwiel's Kafka topics that do not exist yet (docker compose runs it once before the
// services; `npm start` and the tests create theirs themselves). Existing topics are left alone.
import { z } from 'zod';
import { ensureTopics } from './admin.js';
import { createKafka } from './client.js';
import { checkKafkaSecurity, kafkaSecurityEnvSchema, kafkaSecurityFromEnv } from './config.js';
import { standardTopics } from './standard-topics.js';

const env = z
  .object({
    KAFKA_BROKERS: z
      .string()
      .min(1, 'required')
      .transform((s) => s.split(',').map((b) => b.trim())),
    KAFKA_TOPIC_PREFIX: z.string().default(''),
    KAFKA_PARTITIONS: z.coerce.number().int().positive().default(6),
    KAFKA_REPLICATION_FACTOR: z.coerce.number().int().positive().default(1),
    ...kafkaSecurityEnvSchema.shape,
  })
  .superRefine(checkKafkaSecurity)
  .safeParse(process.env);
if (!env.success) {
  for (const issue of env.error.issues) console.error(`${issue.path.join('.')}: ${issue.message}`);
  process.exit(2);
}
const { KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, KAFKA_PARTITIONS, KAFKA_REPLICATION_FACTOR } = env.data;
const topics = standardTopics(KAFKA_TOPIC_PREFIX, KAFKA_PARTITIONS, KAFKA_REPLICATION_FACTOR);
await ensureTopics(
  createKafka({
    brokers: KAFKA_BROKERS,
    clientId: 'stuurwiel-topics',
    security: kafkaSecurityFromEnv(env.data),
  }),
  topics,
);
console.log(`topics ready: ${topics.map((t) => t.topic).join(', ')}`);
