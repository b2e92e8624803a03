import { makeEvent, TEST_TENANT as TENANT } from '@stuurwiel/infra/testing';
import type { CanonicalEvent } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/deadlines/index.js';
import type { WrittenFact } from '../../src/facts/types.js';
import { createWrittenStore, type WrittenStore } from '../../src/state/index.js';

// Friday 24 April 2026; Monday 27 April is King's Day.
const received = (at = '2026-04-24T16:30:00+02:00') =>
  makeEvent('written.received', at, {
    contact_id: 'M1',
    channel: 'email',
    team_id: 'kcc',
    category: 'parkeren',
  });
const acknowledged = (at: string) => makeEvent('written.acknowledged', at, { contact_id: 'M1' });
const answered = (at: string) => makeEvent('written.answered', at, { contact_id: 'M1' });

const run = (store: WrittenStore, events: CanonicalEvent[]) => events.flatMap((e) => store.apply(e));

describe('written store', () => {
  it('counts working days from the day after receipt, skipping King’s Day', () => {
    const store = createWrittenStore();
    const [open] = store.apply(received());
    expect(open).toEqual({
      tenant: TENANT,
      contact_id: 'M1',
      channel: 'email',
      team_id: 'kcc',
      category: 'parkeren',
      received_at: '2026-04-24T14:30:00.000Z',
      acknowledged_at: null,
      answered_at: null,
      acknowledge_working_days: null,
      answer_working_days: null,
      status: 'open',
      version: 1,
    } satisfies WrittenFact);
    // Acknowledged late the same evening: the day of receipt, so 0 working days.
    expect(store.apply(acknowledged('2026-04-24T23:30:00+02:00'))[0]).toMatchObject({
      acknowledge_working_days: 0,
    });
    expect(store.open(TENANT)).toEqual([
      {
        contact_id: 'M1',
        channel: 'email',
        team_id: 'kcc',
        category: 'parkeren',
        received_at: '2026-04-24T14:30:00.000Z',
        acknowledged_at: '2026-04-24T21:30:00.000Z',
      },
    ]);
    // Tuesday 28 April is the first working day after Friday: weekend and King's Day skipped.
    expect(store.apply(answered('2026-04-28T11:00:00+02:00'))[0]).toMatchObject({
      status: 'answered',
      answered_at: '2026-04-28T09:00:00.000Z',
      answer_working_days: 1,
      version: 3,
    });
    expect(store.open(TENANT)).toEqual([]);
  });

  it('gives 0 for the same day, 1 for the next working day, and 1 from Saturday to Monday', () => {
    const days = (receivedAt: string, answeredAt: string) => {
      const store = createWrittenStore();
      return run(store, [received(receivedAt), answered(answeredAt)]).at(-1)?.answer_working_days;
    };
    expect(days('2026-03-02T09:00:00+01:00', '2026-03-02T17:00:00+01:00')).toBe(0);
    expect(days('2026-03-02T09:00:00+01:00', '2026-03-03T08:00:00+01:00')).toBe(1);
    expect(days('2026-03-07T09:00:00+01:00', '2026-03-09T09:00:00+01:00')).toBe(1);
    // Amsterdam dates count: 00:30 local on 3 March is still 2 March in UTC.
    expect(days('2026-03-02T09:00:00+01:00', '2026-03-03T00:30:00+01:00')).toBe(1);
  });

  it('applies the calendar it is given', () => {
    const store = createWrittenStore({ calendar: createCalendar({ extraClosedDays: ['2026-04-28'] }) });
    const facts = run(store, [received(), answered('2026-04-29T09:00:00+02:00')]);
    expect(facts.at(-1)?.answer_working_days).toBe(1);
  });

  it('gives the same fact in any order, duplicates included, and lets a late acknowledgement correct it', () => {
    const events = [
      received(),
      acknowledged('2026-04-28T09:00:00+02:00'),
      acknowledged('2026-04-29T09:00:00+02:00'),
      answered('2026-04-30T09:00:00+02:00'),
    ];
    const forward = run(createWrittenStore(), events).at(-1);
    const store = createWrittenStore();
    const backward = run(store, [...events].reverse());
    expect(backward.at(-1)).toEqual(forward);
    expect(forward).toMatchObject({ acknowledge_working_days: 1, answer_working_days: 3, version: 4 });
    expect(run(store, events)).toEqual([]);

    // Answered first; receipt and the acknowledgement arrive after the answer closed it.
    const late = createWrittenStore();
    expect(late.apply(events[3]!)).toEqual([]);
    expect(late.apply(events[0]!)[0]).toMatchObject({ status: 'answered', acknowledged_at: null });
    expect(late.apply(events[2]!)[0]).toMatchObject({ acknowledge_working_days: 2 });
    expect(late.apply(events[1]!)[0]).toMatchObject({ acknowledge_working_days: 1 });
  });

  it('restores from a snapshot and expires contacts whose receipt never came', () => {
    const store = createWrittenStore();
    store.apply(received());
    store.apply(makeEvent('written.answered', '2026-04-24T10:00:00+02:00', { contact_id: 'M2' }));
    const copy = createWrittenStore();
    copy.restore(JSON.parse(JSON.stringify(store.snapshot())));
    expect(copy.open(TENANT)).toEqual(store.open(TENANT));
    expect(copy.apply(received())).toEqual([]);
    expect(copy.expireIncomplete('2026-05-01T00:00:00Z', 86_400_000)).toEqual([
      { tenant: TENANT, contact_id: 'M2', reason: 'received_missing', last_seen: '2026-04-24T08:00:00.000Z' },
    ]);
    expect(copy.open(TENANT)).toHaveLength(1);
  });
});
