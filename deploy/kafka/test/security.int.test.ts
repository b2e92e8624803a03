import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NativeKafka, type ScramUser, startNativeKafka } from '@stuurwiel/infra';
import { uniqueName } from '@stuurwiel/infra/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ensureTopics } from '../src/admin.js';
import { createKafka } from '../src/client.js';
import { checkKafkaSecurity, kafkaSecurityEnvSchema, kafkaSecurityFromEnv } from '../src/config.js';
import { createConsumer } from '../src/consumer.js';
import { createProducer } from '../src/producer.js';

const USERS: ScramUser[] = [
  { mechanism: 'SCRAM-SHA-256', username: 'ingest', password: 'ingest-secret-256' },
  { mechanism: 'SCRAM-SHA-512', username: 'aggregator', password: 'aggregator-secret-512' },
];

/** The environment as a service reads it (see services/runtime's kafkaEnv). */
const envSchema = z.object(kafkaSecurityEnvSchema.shape).superRefine(checkKafkaSecurity);

function kafkaFor(brokers: string[], env: Record<string, string>) {
  const security = kafkaSecurityFromEnv(envSchema.parse(env));
  return createKafka({ brokers, clientId: uniqueName('security-test'), security });
}

/** Creates a topic, produces one message and reads it back, all through our wrappers. */
async function roundTrip(kafka: ReturnType<typeof createKafka>): Promise<string[]> {
  const topic = uniqueName('secured');
  await ensureTopics(kafka, [{ topic, partitions: 1 }]);
  const producer = createProducer(kafka);
  await producer.connect();
  await producer.send(topic, [{ key: 'GM0363:v1', value: 'over a secured connection' }]);
  await producer.disconnect();
  const received: string[] = [];
  let done!: () => void;
  const arrived = new Promise<void>((resolve) => {
    done = resolve;
  });
  const consumer = createConsumer(kafka, {
    groupId: uniqueName('secured'),
    topics: [topic],
    fromBeginning: true,
    onFatal: (error) => {
      throw error;
    },
  });
  await consumer.connect(async (messages) => {
    received.push(...messages.map((m) => String(m.value)));
    done();
    return undefined;
  });
  await arrived;
  await consumer.disconnect();
  return received;
}

// A broker of its own: the shared one has no SASL or TLS listener.
describe('Kafka connections with SASL (SCRAM) and TLS', () => {
  let broker: NativeKafka;
  let caFile: string;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kafka-security-'));
    broker = await startNativeKafka(dir, () => {}, { scramUsers: USERS, tls: true });
    caFile = join(dir, 'client-ca.pem');
    writeFileSync(caFile, broker.tls!.caPem);
  }, 180_000);
  afterAll(async () => {
    await broker?.stop();
  });

  it.each(USERS)('produces and consumes through SASL_PLAINTEXT with $mechanism', async (user) => {
    const kafka = kafkaFor(broker.saslBrokers!, {
      KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
      KAFKA_SASL_MECHANISM: user.mechanism,
      KAFKA_SASL_USERNAME: user.username,
      KAFKA_SASL_PASSWORD: user.password,
    });
    expect(await roundTrip(kafka)).toEqual(['over a secured connection']);
  });

  it('refuses a wrong password with an error that says authentication failed', async () => {
    const kafka = kafkaFor(broker.saslBrokers!, {
      KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256',
      KAFKA_SASL_USERNAME: 'ingest',
      KAFKA_SASL_PASSWORD: 'not-the-password',
    });
    const producer = createProducer(kafka);
    await expect(producer.connect()).rejects.toThrow(/SASL SCRAM SHA256 authentication failed/);
  });

  it('refuses a user created for the other mechanism', async () => {
    const kafka = kafkaFor(broker.saslBrokers!, {
      KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'ingest',
      KAFKA_SASL_PASSWORD: 'ingest-secret-256',
    });
    await expect(createProducer(kafka).connect()).rejects.toThrow(/authentication failed/);
  });

  it('produces and consumes through SSL, trusting the CA from KAFKA_SSL_CA_FILE', async () => {
    const kafka = kafkaFor(broker.tls!.brokers, {
      KAFKA_SECURITY_PROTOCOL: 'SSL',
      KAFKA_SSL_CA_FILE: caFile,
    });
    expect(await roundTrip(kafka)).toEqual(['over a secured connection']);
  });

  it("refuses a broker whose certificate the system's CAs do not vouch for", async () => {
    const kafka = kafkaFor(broker.tls!.brokers, { KAFKA_SECURITY_PROTOCOL: 'SSL' });
    await expect(createProducer(kafka).connect()).rejects.toThrow(/certificate/i);
  });
});
