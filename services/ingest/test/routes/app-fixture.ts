import type { CanonicalEvent, DeadLetter } from '@stuurwiel/schemas';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { EventSink } from '../../src/kafka/event-sink.js';
import { acceptingSink, httpTestEnv } from '../auth/http-fixture.js';
import { TENANT, type TenantSettings, testCredentials } from '../credentials-fixture.js';

/**
 * The ingest app without a broker: its sink records what would have been produced, so a test
 * can see what the routes decided before Kafka.
 */
export function recordingIngest(extra: TenantSettings = {}) {
  const { credentials, keys } = testCredentials(extra);
  const published: { events: readonly CanonicalEvent[]; deadLetters: readonly DeadLetter[] }[] = [];
  const sink: EventSink = {
    ...acceptingSink,
    publish: async (events, deadLetters) => {
      published.push({ events, deadLetters });
    },
  };
  const app = buildApp(loadConfig(httpTestEnv), { credentials, sink });
  const post = (url: string, payload: string, contentType = 'application/json') =>
    app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': contentType, authorization: `Bearer ${keys[TENANT]}` },
      payload,
    });
  return { app, post, published, credentials };
}
