import { makeEvent, type PayloadInput } from '@stuurwiel/infra/testing';
import type { CanonicalEvent } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import type { VisitFact } from '../../src/facts/types.js';
import { createVisitStore, type VisitStore } from '../../src/state/index.js';
import { at, TENANT, utc } from './test-day.js';

const base = { location_id: 'L1', queue_id: 'Q-burgerzaken' };

const arrived = (time: string, extra: Partial<PayloadInput<'visit.arrived'>> = {}) =>
  makeEvent('visit.arrived', at(time), { visit_id: 'V1', ...base, kind: 'walk_in', ...extra });
const called = (time: string, desk = 'D1', extra: Partial<PayloadInput<'visit.called'>> = {}) =>
  makeEvent('visit.called', at(time), { visit_id: 'V1', ...base, desk_id: desk, ...extra });
const finished = (
  time: string,
  outcome: PayloadInput<'visit.finished'>['outcome'] = 'served',
  extra: Partial<PayloadInput<'visit.finished'>> = {},
) => makeEvent('visit.finished', at(time), { visit_id: 'V1', location_id: 'L1', outcome, ...extra });

const applyAll = (store: VisitStore, events: CanonicalEvent[]) => events.flatMap((e) => store.apply(e));

const walkInServed: VisitFact = {
  tenant: TENANT,
  visit_id: 'V1',
  location_id: 'L1',
  queue_id: 'Q-burgerzaken',
  desk_id: 'D1',
  kind: 'walk_in',
  products: [],
  arrived_at: '2026-03-02T08:00:00.000Z',
  appointment_start: null,
  called_at: '2026-03-02T08:12:30.000Z',
  finished_at: '2026-03-02T08:20:00.000Z',
  outcome: 'served',
  wait_seconds: 750,
  service_seconds: 450,
  transfers: 0,
  recalls: 0,
};

