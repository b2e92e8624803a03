import type { AddressInfo } from 'node:net';
import { testKafka, uniqueName, useInfra } from '@stuurwiel/infra/testing';
import { createKafka, ensureTopics, type TopicSpec } from '@stuurwiel/kafka';
import { ALL_EVENT_TOPICS, TOPICS } from '@stuurwiel/schemas';
import { buildApp } from '../../src/app.js';
import { OTHER_TENANT, TENANT, type TenantSettings, testCredentials } from '../credentials-fixture.js';

export { OTHER_TENANT, TENANT };

import { type Config, loadConfig } from '../../src/config.js';
import { findPersonalData } from '../../src/privacy/personal-data.js';

export interface IngestUnderTest {
  url: string;
  config: Config;
  /** Full keys by name: 'GM0363', 'GM0599', and 'GM0363-canonical-only'. */
  keys: Record<string, string>;
  topic(name: string): string;
  post(
    path: string,
    body: string,
    options?: { key?: string | null; contentType?: string },
  ): Promise<Response>;
  /** Reads a topic from the start until `count` messages arrived or nothing came for `idleMs`. */
  consume(name: string, options?: { count?: number; idleMs?: number }): Promise<unknown[]>;
  /**
   * Like consume, over several topics with one consumer; values grouped by topic name. Message
   * keys are added to `options.keys` when given.
   */
  consumeTopics(
    names: string[],
    options?: { count?: number; idleMs?: number; keys?: string[] },
  ): Promise<Map<string, unknown[]>>;
  close(): Promise<void>;
}

/** A real ingest server on a free port, producing to topics of its own on the run's broker. */
export async function startIngest(
  env: Record<string, string> = {},
  tenantExtra: TenantSettings = {},
  brokers?: string[],
  logStream?: { write(line: string): void },
  /** Settings of some topics (by their name without the prefix), given when they are created. */
  topicSettings: Readonly<Record<string, Pick<TopicSpec, 'maxMessageBytes'>>> = {},
): Promise<IngestUnderTest> {
  const infra = useInfra();
  const prefix = `${uniqueName('ingest')}.`;
  const kafkaBrokers = brokers ?? infra.kafka.brokers;
  const config = loadConfig({
    KAFKA_BROKERS: kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: prefix,
    INGEST_CREDENTIALS_FILE: '(given directly)',
    LOG_LEVEL: 'warn',
    // The fixtures' fixed dates must not age out of the default limit as the years pass;
    // 1970 is still refused.
    INGEST_MAX_EVENT_AGE_DAYS: '3650',
    ...env,
  });
  const topics = [...ALL_EVENT_TOPICS, TOPICS.deadLetter].map((t) => ({
    topic: `${prefix}${t}`,
    partitions: 3,
    ...topicSettings[t],
  }));
  await ensureTopics(createKafka({ brokers: kafkaBrokers, clientId: 'ingest-test-admin' }), topics);
  const { credentials, keys } = testCredentials(tenantExtra);
  const app = buildApp(config, { credentials, ...(logStream ? { logStream } : {}) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const kafka = testKafka(
    { ...infra, kafka: { ...infra.kafka, brokers: kafkaBrokers } },
    'ingest-test-reader',
  );
  return {
    url,
    config,
    keys,
    topic: (name) => `${prefix}${name}`,
    post: (path, body, options = {}) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': options.contentType ?? 'application/json',
          ...(options.key === null ? {} : { authorization: `Bearer ${options.key ?? keys[TENANT]}` }),
        },
        body,
      }),
    consume: async (name, options = {}) => (await consumeTopics([name], options)).get(name) ?? [],
    consumeTopics,
    close: () => app.close(),
  };

  async function consumeTopics(
    names: string[],
    options: { count?: number; idleMs?: number; keys?: string[] } = {},
  ) {
    const consumer = kafka.consumer({ groupId: uniqueName('reader') });
    const values = new Map<string, unknown[]>(names.map((n) => [n, []]));
    let total = 0;
    await consumer.connect();
    await consumer.subscribe({ topics: names.map((n) => `${prefix}${n}`), fromBeginning: true });
    let last = Date.now();
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        values.get(topic.slice(prefix.length))!.push(JSON.parse(message.value!.toString()));
        if (message.key) options.keys?.push(message.key.toString());
        total++;
        last = Date.now();
      },
    });
    const idleMs = options.idleMs ?? 1500;
    const started = Date.now();
    while (Date.now() - started < 60_000) {
      if (options.count !== undefined && total >= options.count && Date.now() - last > 300) break;
      if (options.count === undefined && Date.now() - last > idleMs && Date.now() - started > idleMs) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await consumer.disconnect();
    return values;
  }
}

/**
 * Reads every topic ingest wrote to and lists clear personal data in it: e-mail addresses,
 * phone numbers and BSNs by pattern, plus the given names and numbers the fixtures used.
 */
export async function personalDataOnTopics(
  ingest: IngestUnderTest,
  fixtureSecrets: string[],
): Promise<string[]> {
  const topics = [...ALL_EVENT_TOPICS, TOPICS.deadLetter];
  const all = await ingest.consumeTopics(topics, { idleMs: 2000 });
  const found: string[] = [];
  for (const [topic, messages] of all) {
    messages.forEach((message, i) => {
      for (const f of findPersonalData(message)) found.push(`${topic}[${i}].${f.path}: ${f.kind}`);
      const text = JSON.stringify(message).toLowerCase();
      for (const secret of fixtureSecrets) {
        if (text.includes(secret.toLowerCase())) found.push(`${topic}[${i}]: contains "${secret}"`);
      }
    });
  }
  return found;
}
