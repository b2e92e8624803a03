import { deriveEventId, TOPICS, topicFor } from '@stuurwiel/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validEvents } from '../../../../schemas/test/fixtures/valid-events.js';
import { DEAD_LETTER_MAX_BYTES } from '../../src/pipeline/dead-letter.js';
import { type IngestUnderTest, OTHER_TENANT, startIngest, TENANT } from './harness.js';

// The broker's default message.max.bytes is 1 MiB; this reject's dead letter, as composed, is
// several times that.
const fields = Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`field_${i}`, 'x'.repeat(900)]));
const huge = {
  ...validEvents['visit.called'],
  event_id: 'huge-reject',
  payload: { ...validEvents['visit.called'].payload, ...fields },
};

const otherBatch = Array.from({ length: 50 }, (_, i) => ({
  ...validEvents['visit.called'],
  tenant: OTHER_TENANT,
  event_id: deriveEventId(OTHER_TENANT, 'isolation', i),
}));

describe('a dead letter larger than the broker allows', () => {
  let ingest: IngestUnderTest;
  let answers: { status: number; body: { accepted?: number } }[];
  beforeAll(async () => {
    ingest = await startIngest();
    const post = async (body: unknown, key: string) => {
      const res = await ingest.post('/v1/events', JSON.stringify(body), { key });
      return { status: res.status, body: (await res.json()) as { accepted?: number } };
    };
    answers = await Promise.all([
      post([huge], ingest.keys[TENANT]!),
      post(otherBatch, ingest.keys[OTHER_TENANT]!),
    ]);
  });
  afterAll(async () => {
    await ingest.close();
  });

  it("fails no other municipality's concurrent batch: it gets 202 and lands", async () => {
    expect(answers[0]!.status).toBe(422);
    expect(answers[1]).toEqual({ status: 202, body: expect.objectContaining({ accepted: 50 }) });
    const landed = (await ingest.consume(topicFor('visit.called'), { count: 50 })) as { event_id: string }[];
    expect(new Set(landed.map((e) => e.event_id))).toEqual(new Set(otherBatch.map((e) => e.event_id)));
  });

  it('is stored cut to its limit, with a marker', async () => {
    const letters = (await ingest.consume(TOPICS.deadLetter, { count: 1 })) as {
      original: { truncated?: boolean; bytes?: number; head?: string };
      tenant: string;
    }[];
    expect(letters).toHaveLength(1);
    const letter = letters[0]!;
    expect(letter.tenant).toBe(TENANT);
    expect(letter.original.truncated).toBe(true);
    expect(letter.original.bytes).toBeGreaterThan(1024 * 1024);
    expect(letter.original.head).toContain('huge-reject');
    expect(Buffer.byteLength(JSON.stringify(letter))).toBeLessThanOrEqual(DEAD_LETTER_MAX_BYTES);
  });
});
