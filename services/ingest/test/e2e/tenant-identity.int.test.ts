import { validateEvent } from '@stuurwiel/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventSink } from '../../src/kafka/event-sink.js';
import { type IngestUnderTest, OTHER_TENANT, startIngest, TENANT } from './harness.js';

// Event ids are unique within a tenant only: a supplier serving two municipalities may derive
// the same id for both, and ingest must never take one municipality's event for the other's.
const SHARED_ID = '6d1f7a52-3c7e-5b0a-8e2f-9c4b1d0a7e31';
const SHARED_ID_2 = 'b3e0c9d4-5a61-5f2e-8d7c-0e4a9b6c1f28';

function visit(tenant: string, visitId: string, eventId = SHARED_ID) {
  const result = validateEvent({
    spec_version: 1,
    event_id: eventId,
    tenant,
    source: { system: 'queue_management', vendor: 'qmatic' },
    occurred_at: '2026-03-02T08:00:00.000Z',
    type: 'visit.arrived',
    payload: { visit_id: visitId, location_id: 'stadhuis', queue_id: 'burgerzaken', kind: 'walk_in' },
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.event;
}

const tenantsOnTopic = (messages: unknown[], eventId = SHARED_ID) =>
  (messages as { tenant: string; event_id: string }[])
    .filter((m) => m.event_id === eventId)
    .map((m) => m.tenant)
    .sort();

describe('two tenants’ events with the same event id', () => {
  let ingest: IngestUnderTest;
  beforeAll(async () => {
    ingest = await startIngest();
  });
  afterAll(async () => {
    await ingest.close();
  });

  it('are both accepted through the endpoint and both land on the topic', async () => {
    const first = await ingest.post('/v1/events', JSON.stringify([visit(TENANT, 'V-A')]), {
      key: ingest.keys[TENANT],
    });
    const second = await ingest.post('/v1/events', JSON.stringify([visit(OTHER_TENANT, 'V-B')]), {
      key: ingest.keys[OTHER_TENANT],
    });
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(await second.json()).toMatchObject({ accepted: 1, events: 1 });
    const onTopic = await ingest.consume('events.visit.v1', { count: 2 });
    expect(tenantsOnTopic(onTopic)).toEqual([OTHER_TENANT, TENANT].sort());
  });

  it('are both produced when the second arrives while the first is still unacknowledged', async () => {
    const sink = createEventSink({
      brokers: ingest.config.KAFKA_BROKERS,
      clientId: 'tenant-identity-test',
      topicPrefix: ingest.config.KAFKA_TOPIC_PREFIX,
      timeoutMs: 10_000,
      maxPendingEvents: 100,
      lateDeliveryMemoryMs: 60_000,
      log: () => {},
    });
    try {
      // Both publishes start in the same tick, so the first send is pending when the second
      // looks for an earlier send of "its" event.
      await Promise.all([
        sink.publish([visit(TENANT, 'V-C', SHARED_ID_2)], []),
        sink.publish([visit(OTHER_TENANT, 'V-D', SHARED_ID_2)], []),
      ]);
    } finally {
      await sink.close();
    }
    const onTopic = await ingest.consume('events.visit.v1', { count: 4 });
    expect(tenantsOnTopic(onTopic, SHARED_ID_2)).toEqual([OTHER_TENANT, TENANT].sort());
  });
});
