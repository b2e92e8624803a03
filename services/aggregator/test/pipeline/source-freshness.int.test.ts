import { type Db, ident, insertRawEvents, sql } from '@stuurwiel/clickhouse';
import { testDatabase, useInfra } from '@stuurwiel/infra/testing';
import type { CanonicalEvent } from '@stuurwiel/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedSourceFreshness, storedStateEvents } from '../../src/pipeline/rebuild.js';

const NOW = Date.parse('2026-04-28T10:00:00Z');
const MIN = 60_000;

function arrived(tenant: string, id: string, atMs: number, source: CanonicalEvent['source']): CanonicalEvent {
  return {
    spec_version: 1,
    event_id: id,
    tenant,
    source,
    occurred_at: new Date(atMs).toISOString(),
    type: 'visit.arrived',
    payload: { visit_id: id, location_id: 'L', queue_id: 'Q', kind: 'walk_in', products: [] },
  } as CanonicalEvent;
}

const kiosk = { system: 'queue_management', vendor: 'qmatic', instance: 'kiosk-2' } as const;
const jcc = { system: 'queue_management', vendor: 'jcc' } as const;

describe('the freshness of sources as ClickHouse stores it', () => {
  let db: Db;

  beforeAll(async () => {
    db = await testDatabase(useInfra(), 'freshness');
    // jcc: quiet for three days, received then; the kiosk: two events in the last 15 minutes,
    // one of them inserted twice (a redelivered batch before the merge), and one before them.
    await insertRawEvents(
      db,
      [arrived('GM0363', 'old', NOW - 3 * 1440 * MIN, jcc)],
      new Date(NOW - 3 * 1440 * MIN + 5_000),
    );
    const kioskEvents = [
      arrived('GM0363', 'k1', NOW - 20 * MIN, kiosk),
      arrived('GM0363', 'k2', NOW - 10 * MIN + 250, kiosk),
      arrived('GM0363', 'k3', NOW - MIN, kiosk),
    ];
    await insertRawEvents(db, kioskEvents, new Date(NOW - 30_000));
    await insertRawEvents(db, [kioskEvents[2]!], new Date(NOW - 20_000));
    await insertRawEvents(db, [arrived('GM0014', 'other', NOW - MIN, jcc)], new Date(NOW));
  });

  afterAll(async () => {
    await db?.command(sql`DROP DATABASE IF EXISTS ${ident(db.database)}`);
    await db?.close();
  });

  it('gives every source of the tenants asked, however long quiet, with its last event and receipt', async () => {
    const { sources } = await storedSourceFreshness(db, ['GM0363'], new Date(NOW - 15 * MIN));
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
    const { recent } = await storedSourceFreshness(db, ['GM0363'], new Date(NOW - 15 * MIN));
    const ids = recent.map((r) => `${r.eventId}@${r.atMs - NOW}`).sort();
    // k3 may come twice until the copies merge; the store counts an id once.
    expect([...new Set(ids)]).toEqual(['k2@-599750', 'k3@-60000']);
    expect(recent[0]).toMatchObject({ tenant: 'GM0363', ...kiosk });
  });

  it('gives the replay its events with their instance', async () => {
    const events = await storedStateEvents(db, ['GM0363'], new Date(NOW), 1);
    expect(events.find((e) => e.event_id === 'k3')?.source).toEqual(kiosk);
    expect(events.find((e) => e.event_id === 'old')).toBeUndefined();
  });
});
