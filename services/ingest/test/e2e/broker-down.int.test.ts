import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { type NativeKafka, startNativeKafka } from '@stuurwiel/infra';
import { deriveEventId } from '@stuurwiel/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IngestUnderTest, startIngest, TENANT } from './harness.js';

function batch(n: number, size: number) {
  return Array.from({ length: size }, (_, i) => {
    const visit_id = `B${n}-${i}`;
    return {
      spec_version: 1,
      event_id: deriveEventId(TENANT, 'qmatic', visit_id, 'arrived'),
      tenant: TENANT,
      source: { system: 'queue_management', vendor: 'qmatic' },
      occurred_at: new Date(Date.UTC(2026, 2, 2, 8, 0, n)).toISOString(),
      type: 'visit.arrived',
      payload: { visit_id, location_id: 'stadhuis', queue_id: 'burgerzaken', kind: 'walk_in' },
    };
  });
}

interface Answer {
  status: number;
  ms: number;
  retryAfter: string | null;
  at: number;
}

// This test stops and restarts a broker, so it runs one of its own instead of the shared one.
describe('ingest while the Kafka broker goes down and comes back', () => {
  let kafka: NativeKafka;
  let ingest: IngestUnderTest;
  beforeAll(async () => {
    kafka = await startNativeKafka(mkdtempSync(`${tmpdir()}/broker-down-`), () => {});
    // The client logs every refused connection while the broker is away; keep the run readable.
    ingest = await startIngest({ INGEST_PRODUCE_TIMEOUT_MS: '3000', LOG_LEVEL: 'fatal' }, {}, kafka.brokers);
  }, 120_000);
  afterAll(async () => {
    await ingest?.close();
    await kafka?.stop();
  });

  it('answers 503 with Retry-After, never 202, recovers by itself, and keeps each acknowledged event once', async () => {
    const answers: Answer[] = [];
    const acknowledged = new Set<string>();
    let stoppedAt = Number.POSITIVE_INFINITY;
    let restartingAt = Number.POSITIVE_INFINITY;

    // A client as suppliers write them: send a batch, retry the same batch after a 503.
    const client = (async () => {
      for (let n = 0; n < 40; n++) {
        const events = batch(n, 50);
        for (;;) {
          const started = Date.now();
          const res = await ingest.post('/v1/events', JSON.stringify(events));
          answers.push({
            status: res.status,
            ms: Date.now() - started,
            retryAfter: res.headers.get('retry-after'),
            at: started,
          });
          await res.body?.cancel();
          if (res.status === 202) {
            for (const e of events) acknowledged.add(e.event_id);
            break;
          }
          expect(res.status).toBe(503);
          await new Promise((r) => setTimeout(r, 500));
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    await new Promise((r) => setTimeout(r, 1500));
    await kafka.stop();
    stoppedAt = Date.now();
    const ready = await fetch(`${ingest.url}/readyz`);
    expect(ready.status).toBe(503);
    await new Promise((r) => setTimeout(r, 8000));
    restartingAt = Date.now();
    await kafka.restart();
    await client;

    const whileDown = answers.filter((a) => a.at > stoppedAt && a.at + a.ms < restartingAt);
    expect(whileDown.length).toBeGreaterThan(0);
    expect(whileDown.every((a) => a.status === 503)).toBe(true);
    for (const a of answers.filter((x) => x.status === 503)) {
      expect(a.retryAfter).toBe('5');
      expect(a.ms).toBeLessThan(5000);
    }
    expect(acknowledged.size).toBe(40 * 50);
    expect((await fetch(`${ingest.url}/readyz`)).status).toBe(200);

    const onTopic = (await ingest.consume('events.visit.v1', { count: acknowledged.size, idleMs: 3000 })) as {
      event_id: string;
    }[];
    const copies = new Map<string, number>();
    for (const e of onTopic) copies.set(e.event_id, (copies.get(e.event_id) ?? 0) + 1);
    expect(
      [...acknowledged].filter((id) => copies.get(id) !== 1).map((id) => `${id}: ${copies.get(id) ?? 0}`),
    ).toEqual([]);
    expect(copies.size).toBe(acknowledged.size);
  }, 180_000);
});
