import { makeEvent, type PayloadInput } from '@stuurwiel/infra/testing';
import type { CanonicalEvent } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import type { CallFact } from '../../src/facts/types.js';
import { type CallStore, createCallStore } from '../../src/state/index.js';
import { at, TENANT } from './test-day.js';

const CALLER = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

const offered = (time: string, id = 'C1') =>
  makeEvent('call.offered', at(time), { call_id: id, line: '14020', caller_key: CALLER });
const menu = (time: string, id = 'C1') =>
  makeEvent('call.menu_choice', at(time), { call_id: id, menu: 'M1', choice: '2' });
const queued = (time: string, id = 'C1', queue = 'Q-burgerzaken') =>
  makeEvent('call.queued', at(time), { call_id: id, queue_id: queue });
const answered = (time: string, wait: number, id = 'C1') =>
  makeEvent('call.answered', at(time), {
    call_id: id,
    queue_id: 'Q-burgerzaken',
    agent_key: 'agent-7',
    wait_seconds: wait,
  });
const ended = (time: string, id = 'C1') =>
  makeEvent('call.ended', at(time), {
    call_id: id,
    talk_seconds: 240,
    hold_seconds: 30,
    after_call_work_seconds: 60,
    resolved: true,
  });

const applyAll = (store: CallStore, events: CanonicalEvent[]) => events.flatMap((e) => store.apply(e));

const answeredCall: CallFact = {
  tenant: TENANT,
  call_id: 'C1',
  line: '14020',
  queue_id: 'Q-burgerzaken',
  caller_key: CALLER,
  offered_at: '2026-03-02T08:00:00.000Z',
  queued_at: '2026-03-02T08:00:40.000Z',
  answered_at: '2026-03-02T08:01:25.000Z',
  ended_at: '2026-03-02T08:05:25.000Z',
  outcome: 'answered',
  wait_seconds: 45,
  talk_seconds: 240,
  hold_seconds: 30,
  after_call_work_seconds: 60,
  handling_seconds: 330,
  transfers: 0,
  resolved: true,
};

const notAnswered = {
  answered_at: null,
  talk_seconds: 0,
  hold_seconds: 0,
  after_call_work_seconds: 0,
  handling_seconds: 0,
  resolved: null,
};

