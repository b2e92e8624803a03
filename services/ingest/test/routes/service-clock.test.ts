import { manualClock } from '@stuurwiel/runtime';
import type { CanonicalEvent, DeadLetter } from '@stuurwiel/schemas';
import { afterAll, describe, expect, it } from 'vitest';
import { type BuildOptions, buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { EventSink } from '../../src/kafka/event-sink.js';
import { acceptingSink, httpTestEnv } from '../auth/http-fixture.js';
import { TENANT, testCredentials } from '../credentials-fixture.js';

/** Ingest on a given clock (or the environment's), recording what it would produce. */
function ingestOn(env: Record<string, string>, options: Pick<BuildOptions, 'clock'> = {}) {
  const { credentials, keys } = testCredentials();
  const published: { events: readonly CanonicalEvent[]; deadLetters: readonly DeadLetter[] }[] = [];
  const sink: EventSink = {
    ...acceptingSink,
    publish: async (events, deadLetters) => {
      published.push({ events, deadLetters });
    },
  };
  const app = buildApp(loadConfig({ ...httpTestEnv, ...env }), { credentials, sink, ...options });
  const queueLog = (at: Date, callId: string) =>
    app.inject({
      method: 'POST',
      url: '/v1/sources/asterisk/queue-log',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${keys[TENANT]}` },
      payload: `${Math.floor(at.getTime() / 1000)}|${callId}|kcc|NONE|ENTERQUEUE||0612345678|1`,
    });
  return { app, published, queueLog };
}

// A demo day years away from the wall clock: only the service clock can make it "now".
const DEMO_NOW = new Date('2031-06-02T09:00:00Z');

describe('ingest judges event times on its service clock', () => {
  const clock = manualClock(DEMO_NOW);
  const ingest = ingestOn({}, { clock });
  afterAll(() => ingest.app.close());

  it('accepts an event of the demo day', async () => {
    const res = await ingest.queueLog(new Date(DEMO_NOW.getTime() - 60_000), '1.1');
    expect(res.statusCode).toBe(202);
    const [sent] = ingest.published.slice(-1);
    expect(sent!.deadLetters).toEqual([]);
    expect(sent!.events.length).toBeGreaterThan(0);
  });

  it('refuses an event further ahead of the demo time than INGEST_MAX_FUTURE_SECONDS, received at the demo time', async () => {
    await ingest.queueLog(new Date(DEMO_NOW.getTime() + 600_000), '1.2');
    const [sent] = ingest.published.slice(-1);
    expect(sent!.events).toEqual([]);
    expect(sent!.deadLetters[0]!.errors[0]!.reason).toMatch(/600 s in the future/);
    expect(sent!.deadLetters[0]!.received_at).toBe(DEMO_NOW.toISOString());
  });

  it('refuses an event of the wall clock, now more than a year behind the demo time', async () => {
    await ingest.queueLog(new Date(), '1.3');
    const [sent] = ingest.published.slice(-1);
    expect(sent!.events).toEqual([]);
    expect(sent!.deadLetters).toHaveLength(1);
  });
});

describe('ingest without a clock given', () => {
  it('reads the shared demo clock from STUURWIEL_CLOCK_START, _ORIGIN and _SPEED', async () => {
    const ingest = ingestOn({
      STUURWIEL_CLOCK_START: DEMO_NOW.toISOString(),
      STUURWIEL_CLOCK_ORIGIN: new Date().toISOString(),
      STUURWIEL_CLOCK_SPEED: '1',
    });
    const res = await ingest.queueLog(DEMO_NOW, '2.1');
    expect(res.statusCode).toBe(202);
    expect(ingest.published[0]!.deadLetters).toEqual([]);
    expect(ingest.published[0]!.events.length).toBeGreaterThan(0);
    await ingest.app.close();
  });
});
