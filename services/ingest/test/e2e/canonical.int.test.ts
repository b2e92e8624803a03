import { type CanonicalEventInput, topicFor, validateEvent } from '@stuurwiel/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validEvents } from '../../../../schemas/test/fixtures/valid-events.js';
import { type IngestUnderTest, OTHER_TENANT, personalDataOnTopics, startIngest } from './harness.js';

const samples = Object.values(validEvents) as CanonicalEventInput[];

describe('POST /v1/events into Kafka', () => {
  let ingest: IngestUnderTest;
  beforeAll(async () => {
    ingest = await startIngest();
  });
  afterAll(async () => {
    await ingest.close();
  });

  it('puts every canonical event type on its topic, field by field as validated', async () => {
    const res = await ingest.post('/v1/events', JSON.stringify(samples));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({
      accepted: samples.length,
      events: samples.length,
      ignored: 0,
      rejected: [],
    });
    const expected = samples.map((s) => {
      const v = validateEvent(s);
      if (!v.ok) throw new Error('fixture invalid');
      return v.event;
    });
    const byTopic = new Map<string, unknown[]>();
    for (const e of expected) byTopic.set(topicFor(e.type), [...(byTopic.get(topicFor(e.type)) ?? []), e]);
    const onTopics = await ingest.consumeTopics([...byTopic.keys()], { count: expected.length });
    const byId = (a: unknown, b: unknown) =>
      String((a as { event_id: string }).event_id).localeCompare((b as { event_id: string }).event_id);
    for (const [topic, events] of byTopic) {
      expect([...(onTopics.get(topic) ?? [])].sort(byId)).toEqual([...events].sort(byId));
    }
  });

  it('accepts NDJSON and rejects a bad line on its own, dead-lettering it by length and keyed hash', async () => {
    const good = validEvents['survey.responded'];
    const body = `${JSON.stringify(good)}\n{"spec_version":1,"truncated\n`;
    const res = await ingest.post('/v1/events', body, { contentType: 'application/x-ndjson' });
    expect(res.status).toBe(202);
    const answer = (await res.json()) as { accepted: number; rejected: { index: number; path: string }[] };
    expect(answer.accepted).toBe(1);
    expect(answer.rejected).toHaveLength(1);
    expect(answer.rejected[0]!.index).toBe(1);
    const letters = (await ingest.consume('events.dlq.v1')) as { original: unknown; errors: unknown[] }[];
    expect(letters.map((l) => l.original)).toContainEqual({
      length: '{"spec_version":1,"truncated'.length,
      body_hmac: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('refuses a key of one municipality posting another municipality’s events with 403', async () => {
    const res = await ingest.post('/v1/events', JSON.stringify([validEvents['visit.arrived']]), {
      key: ingest.keys[OTHER_TENANT],
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      error: 'forbidden',
      reason: `records 0 belong to another tenant than this key's (${OTHER_TENANT}); nothing was accepted`,
    });
  });

  it('leaves no clear e-mail address, phone number or BSN on any topic, dead letters included', async () => {
    expect(await personalDataOnTopics(ingest, [])).toEqual([]);
  });

  it('answers 401 without a key', async () => {
    const res = await ingest.post('/v1/events', '[]', { key: null });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: 'unauthorized',
      reason: 'missing API key (Authorization: Bearer <key>)',
    });
  });
});