describe('visit store', () => {
  it('derives the fact of a served walk-in, and the live reads along the way', () => {
    const store = createVisitStore();
    expect(store.apply(arrived('09:00:00'))).toEqual([]);
    expect(store.waiting(TENANT)).toEqual([
      {
        visit_id: 'V1',
        location_id: 'L1',
        queue_id: 'Q-burgerzaken',
        kind: 'walk_in',
        arrived_at: '2026-03-02T08:00:00.000Z',
        appointment_start: null,
        waiting_since: '2026-03-02T08:00:00.000Z',
        counted_called_at: null,
        counted_queue_id: null,
      },
    ]);
    expect(store.apply(called('09:12:30'))).toEqual([]);
    expect(store.waiting(TENANT)).toEqual([]);
    expect(store.inService(TENANT)).toEqual([
      {
        visit_id: 'V1',
        location_id: 'L1',
        queue_id: 'Q-burgerzaken',
        desk_id: 'D1',
        kind: 'walk_in',
        arrived_at: '2026-03-02T08:00:00.000Z',
        appointment_start: null,
        called_at: '2026-03-02T08:12:30.000Z',
        counted_called_at: '2026-03-02T08:12:30.000Z',
        counted_queue_id: 'Q-burgerzaken',
      },
    ]);
    expect(store.apply(finished('09:20:00'))).toEqual([walkInServed]);
    expect(store.inService(TENANT)).toEqual([]);
    expect(store.waiting('GM0599')).toEqual([]);
  });

  it('counts an early appointment from its start and a late one from the arrival', () => {
    const store = createVisitStore();
    const appointment = {
      kind: 'appointment' as const,
      appointment_start: at('09:30:00'),
      products: ['paspoort'],
    };
    // Early: arrives 09:20, start 09:30, called 09:34 → 240 s.
    const early = applyAll(store, [
      arrived('09:20:00', appointment),
      called('09:34:00'),
      finished('09:40:00'),
    ]);
    expect(early).toEqual([
      {
        ...walkInServed,
        kind: 'appointment',
        products: ['paspoort'],
        arrived_at: '2026-03-02T08:20:00.000Z',
        appointment_start: '2026-03-02T08:30:00.000Z',
        called_at: '2026-03-02T08:34:00.000Z',
        finished_at: '2026-03-02T08:40:00.000Z',
        wait_seconds: 240,
        service_seconds: 360,
      },
    ]);
    // Late: start 09:30, arrives 09:45, called 09:47 → 120 s.
    const late = applyAll(createVisitStore(), [
      arrived('09:45:00', appointment),
      called('09:47:00'),
      finished('09:50:00'),
    ]);
    expect(late[0]).toMatchObject({ wait_seconds: 120, service_seconds: 180 });
    // Called before the appointment start: never negative.
    const beforeStart = applyAll(createVisitStore(), [
      arrived('09:20:00', appointment),
      called('09:25:00'),
      finished('09:35:00'),
    ]);
    expect(beforeStart[0]).toMatchObject({ wait_seconds: 0, service_seconds: 600 });
  });

  it('lets the last call count when a ticket is recalled', () => {
    const facts = applyAll(createVisitStore(), [
      arrived('09:00:00'),
      called('09:10:00', 'D1'),
      called('09:13:00', 'D2', { recall: true }),
      finished('09:20:00'),
    ]);
    expect(facts).toEqual([
      {
        ...walkInServed,
        desk_id: 'D2',
        called_at: '2026-03-02T08:13:00.000Z',
        wait_seconds: 780,
        service_seconds: 420,
        recalls: 1,
      },
    ]);
  });

  it('keeps a visit transferred before its call waiting in the new queue, wait from the original arrival', () => {
    const store = createVisitStore();
    store.apply(arrived('09:00:00'));
    store.apply(
      makeEvent('visit.transferred', at('09:05:00'), {
        visit_id: 'V1',
        location_id: 'L1',
        from_queue_id: 'Q-burgerzaken',
        to: { kind: 'queue', id: 'Q-rijbewijs' },
      }),
    );
    expect(store.waiting(TENANT)).toMatchObject([
      {
        queue_id: 'Q-rijbewijs',
        arrived_at: '2026-03-02T08:00:00.000Z',
        waiting_since: '2026-03-02T08:00:00.000Z',
      },
    ]);
    store.apply(called('09:15:00', 'D3', { queue_id: 'Q-rijbewijs' }));
    const facts = store.apply(finished('09:25:00'));
    expect(facts).toEqual([
      {
        ...walkInServed,
        queue_id: 'Q-rijbewijs',
        desk_id: 'D3',
        called_at: '2026-03-02T08:15:00.000Z',
        finished_at: '2026-03-02T08:25:00.000Z',
        wait_seconds: 900,
        service_seconds: 600,
        transfers: 1,
      },
    ]);
  });

  it('counts the wait to the first service when a served visit is transferred to another queue', () => {
    const store = createVisitStore();
    store.apply(arrived('09:00:00'));
    store.apply(called('09:10:00', 'D1'));
    store.apply(
      makeEvent('visit.transferred', at('09:15:00'), {
        visit_id: 'V1',
        location_id: 'L1',
        from_queue_id: 'Q-burgerzaken',
        to: { kind: 'queue', id: 'Q-rijbewijs' },
      }),
    );
    expect(store.waiting(TENANT)).toMatchObject([
      {
        queue_id: 'Q-rijbewijs',
        waiting_since: '2026-03-02T08:15:00.000Z',
        counted_called_at: '2026-03-02T08:10:00.000Z',
      },
    ]);
    store.apply(called('09:30:00', 'D3', { queue_id: 'Q-rijbewijs' }));
    expect(store.inService(TENANT)).toMatchObject([
      { desk_id: 'D3', called_at: '2026-03-02T08:30:00.000Z', counted_called_at: '2026-03-02T08:10:00.000Z' },
    ]);
    expect(store.apply(finished('09:40:00'))).toEqual([
      {
        ...walkInServed,
        called_at: '2026-03-02T08:10:00.000Z',
        finished_at: '2026-03-02T08:40:00.000Z',
        wait_seconds: 600,
        service_seconds: 1800,
        transfers: 1,
      },
    ]);
  });

  it('emits no-call outcomes (left, removed) with null wait and service', () => {
    for (const outcome of ['left', 'removed'] as const) {
      const facts = applyAll(createVisitStore(), [arrived('09:00:00'), finished('09:30:00', outcome)]);
      expect(facts).toEqual([
        {
          ...walkInServed,
          desk_id: null,
          called_at: null,
          finished_at: '2026-03-02T08:30:00.000Z',
          outcome,
          wait_seconds: null,
          service_seconds: null,
        },
      ]);
    }
  });

  it('emits a no-show once its call is known', () => {
    const store = createVisitStore();
    expect(applyAll(store, [arrived('09:00:00'), finished('09:12:00', 'no_show')])).toEqual([]);
    expect(store.apply(called('09:10:00'))).toEqual([
      {
        ...walkInServed,
        called_at: '2026-03-02T08:10:00.000Z',
        finished_at: '2026-03-02T08:12:00.000Z',
        outcome: 'no_show',
        wait_seconds: 600,
        service_seconds: 120,
      },
    ]);
  });

  it('gives the same fact for called → arrived → finished as in order', () => {
    const inOrder = applyAll(createVisitStore(), [
      arrived('09:00:00'),
      called('09:12:30'),
      finished('09:20:00'),
    ]);
    const store = createVisitStore();
    expect(store.apply(called('09:12:30'))).toEqual([]);
    expect(store.inService(TENANT)).toMatchObject([{ visit_id: 'V1', kind: null, arrived_at: null }]);
    expect(store.apply(arrived('09:00:00'))).toEqual([]);
    const outOfOrder = store.apply(finished('09:20:00'));
    expect(outOfOrder).toEqual([walkInServed]);
    expect(outOfOrder).toEqual(inOrder);
    // finished → called → arrived as well.
    expect(
      applyAll(createVisitStore(), [finished('09:20:00'), called('09:12:30'), arrived('09:00:00')]),
    ).toEqual([walkInServed]);
  });

  it('ignores duplicates, also after the fact was emitted', () => {
    const store = createVisitStore();
    const events = [arrived('09:00:00'), called('09:12:30'), finished('09:20:00')];
    expect(applyAll(store, [events[0]!, events[0]!, events[1]!, events[1]!])).toEqual([]);
    expect(store.apply(events[2]!)).toEqual([walkInServed]);
    expect(applyAll(store, events)).toEqual([]);
    expect(store.waiting(TENANT)).toEqual([]);
    expect(store.inService(TENANT)).toEqual([]);
    expect(store.snapshot().visits).toEqual([]);
  });

  it('restores a snapshot mid-visit and finishes with the same fact', () => {
    const store = createVisitStore();
    applyAll(store, [arrived('09:00:00'), called('09:12:30')]);
    const snapshot = JSON.parse(JSON.stringify(store.snapshot()));
    const restored = createVisitStore();
    restored.restore(snapshot);
    expect(restored.inService(TENANT)).toEqual(store.inService(TENANT));
    expect(restored.apply(called('09:12:30'))).toEqual([]); // duplicate still recognised
    expect(restored.apply(finished('09:20:00'))).toEqual([walkInServed]);
  });

  it('forgets the oldest finished visits beyond the bound', () => {
    const store = createVisitStore({ finishedMemory: 1 });
    applyAll(store, [arrived('09:00:00'), finished('09:01:00', 'left')]);
    applyAll(store, [
      arrived('09:02:00', { visit_id: 'V2', queue_id: 'Q' }),
      finished('09:03:00', 'left', { visit_id: 'V2' }),
    ]);
    expect(store.snapshot().finished).toEqual(['GM0363|visit|V2']);
    // A very late duplicate of V1 re-opens a partial record instead of being dropped.
    expect(store.apply(arrived('09:00:00'))).toEqual([]);
    expect(store.waiting(TENANT)).toHaveLength(1);
  });

  it('expires what never completes: a fact when derivable, a report otherwise', () => {
    const store = createVisitStore();
    const v = (
      id: string,
      type: 'visit.arrived' | 'visit.finished',
      time: string,
      outcome: PayloadInput<'visit.finished'>['outcome'] = 'served',
    ) =>
      type === 'visit.arrived'
        ? arrived(time, { visit_id: id, queue_id: 'Q' })
        : finished(time, outcome, { visit_id: id });
    applyAll(store, [
      v('A', 'visit.arrived', '09:00:00'),
      v('A', 'visit.finished', '09:30:00'), // served, call never came
      v('B', 'visit.finished', '09:30:00', 'left'), // arrival never came
      v('C', 'visit.arrived', '09:00:00'), // never finished
      v('D', 'visit.arrived', '11:00:00'), // recent: kept
    ]);
    const expiry = store.expireIncomplete('2026-03-02T10:00:00Z', 60 * 60 * 1000);
    expect(expiry.facts).toEqual([
      {
        tenant: TENANT,
        visit_id: 'A',
        location_id: 'L1',
        queue_id: 'Q',
        desk_id: null,
        kind: 'walk_in',
        products: [],
        arrived_at: '2026-03-02T08:00:00.000Z',
        appointment_start: null,
        called_at: null,
        finished_at: '2026-03-02T08:30:00.000Z',
        outcome: 'served',
        wait_seconds: null,
        service_seconds: null,
        transfers: 0,
        recalls: 0,
      },
    ]);
    expect(expiry.incomplete.map((i) => [i.visit_id, i.reason])).toEqual([
      ['B', 'arrival_missing'],
      ['C', 'not_finished'],
    ]);
    expect(store.waiting(TENANT).map((w) => w.visit_id)).toEqual(['D']);
    expect(store.apply(v('B', 'visit.arrived', '09:00:00'))).toEqual([]); // late: ignored
  });

  it('tracks open desks by the latest desk event', () => {
    const store = createVisitStore();
    const opened = (time: string) =>
      makeEvent('desk.opened', at(time), {
        location_id: 'L1',
        desk_id: 'D1',
        queue_ids: ['Q'],
        staff_key: 'staff-1',
      });
    const closed = (time: string) => makeEvent('desk.closed', at(time), { location_id: 'L1', desk_id: 'D1' });
    store.apply(opened('08:30:00'));
    expect(store.openDesks(TENANT)).toEqual([
      {
        desk_id: 'D1',
        location_id: 'L1',
        queue_ids: ['Q'],
        staff_key: 'staff-1',
        opened_at: utc('08:30:00'),
      },
    ]);
    store.apply(closed('12:00:00'));
    store.apply(opened('08:30:00')); // late duplicate of the older opening
    expect(store.openDesks(TENANT)).toEqual([]);
    const restored = createVisitStore();
    restored.restore(store.snapshot());
    restored.apply(opened('13:00:00'));
    expect(restored.openDesks(TENANT)).toHaveLength(1);
  });
});
