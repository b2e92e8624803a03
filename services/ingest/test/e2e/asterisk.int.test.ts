import { type CanonicalEvent, validateEvent } from '@stuurwiel/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPECTED, FIXTURE, options, PSEUDONYM_SECRET } from '../asterisk/fixtures/expected.js';
import { type IngestUnderTest, personalDataOnTopics, startIngest } from './harness.js';

const byId = (a: { event_id: string }, b: { event_id: string }) => a.event_id.localeCompare(b.event_id);

describe('Asterisk queue_log through the real endpoint into Kafka', () => {
  let ingest: IngestUnderTest;
  let answer: { status: number; body: { accepted: number; ignored: number; rejected: unknown[] } };
  beforeAll(async () => {
    ingest = await startIngest({}, { pseudonym_secret: PSEUDONYM_SECRET, asterisk: options });
    const res = await ingest.post('/v1/sources/asterisk/queue-log', FIXTURE, { contentType: 'text/plain' });
    answer = { status: res.status, body: (await res.json()) as typeof answer.body };
  });
  afterAll(async () => {
    await ingest.close();
  });

  it('answers with the accepted, ignored and rejected lines', () => {
    expect(answer.status).toBe(202);
    expect(answer.body.accepted).toBe(
      EXPECTED.filter((r) => r.events.length > 0 && r.errors.length === 0).length,
    );
    expect(answer.body.ignored).toBe(EXPECTED.filter((r) => 'ignored' in r).length);
    expect(answer.body.rejected).toEqual(
      EXPECTED.flatMap((r) => r.errors.map((e) => ({ index: r.index, path: e.path, reason: e.reason }))),
    );
  });

  it('puts exactly the expected call events on the call topic, field by field', async () => {
    const expected = EXPECTED.flatMap((r) => (r.errors.length === 0 ? r.events : [])).map((e) => {
      const v = validateEvent(e);
      if (!v.ok) throw new Error(`fixture event invalid: ${JSON.stringify(v.errors)}`);
      return v.event;
    });
    const onTopic = (await ingest.consume('events.call.v1', { count: expected.length })) as CanonicalEvent[];
    expect([...onTopic].sort(byId)).toEqual([...expected].sort(byId));
  });

  it('dead-letters each garbage line with its reason, and no topic holds a name or number in clear', async () => {
    const letters = (await ingest.consume('events.dlq.v1')) as {
      errors: { path: string; reason: string }[];
    }[];
    expect(letters.map((l) => l.errors)).toEqual(
      EXPECTED.filter((r) => r.errors.length > 0).map((r) => r.errors),
    );
    expect(
      await personalDataOnTopics(ingest, ['Jan Jansen', '0612345678', '0201112233', '0687654321']),
    ).toEqual([]);
  });
});
