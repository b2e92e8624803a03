import { insertRawEvents } from '@stuurwiel/clickhouse';
import { makeEvent, useTestDatabase } from '@stuurwiel/infra/testing';
import type { CanonicalEvent } from '@stuurwiel/schemas';
import { beforeAll, describe, expect, it } from 'vitest';
import { storedSourceFreshness, storedStateEvents } from '../../src/pipeline/rebuild.js';

const NOW = Date.parse('2026-04-28T10:00:00Z');
const MIN = 60_000;

/** A visitor's arrival with the visit's id as event id, so the test can find it among the stored. */
const arrived = (tenant: string, id: string, atMs: number, source: CanonicalEvent['source']) =>
  makeEvent(
    'visit.arrived',
    new Date(atMs),
    { visit_id: id, location_id: 'L', queue_id: 'Q', kind: 'walk_in' },
    { tenant, event_id: id, source },
  );

const kiosk = { system: 'queue_management', vendor: 'qmatic', instance: 'kiosk-2' } as const;
const jcc = { system: 'queue_management', vendor: 'jcc' } as const;

describe('the freshness of sources as ClickHouse stores it', () => {
  const db = useTestDatabase('freshness');

  beforeAll(async () => {
    // jcc: quiet for three days, received then; the kiosk: two events in the last 15 minutes,
    // one of them inserted twice (a redelivered batch before the merge), and one before them.
    await insertRawEvents(
      db(),
      [arrived('GM0363', 'old', NOW - 3 * 1440 * MIN, jcc)],
      new Date(NOW - 3 * 1440 * MIN + 5_000),
    );
    const kioskEvents = [
      arrived('GM0363', 'k1', NOW - 20 * MIN, kiosk),
      arrived('GM0363', 'k2', NOW - 10 * MIN + 250, kiosk),
      arrived('GM0363', 'k3', NOW - MIN, kiosk),
    ];
    await insertRawEvents(db(), kioskEvents, new Date(NOW - 30_000));
    await insertRawEvents(db(), [kioskEvents[2]!], new Date(NOW - 20_000));
    await insertRawEvents(db(), [arrived('GM0014', 'other', NOW - MIN, jcc)], new Date(NOW));
  });

  it('gives every source of the tenants asked, however long quiet, with its last event and receipt', async () => {
    const { sources } = await storedSourceFreshness(db(), ['GM0363'], new Date(NOW - 15 * MIN));
    expect(sources.sort((a, b) => a.vendor.localeCompare(b.vendor))).toEqual([
      {
        tenant: 'GM0363',
        ...jcc,
        instance: null,
        lastEventMs: NOW - 3 * 1440 * MIN,
        lastReceivedMs: NOW - 3 * 1440 * MIN + 5_000,
      },
      { tenant: 'GM0363', ...kiosk, lastEventMs: NOW - MIN, lastReceivedMs: NOW - 20_000 },
    ]);
  });

  it('lists the events after the horizon by id, to the millisecond', async () => {
    const { recent } = await storedSourceFreshness(db(), ['GM0363'], new Date(NOW - 15 * MIN));
    const ids = recent.map((r) => `${r.eventId}@${r.atMs - NOW}`).sort();
    // k3 may come twice until the copies merge; the store counts an id once.
    expect([...new Set(ids)]).toEqual(['k2@-599750', 'k3@-60000']);
    expect(recent[0]).toMatchObject({ tenant: 'GM0363', ...kiosk });
  });

  it('gives the replay its events with their instance', async () => {
    const events = await storedStateEvents(db(), ['GM0363'], new Date(NOW), 1);
    expect(events.find((e) => e.event_id === 'k3')?.source).toEqual(kiosk);
    expect(events.find((e) => e.event_id === 'old')).toBeUndefined();
  });
});
