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

// The dead-letter topic takes at most 16 KiB per message: this reject's dead letter (about
// 45 KiB, under our own 64 KiB cap) is refused by the broker whole.
const refused = {
  ...validEvents['visit.called'],
  event_id: 'refused-by-the-broker',
  payload: {
    ...validEvents['visit.called'].payload,
    ...Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`field_${i}`, 'y'.repeat(900)])),
  },
};

/** Ten valid events of the other municipality and one small reject. */
const otherRequest = (n: number) => [
  ...Array.from({ length: 10 }, (_, i) => ({
    ...validEvents['visit.called'],
    tenant: OTHER_TENANT,
    event_id: deriveEventId(OTHER_TENANT, `shared-moment-${n}`, i),
  })),
  { ...validEvents['visit.called'], tenant: OTHER_TENANT, event_id: `small-reject-${n}`, payload: {} },
];

describe('a dead letter the broker refuses, at the same moment as other requests with dead letters', () => {
  let ingest: IngestUnderTest;
  let answers: { status: number; body: { accepted?: number; reason?: string } }[];
  beforeAll(async () => {
    // Set when the topic is created: a limit altered afterwards reaches the broker's log a moment
    // later, and a request in that moment would still be taken.
    ingest = await startIngest({}, {}, undefined, undefined, {
      [TOPICS.deadLetter]: { maxMessageBytes: 16 * 1024 },
    });
    const post = async (body: unknown, key: string) => {
      const res = await ingest.post('/v1/events', JSON.stringify(body), { key });
      return { status: res.status, body: (await res.json()) as { accepted?: number; reason?: string } };
    };
    // The first request's dead letter is in flight while the others arrive: had dead letters
    // of different requests gone out together, the refused one would share their produce request.
    const other = ingest.keys[OTHER_TENANT]!;
    answers = await Promise.all([
      post(otherRequest(0), other),
      post([refused], ingest.keys[TENANT]!),
      ...[1, 2, 3, 4].map((n) => post(otherRequest(n), other)),
    ]);
  });
  afterAll(async () => {
    await ingest.close();
  });

  it('answers its own request 503 with a reason of ours, not the broker error', () => {
    expect(answers[1]).toEqual({
      status: 503,
      body: {
        error: 'service_unavailable',
        reason: 'Kafka unavailable: the brokers refused the produce request; retry later',
      },
    });
  });

  it('fails none of the other requests: each gets 202, and their events and dead letters land', async () => {
    for (const answer of [answers[0], ...answers.slice(2)])
      expect(answer).toEqual({ status: 202, body: expect.objectContaining({ accepted: 10 }) });
    const landed = await ingest.consumeTopics([topicFor('visit.called'), TOPICS.deadLetter], { count: 55 });
    expect(landed.get(topicFor('visit.called'))).toHaveLength(50);
    const letters = landed.get(TOPICS.deadLetter) as { tenant: string }[];
    expect(letters).toHaveLength(5);
    expect(letters.every((l) => l.tenant === OTHER_TENANT)).toBe(true);
  });
});