describe('call store', () => {
  it('derives an answered call: wait from entering the queue, handling = talk + hold + acw', () => {
    const store = createCallStore();
    applyAll(store, [offered('09:00:00'), menu('09:00:30'), queued('09:00:40')]);
    expect(store.inQueue(TENANT)).toEqual([
      { call_id: 'C1', queue_id: 'Q-burgerzaken', queued_at: '2026-03-02T08:00:40.000Z', line: '14020' },
    ]);
    // The source says 44 s (rounding); our timestamps give 45 s, which is what counts.
    expect(store.apply(answered('09:01:25', 44))).toEqual([]);
    expect(store.inQueue(TENANT)).toEqual([]);
    expect(store.inProgress(TENANT)).toEqual([
      {
        call_id: 'C1',
        queue_id: 'Q-burgerzaken',
        agent_key: 'agent-7',
        answered_at: '2026-03-02T08:01:25.000Z',
        line: '14020',
      },
    ]);
    expect(store.apply(ended('09:05:25'))).toEqual([answeredCall]);
    expect(store.inProgress(TENANT)).toEqual([]);
  });

  it("derives the queue entry from the source's wait when queued is missing", () => {
    const facts = applyAll(createCallStore(), [
      offered('09:00:00'),
      answered('09:01:25', 44),
      ended('09:05:25'),
    ]);
    expect(facts).toEqual([{ ...answeredCall, queued_at: '2026-03-02T08:00:41.000Z', wait_seconds: 44 }]);
  });

  it('counts a call abandoned in the queue as queued when its call.queued comes after the abandon', () => {
    const facts = applyAll(createCallStore(), [
      offered('09:00:00'),
      makeEvent('call.abandoned', at('09:02:10'), {
        call_id: 'C1',
        stage: 'queue',
        queue_id: 'Q-burgerzaken',
        wait_seconds: 90,
      }),
      queued('09:00:40'),
    ]);
    expect(facts).toEqual([
      {
        ...answeredCall,
        ...notAnswered,
        ended_at: '2026-03-02T08:02:10.000Z',
        outcome: 'abandoned_in_queue',
        wait_seconds: 90,
      },
    ]);
  });

  it('tells abandons in the menu from abandons in the queue', () => {
    const inMenu = applyAll(createCallStore(), [
      offered('09:00:00'),
      makeEvent('call.abandoned', at('09:00:20'), { call_id: 'C1', stage: 'menu', wait_seconds: 20 }),
    ]);
    expect(inMenu).toEqual([
      {
        ...answeredCall,
        ...notAnswered,
        queue_id: null,
        queued_at: null,
        ended_at: '2026-03-02T08:00:20.000Z',
        outcome: 'abandoned_in_menu',
        wait_seconds: null,
      },
    ]);
    const inQueue = applyAll(createCallStore(), [
      offered('09:00:00'),
      queued('09:00:40'),
      makeEvent('call.abandoned', at('09:02:10'), {
        call_id: 'C1',
        stage: 'queue',
        queue_id: 'Q-burgerzaken',
        wait_seconds: 90,
      }),
    ]);
    expect(inQueue).toEqual([
      {
        ...answeredCall,
        ...notAnswered,
        ended_at: '2026-03-02T08:02:10.000Z',
        outcome: 'abandoned_in_queue',
        wait_seconds: 90,
      },
    ]);
  });

  it('emits a blocked call at once, even without an offer', () => {
    const facts = createCallStore().apply(
      makeEvent('call.blocked', at('18:00:00'), { call_id: 'C9', line: '14020', reason: 'closed' }),
    );
    expect(facts).toEqual([
      {
        ...answeredCall,
        ...notAnswered,
        call_id: 'C9',
        queue_id: null,
        caller_key: null,
        offered_at: '2026-03-02T17:00:00.000Z',
        queued_at: null,
        ended_at: '2026-03-02T17:00:00.000Z',
        outcome: 'blocked',
        wait_seconds: null,
      },
    ]);
  });

  it('keeps a call transferred to another queue open, and ends one transferred out unanswered', () => {
    const store = createCallStore();
    applyAll(store, [offered('09:00:00'), queued('09:00:40')]);
    expect(
      store.apply(
        makeEvent('call.transferred', at('09:01:00'), {
          call_id: 'C1',
          from_queue_id: 'Q-burgerzaken',
          to: { kind: 'queue', id: 'Q-belastingen' },
        }),
      ),
    ).toEqual([]);
    expect(store.inQueue(TENANT)).toMatchObject([
      { queue_id: 'Q-belastingen', queued_at: '2026-03-02T08:00:40.000Z' },
    ]);
    expect(applyAll(store, [answered('09:01:25', 25), ended('09:05:25')])).toEqual([
      { ...answeredCall, transfers: 1 },
    ]);

    const out = applyAll(createCallStore(), [
      offered('09:00:00', 'C2'),
      queued('09:00:40', 'C2'),
      makeEvent('call.transferred', at('09:02:00'), {
        call_id: 'C2',
        from_queue_id: 'Q-burgerzaken',
        to: { kind: 'external', id: 'belastingsamenwerking' },
      }),
    ]);
    expect(out).toEqual([
      {
        ...answeredCall,
        ...notAnswered,
        call_id: 'C2',
        ended_at: '2026-03-02T08:02:00.000Z',
        outcome: 'transferred_out',
        wait_seconds: 80,
        transfers: 1,
      },
    ]);
  });

  it('handles out-of-order and duplicate events without a second fact', () => {
    const store = createCallStore();
    const events = [offered('09:00:00'), queued('09:00:40'), answered('09:01:25', 45), ended('09:05:25')];
    expect(applyAll(store, [events[3]!, events[3]!, events[2]!, events[1]!])).toEqual([]);
    expect(store.apply(events[0]!)).toEqual([answeredCall]);
    expect(applyAll(store, events)).toEqual([]);
  });

  it('restores a snapshot mid-call and finishes with the same fact', () => {
    const store = createCallStore();
    applyAll(store, [offered('09:00:00'), queued('09:00:40'), answered('09:01:25', 45)]);
    const restored = createCallStore();
    restored.restore(JSON.parse(JSON.stringify(store.snapshot())));
    expect(restored.inProgress(TENANT)).toEqual(store.inProgress(TENANT));
    expect(restored.apply(ended('09:05:25'))).toEqual([answeredCall]);
  });

  it('expires calls that never end and reports them', () => {
    const store = createCallStore();
    applyAll(store, [offered('09:00:00'), queued('09:00:40'), ended('09:30:00', 'C3')]);
    const expiry = store.expireIncomplete('2026-03-02T12:00:00Z', 60 * 60 * 1000);
    expect(expiry.facts).toEqual([]);
    expect(expiry.incomplete.map((i) => [i.id, i.reason])).toEqual([
      ['C1', 'not_finished'],
      ['C3', 'offered_missing'],
    ]);
    expect(store.inQueue(TENANT)).toEqual([]);
  });

  it('keeps callbacks open until completed, in any order', () => {
    const store = createCallStore();
    const requested = (id: string, time: string) =>
      makeEvent('callback.requested', at(time), {
        callback_id: id,
        call_id: 'C1',
        queue_id: 'Q-burgerzaken',
        promise: { target: 2, unit: 'working_days' },
      });
    const completed = (id: string, time: string) =>
      makeEvent('callback.completed', at(time), { callback_id: id, outcome: 'reached' });
    store.apply(requested('CB1', '09:00:00'));
    store.apply(requested('CB2', '09:10:00'));
    expect(store.openCallbacks(TENANT)).toEqual([
      {
        callback_id: 'CB1',
        requested_at: '2026-03-02T08:00:00.000Z',
        call_id: 'C1',
        queue_id: 'Q-burgerzaken',
        promise: { target: 2, unit: 'working_days' },
      },
      {
        callback_id: 'CB2',
        requested_at: '2026-03-02T08:10:00.000Z',
        call_id: 'C1',
        queue_id: 'Q-burgerzaken',
        promise: { target: 2, unit: 'working_days' },
      },
    ]);
    store.apply(completed('CB1', '11:00:00'));
    expect(store.openCallbacks(TENANT).map((c) => c.callback_id)).toEqual(['CB2']);
    // Completion before request: never shows as open.
    store.apply(completed('CB3', '11:00:00'));
    store.apply(requested('CB3', '09:20:00'));
    store.apply(requested('CB1', '09:00:00')); // late duplicate
    expect(store.openCallbacks(TENANT).map((c) => c.callback_id)).toEqual(['CB2']);
  });

  it('gives a callback a fact when requested and when completed: on time by its promise, with the working days it took', () => {
    const store = createCallStore();
    const requested = (id: string, occurredAt: string) =>
      makeEvent('callback.requested', occurredAt, {
        callback_id: id,
        queue_id: 'Q-burgerzaken',
        promise: { target: 2, unit: 'working_days' },
      });
    const completed = (
      id: string,
      occurredAt: string,
      outcome: PayloadInput<'callback.completed'>['outcome'] = 'reached',
    ) => makeEvent('callback.completed', occurredAt, { callback_id: id, outcome });
    // Requested Monday 2 March: two working days end on Wednesday 4 March, 23:59:59 in Amsterdam.
    const [open] = store.applyCallback(requested('CB1', '2026-03-02T09:00:00+01:00'));
    expect(open).toMatchObject({
      callback_id: 'CB1',
      queue_id: 'Q-burgerzaken',
      requested_at: '2026-03-02T08:00:00.000Z',
      due_at: '2026-03-04T22:59:59.000Z',
      status: 'open',
      completed_at: null,
      on_time: null,
      working_days: null,
    });
    const [done] = store.applyCallback(completed('CB1', '2026-03-04T16:00:00+01:00'));
    expect(done).toMatchObject({ status: 'completed', outcome: 'reached', on_time: true, working_days: 2 });
    expect(done!.version).toBeGreaterThan(open!.version);

    // Completed on Saturday 7 March: late, and counted on Monday 9 March, the fifth working day.
    store.applyCallback(requested('CB2', '2026-03-02T09:00:00+01:00'));
    expect(store.applyCallback(completed('CB2', '2026-03-07T10:00:00+01:00', 'not_reached'))).toMatchObject([
      { on_time: false, working_days: 5 },
    ]);
    // Cancelled: neither on time nor late. A completion before its request waits for it.
    expect(store.applyCallback(completed('CB3', '2026-03-03T10:00:00+01:00', 'cancelled'))).toEqual([]);
    expect(store.applyCallback(requested('CB3', '2026-03-02T09:00:00+01:00'))).toMatchObject([
      { status: 'completed', outcome: 'cancelled', on_time: null, working_days: 1 },
    ]);
    // Through apply() as before: the state changes the same way.
    expect(store.apply(requested('CB4', '2026-03-02T09:00:00+01:00'))).toEqual([]);
    expect(store.openCallbacks(TENANT).map((c) => c.callback_id)).toEqual(['CB4']);
  });
});
