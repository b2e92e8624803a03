import { readFileSync } from 'node:fs';
import { type CanonicalEvent, validateEvent } from '@stuurwiel/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeZgwServer, startFakeZgwServer } from '../zgw/fake-zgw-server.js';
import { type IngestUnderTest, personalDataOnTopics, startIngest } from './harness.js';

const ZAAK_PATH = '/zaken/api/v1/zaken/3d9f1c2a-8b4e-4f6a-9c1d-2e5b7a8f0c13';
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../zgw/fixtures/${name}`, import.meta.url), 'utf8'));

interface Step {
  step: string;
  zaak: Record<string, unknown>;
  notification: Record<string, unknown>;
  expected: Record<string, unknown>[];
}

describe('ZGW notifications through the real endpoint into Kafka', () => {
  let zgw: FakeZgwServer;
  const zaken = fixture('zaken.json') as Record<string, Record<string, unknown>>;

  beforeAll(async () => {
    zgw = await startFakeZgwServer();
    zgw.load(fixture('catalogi.json') as Record<string, unknown>);
    zgw.load(zaken);
  });
  afterAll(async () => {
    await zgw.close();
  });

  // Each life on topics of its own: both describe the same case, so they share event ids.
  const ingestFor = (): Promise<IngestUnderTest> =>
    startIngest(
      {},
      {
        zgw: {
          zaken_api_url: zgw.zakenApiUrl,
          catalogi_api_url: zgw.catalogiApiUrl,
          client_id: zgw.clientId,
          secret: zgw.secret,
        },
      },
    );

  it.each([
    ['classic notifications', 'case-life.classic.json'],
    ['CloudEvents', 'case-life.cloudevents.json'],
  ])('turns a whole case life in %s into exactly the expected case events', async (_name, file) => {
    const life = fixture(file) as Step[];
    const ingest = await ingestFor();
    for (const step of life) {
      zgw.put(ZAAK_PATH, { ...zaken[ZAAK_PATH], ...step.zaak });
      const res = await ingest.post(
        '/v1/sources/zgw/notifications',
        JSON.stringify(zgw.resolve(step.notification)),
      );
      expect(res.status, step.step).toBe(202);
    }
    const expected = life
      .flatMap((s) => s.expected)
      .map((e) => {
        const v = validateEvent(e);
        if (!v.ok) throw new Error('fixture invalid');
        return v.event;
      });
    const onTopic = (await ingest.consume('events.case.v1', { count: expected.length })) as CanonicalEvent[];
    // bronorganisatie is an RSIN that passes the eleven test like a BSN: it must not travel on.
    expect(await personalDataOnTopics(ingest, ['123456782'])).toEqual([]);
    await ingest.close();
    const byId = (a: { event_id: string }, b: { event_id: string }) => a.event_id.localeCompare(b.event_id);
    expect([...onTopic].sort(byId)).toEqual([...expected].sort(byId));
  });
});
