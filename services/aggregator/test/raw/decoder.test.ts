import { rawEventsBody } from '@stuurwiel/clickhouse';
import { makeEvent } from '@stuurwiel/infra/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createDecoder, type Decoder, sameShape } from '../../src/raw/decoder.js';
import { at } from '../state/test-day.js';

const arrived = (n: number) =>
  makeEvent('visit.arrived', at(`09:${String(n % 60).padStart(2, '0')}:00`), {
    visit_id: `v${n}`,
    location_id: 'stadhuis',
    queue_id: 'burgerzaken',
    kind: 'walk_in',
  });

const message = (value: unknown) => ({
  value: value === null ? null : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
});

describe.each([
  ['on a thread of its own', 1],
  ['on the main thread', 0],
] as const)('decoding messages %s', (_, threads) => {
  const decoder: Decoder = createDecoder({ threads });
  afterAll(() => decoder.close());

  it('returns the valid events in order, with their raw rows', async () => {
    const events = Array.from({ length: 50 }, (_, n) => arrived(n));
    const decoded = await decoder.decode(events.map(message));
    expect(decoded.events).toEqual(events);
    expect(decoded.letters).toEqual([]);
    const receivedAt = decoded.rawBody.split('\n')[0]!.split('\t')[9]!; // ingested_at
    expect(decoded.rawBody).toBe(rawEventsBody(events, new Date(`${receivedAt.replace(' ', 'T')}Z`)));
    // The receipt the sources' freshness shows is the one stored, so a restart restores it.
    expect(decoded.receivedAt.slice(0, 19).replace('T', ' ')).toBe(receivedAt);
  });

  it('resolves batches in the order they were handed over', async () => {
    const batches = Array.from({ length: 20 }, (_, b) =>
      Array.from({ length: 1 + ((b * 37) % 200) }, (_, n) => arrived(b * 1000 + n)),
    );
    const order: number[] = [];
    await Promise.all(
      batches.map((batch, b) =>
        decoder.decode(batch.map(message)).then((decoded) => {
          order.push(b);
          expect(decoded.events).toEqual(batch);
        }),
      ),
    );
    expect(order).toEqual(batches.map((_, b) => b));
  });

  it('returns an event as validated, defaults filled in, when its message lacks them', async () => {
    const valid = arrived(2);
    const { products: _omitted, ...payload } = valid.payload as Record<string, unknown>;
    const decoded = await decoder.decode([message({ ...valid, payload }), message(arrived(3))]);
    expect(decoded.events).toEqual([valid, arrived(3)]);
    expect((decoded.events[0]!.payload as { products: string[] }).products).toEqual([]);
  });

  it('dead-letters a message nested too deep to send on whole with its text', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const decoded = await decoder.decode([message(deep), message(arrived(4))]);
    expect(decoded.events).toEqual([arrived(4)]);
    expect(decoded.letters).toHaveLength(1);
    expect(decoded.letters[0]!.original).toBe(deep);
  });

  it('turns what is not a canonical event into dead letters naming the reason', async () => {
    const valid = arrived(1);
    const decoded = await decoder.decode([
      message('{"not json'),
      message(null),
      message({ ...valid, tenant: 'Amsterdam' }),
      message(valid),
    ]);
    expect(decoded.events).toEqual([valid]);
    expect(decoded.letters.map((l) => l.errors[0]!.path)).toEqual(['', '', 'tenant']);
    expect(decoded.letters[0]!.errors[0]!.reason).toMatch(/^not JSON: /);
    expect(decoded.letters[2]!.errors[0]!.reason).toContain('GM0363');
    expect(decoded.letters[2]!.original).toMatchObject({ tenant: 'Amsterdam' });
    expect(decoded.rawBody.split('\n').filter(Boolean)).toHaveLength(1);
  });
});

describe.each([
  ['on a thread of its own', 1],
  ['on the main thread', 0],
] as const)('a decoder on a service clock %s', (_, threads) => {
  it('stamps the receipt with the service clock, not the wall clock', async () => {
    // A demo clock far from the wall clock: a source's last receipt must be on its time line.
    const demo = new Date('2026-03-10T07:45:00.000Z');
    const decoder = createDecoder({ threads, clock: () => demo });
    try {
      const decoded = await decoder.decode([message(arrived(5))]);
      expect(decoded.receivedAt).toBe(demo.toISOString());
      expect(decoded.rawBody).toBe(rawEventsBody([arrived(5)], demo));
    } finally {
      await decoder.close();
    }
  });
});

describe('a closed decoder', () => {
  it('refuses further batches instead of leaving them unanswered', async () => {
    const decoder = createDecoder({ threads: 1 });
    await decoder.decode([message(arrived(1))]);
    await decoder.close();
    await expect(decoder.decode([message(arrived(2))])).rejects.toThrow('decoder closed');
  });
});

describe('sameShape', () => {
  it('tells a value validated unchanged from one that got keys added', () => {
    expect(sameShape({ a: 1, b: [{ c: 'x' }] }, { b: [{ c: 'x' }], a: 1 })).toBe(true);
    expect(sameShape({ a: 1 }, { a: 1, b: [] })).toBe(false);
    expect(sameShape({ a: { b: 1 } }, { a: { b: 1, c: false } })).toBe(false);
    expect(sameShape({ a: [{}] }, { a: [{ d: 1 }] })).toBe(false);
    expect(sameShape({ a: [1] }, { a: [1, 2] })).toBe(false);
    expect(sameShape({ a: null }, { a: {} })).toBe(false);
  });
});
