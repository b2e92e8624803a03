import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NativeKafka, startNativeKafka } from '@stuurwiel/infra';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validEvents } from '../../../../schemas/test/fixtures/valid-events.js';
import { startIngest } from './harness.js';

const USER = {
  mechanism: 'SCRAM-SHA-512',
  username: 'stuurwiel-ingest',
  password: 'ingest-scram-secret',
} as const;

// A broker of its own with a SCRAM listener; topics are made and read over its plain listener,
// ingest itself produces only through SASL.
describe('ingest producing to Kafka over SASL (SCRAM)', () => {
  let broker: NativeKafka;
  beforeAll(async () => {
    broker = await startNativeKafka(mkdtempSync(join(tmpdir(), 'ingest-sasl-')), () => {}, {
      scramUsers: [USER],
    });
  }, 180_000);
  afterAll(async () => {
    await broker?.stop();
  });

  const saslEnv = (password: string) => ({
    KAFKA_BROKERS: broker.saslBrokers!.join(','),
    KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
    KAFKA_SASL_MECHANISM: USER.mechanism,
    KAFKA_SASL_USERNAME: USER.username,
    KAFKA_SASL_PASSWORD: password,
  });

  it('accepts events and puts them on the topic with the configured login', async () => {
    const ingest = await startIngest(saslEnv(USER.password), {}, broker.brokers);
    try {
      expect((await fetch(`${ingest.url}/readyz`)).status).toBe(200);
      const event = validEvents['visit.arrived'];
      const res = await ingest.post('/v1/events', JSON.stringify([event]));
      expect(res.status).toBe(202);
      const onTopic = (await ingest.consume('events.visit.v1', { count: 1 })) as { event_id: string }[];
      expect(onTopic.map((e) => e.event_id)).toEqual([event.event_id]);
    } finally {
      await ingest.close();
    }
  });

  it('is not ready with a wrong password, says that the login failed, and answers 503', async () => {
    const ingest = await startIngest(
      { ...saslEnv('wrong-password'), LOG_LEVEL: 'fatal' },
      {},
      broker.brokers,
    );
    try {
      const ready = await fetch(`${ingest.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(JSON.stringify(await ready.json())).toMatch(/SASL SCRAM SHA512 authentication failed/);
      const res = await ingest.post('/v1/events', JSON.stringify([validEvents['visit.arrived']]));
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(await res.json()).toEqual({
        error: 'service_unavailable',
        reason: 'Kafka unavailable: cannot connect to the brokers; retry later',
      });
    } finally {
      await ingest.close();
    }
  });
});
