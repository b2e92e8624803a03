import { describe, expect, it } from 'vitest';
import { createEntityStore, type EntityRecord } from '../../src/state/entity-store.js';

interface Thing extends EntityRecord {
  thing_id: string;
}

const newThing = (tenant: string, thing_id: string, at: string): Thing => ({
  tenant,
  thing_id,
  event_ids: [],
  last_seen: at,
});

const store = (closedMemory = 0) =>
  createEntityStore<Thing>({
    kind: 'thing',
    idOf: (t) => t.thing_id,
    create: newThing,
    closedMemory,
    finishedMemory: 2,
  });

describe('the entity store shared by the open-entity stores', () => {
  it('gives a redelivered event no record, and moves last_seen only forward', () => {
    const things = store();
    const first = things.recordFor('GM0363', 'a', 'e1', '2026-04-28T09:00:00.000Z');
    expect(first?.event_ids).toEqual(['e1']);
    expect(things.recordFor('GM0363', 'a', 'e1', '2026-04-28T09:00:00.000Z')).toBeUndefined();
    const again = things.recordFor('GM0363', 'a', 'e2', '2026-04-28T08:00:00.000Z');
    expect(again).toBe(first);
    expect(again?.last_seen).toBe('2026-04-28T09:00:00.000Z');
    expect(things.open('GM0014')).toEqual([]);
  });

  it('ignores events of a finished entity whose record is not kept', () => {
    const things = store();
    const thing = things.recordFor('GM0363', 'a', 'e1', '2026-04-28T09:00:00.000Z')!;
    things.close(thing);
    expect(things.isClosed(thing)).toBe(true);
    expect(things.recordFor('GM0363', 'a', 'e2', '2026-04-28T09:05:00.000Z')).toBeUndefined();
    expect(things.allOpen()).toEqual([]);
  });

  it('keeps finished records for late events up to its memory, then only their keys', () => {
    const things = store(1);
    const a = things.recordFor('GM0363', 'a', 'e1', '2026-04-28T09:00:00.000Z')!;
    things.close(a);
    expect(things.recordFor('GM0363', 'a', 'e2', '2026-04-28T09:05:00.000Z')).toBe(a);
    const b = things.recordFor('GM0363', 'b', 'e3', '2026-04-28T09:10:00.000Z')!;
    things.close(b);
    expect(things.closed()).toEqual([b]);
    expect(things.recordFor('GM0363', 'a', 'e4', '2026-04-28T09:15:00.000Z')).toBeUndefined();
  });

  it("finds idle records by each tenant's own now, and survives a snapshot and restore", () => {
    const things = store(1);
    things.recordFor('GM0363', 'old', 'e1', '2026-04-28T06:00:00.000Z');
    things.recordFor('GM0363', 'new', 'e2', '2026-04-28T09:30:00.000Z');
    things.recordFor('GM0014', 'import', 'e3', '2025-01-06T09:00:00.000Z');
    const now: Record<string, string> = {
      GM0363: '2026-04-28T10:00:00.000Z',
      GM0014: '2025-01-06T09:30:00.000Z',
    };
    const idle = things.idle((tenant) => now[tenant], 3_600_000);
    expect(idle.map((t) => t.thing_id)).toEqual(['old']);
    things.drop(idle[0]!);

    const copy = store(1);
    copy.restore(things.snapshot());
    expect(copy.snapshot()).toEqual(things.snapshot());
    expect(copy.recordFor('GM0363', 'old', 'e9', '2026-04-28T10:00:00.000Z')).toBeUndefined();
  });
});
