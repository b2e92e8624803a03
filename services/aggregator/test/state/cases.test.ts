import { makeEvent, type PayloadInput, TEST_TENANT as TENANT } from '@stuurwiel/infra/testing';
import type { CanonicalEvent } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/deadlines/index.js';
import type { CaseFact } from '../../src/facts/types.js';
import { type CaseStore, createCaseStore } from '../../src/state/index.js';

// The store orders events of the same moment by id: each event here names its own.
const id = (event_id: string) => ({ event_id });

const EIGHT_WEEKS = { target: 56, unit: 'calendar_days' } as const;
const created = (extra: Partial<PayloadInput<'case.created'>> = {}) =>
  makeEvent(
    'case.created',
    '2026-03-02T09:00:00+01:00',
    {
      case_id: 'Z1',
      case_type_id: 'omgevingsvergunning',
      start_date: '2026-03-02',
      lead_time_norm: EIGHT_WEEKS,
      team_id: 'vergunningen',
      ...extra,
    },
    id('created'),
  );
const suspended = (day: string, eventId: string) =>
  makeEvent('case.suspended', `${day}T10:00:00+01:00`, { case_id: 'Z1', reason: 'aanvulling' }, id(eventId));
const resumed = (day: string, eventId: string) =>
  makeEvent('case.resumed', `${day}T10:00:00+02:00`, { case_id: 'Z1' }, id(eventId));
const closed = (day: string, eventId = 'closed') =>
  makeEvent(
    'case.closed',
    `${day}T16:00:00+02:00`,
    { case_id: 'Z1', end_date: day, result: 'verleend' },
    id(eventId),
  );

const run = (store: CaseStore, events: CanonicalEvent[]) => events.flatMap((e) => store.apply(e));
const withoutVersion = (fact: CaseFact | undefined) => (fact ? { ...fact, version: 0 } : fact);

describe('case store', () => {
  it('computes the deadline of a new case, rolling King’s Day over to the next working day', () => {
    const store = createCaseStore();
    const [fact] = store.apply(created());
    // 2 March + 56 days = Monday 27 April 2026, King's Day → Tuesday 28 April.
    expect(fact).toEqual({
      tenant: TENANT,
      case_id: 'Z1',
      case_type_id: 'omgevingsvergunning',
      team_id: 'vergunningen',
      start_date: '2026-03-02',
      end_date: null,
      norm: EIGHT_WEEKS,
      due_date: '2026-04-28',
      legal_due_date: '2026-04-28',
      suspended: false,
      suspended_since: null,
      suspended_days: 0,
      extension_working_days: 0,
      extension_calendar_weeks: 0,
      status: 'open',
      lead_time_days: null,
      within_norm: null,
      last_status: null,
      result: null,
      version: 1,
    } satisfies CaseFact);
    expect(store.open(TENANT)).toEqual([
      expect.objectContaining({
        case_id: 'Z1',
        due_date: '2026-04-28',
        due_at: '2026-04-28T23:59:59+02:00',
        suspended: false,
        norm: EIGHT_WEEKS,
      }),
    ]);
  });

  it('treats suspension as a state: a repeated suspension changes nothing, resumption ends it', () => {
    const store = createCaseStore();
    store.apply(created());
    // Asked to complete on Tuesday 10 March: the term stands still from Wednesday 11 March (Awb 4:15).
    const [s] = store.apply(suspended('2026-03-10', 's1'));
    expect(s).toMatchObject({ suspended: true, suspended_since: '2026-03-11', due_date: '2026-04-28' });
    // ZGW re-sends the suspension with every change of the case: no new state, no fact.
    expect(store.apply(suspended('2026-03-12', 's2'))).toEqual([]);
    expect(store.open(TENANT, '2026-03-13')[0]).toMatchObject({
      suspended: true,
      // 11 and 12 March so far.
      suspended_days: 2,
      // Frozen at the suspension: the deadline stands where it stood, 28 April.
      due_date: '2026-04-28',
    });
    const [r] = store.apply(resumed('2026-03-17', 'r1'));
    // Suspended 11 → 17 March (17 not counted) = 6 days: 27 April + 6 = Sunday 3 May → Monday 4 May.
    expect(r).toMatchObject({
      suspended: false,
      suspended_since: null,
      suspended_days: 6,
      due_date: '2026-05-04',
    });
    // A resumption while running changes nothing either.
    expect(store.apply(resumed('2026-03-18', 'r2'))).toEqual([]);
  });

  it('adds an extension in working days after the suspension', () => {
    const store = createCaseStore();
    run(store, [created(), suspended('2026-03-10', 's1'), resumed('2026-03-17', 'r1')]);
    const [fact] = store.apply(
      makeEvent('case.extended', '2026-04-01T09:00:00+02:00', { case_id: 'Z1', working_days: 3 }, id('x1')),
    );
    // 2 March + 56 + 6 suspended = Sunday 3 May (not rolled yet); + 3 working days, skipping
    // 5 May: 4, 6, 7 May.
    expect(fact).toMatchObject({ extension_working_days: 3, due_date: '2026-05-07' });
  });

  it('closes within or outside the norm across the holiday, with lead time', () => {
    const onTime = createCaseStore();
    onTime.apply(created());
    const [a] = onTime.apply(closed('2026-04-28'));
    expect(a).toMatchObject({
      status: 'closed',
      end_date: '2026-04-28',
      lead_time_days: 57,
      within_norm: true,
      result: 'verleend',
    });
    expect(onTime.open(TENANT)).toEqual([]);

    const late = createCaseStore();
    late.apply(created());
    expect(late.apply(closed('2026-04-29'))[0]).toMatchObject({ within_norm: false, lead_time_days: 58 });
  });

  it('ends a running suspension at the end date', () => {
    const store = createCaseStore();
    run(store, [created(), suspended('2026-03-10', 's1')]);
    const [fact] = store.apply(closed('2026-04-01'));
    // 11 March (the day after the request) → 1 April = 21 days.
    expect(fact).toMatchObject({ suspended: false, suspended_days: 21, status: 'closed', within_norm: true });
  });

  it('gives the same final fact for any order of the events, duplicates included', () => {
    const events = [
      created(),
      makeEvent(
        'case.status_changed',
        '2026-03-03T09:00:00+01:00',
        { case_id: 'Z1', status: 'in behandeling', sequence: 2 },
        id('st2'),
      ),
      suspended('2026-03-10', 's1'),
      suspended('2026-03-12', 's2'),
      resumed('2026-03-17', 'r1'),
      suspended('2026-04-01', 's3'),
      resumed('2026-04-03', 'r2'),
      makeEvent('case.extended', '2026-04-20T09:00:00+02:00', { case_id: 'Z1', working_days: 5 }, id('x1')),
      makeEvent(
        'case.status_changed',
        '2026-05-01T09:00:00+02:00',
        { case_id: 'Z1', status: 'besluit', sequence: 3 },
        id('st3'),
      ),
      closed('2026-05-06'),
    ];
    const finals = [
      events,
      [...events].reverse(),
      [
        events[9]!,
        events[4]!,
        events[2]!,
        events[0]!,
        events[7]!,
        events[3]!,
        events[1]!,
        events[6]!,
        events[5]!,
        events[8]!,
      ],
      [...events, ...events],
    ].map((order) => {
      const store = createCaseStore();
      const facts = run(store, order);
      return { last: facts.at(-1), version: Math.max(...facts.map((f) => f.version)) };
    });
    const expected = finals[0]!;
    expect(expected.last).toMatchObject({
      // 11 → 17 March (6 days) and 2 → 3 April (1 day): each from the day after the request.
      suspended_days: 7,
      extension_working_days: 5,
      last_status: 'besluit',
      status: 'closed',
      // 27 April + 7 days = Monday 4 May; + 5 working days (5 May a holiday) = 6, 7, 8, 11, 12 May.
      due_date: '2026-05-12',
      within_norm: true,
    });
    for (const final of finals) {
      expect(withoutVersion(final.last)).toEqual(withoutVersion(expected.last));
      expect(final.version).toBe(events.length);
    }
  });

  it('waits for case.created before emitting, and drops duplicates by event id', () => {
    const store = createCaseStore();
    expect(store.apply(suspended('2026-03-10', 's1'))).toEqual([]);
    expect(store.apply(closed('2026-04-01'))).toEqual([]);
    const [fact] = store.apply(created());
    expect(fact).toMatchObject({ status: 'closed', suspended_days: 21, version: 3 });
    expect(store.apply(created())).toEqual([]);
    expect(store.apply(closed('2026-04-01'))).toEqual([]);
  });

  it('corrects a closed case with a late event', () => {
    const store = createCaseStore();
    run(store, [created(), closed('2026-04-30')]);
    expect(store.snapshot().closed).toHaveLength(1);
    const [fact] = store.apply(suspended('2026-03-10', 's1'));
    // Running suspension clipped at the end date: 11 March → 30 April = 50 days.
    expect(fact).toMatchObject({ suspended_days: 50, status: 'closed', version: 3 });
    // After the retained records overflow, the oldest case's events are ignored.
    const small = createCaseStore({ closedMemory: 0 });
    run(small, [created(), closed('2026-04-30')]);
    expect(small.apply(suspended('2026-03-10', 's1'))).toEqual([]);
  });

  it('uses the stricter service norm for due_date and the lead time for legal_due_date', () => {
    const store = createCaseStore();
    const [fact] = store.apply(created({ service_norm: { target: 10, unit: 'working_days' } }));
    // 2 March + 10 working days = 16 March.
    expect(fact).toMatchObject({
      norm: { target: 10, unit: 'working_days' },
      due_date: '2026-03-16',
      legal_due_date: '2026-04-28',
    });
  });

  it('counts with the calendar it is given', () => {
    const store = createCaseStore({ calendar: createCalendar({ extraClosedDays: ['2026-04-28'] }) });
    expect(store.apply(created())[0]).toMatchObject({ due_date: '2026-04-29' });
  });

  it('restores from a snapshot and carries on', () => {
    const store = createCaseStore();
    run(store, [created(), suspended('2026-03-10', 's1')]);
    const copy = createCaseStore();
    copy.restore(JSON.parse(JSON.stringify(store.snapshot())));
    expect(copy.apply(suspended('2026-03-10', 's1'))).toEqual([]);
    expect(copy.apply(resumed('2026-03-17', 'r1'))).toEqual(store.apply(resumed('2026-03-17', 'r1')));
    expect(copy.open(TENANT)).toEqual(store.open(TENANT));
  });

  it('expires records whose case.created never came', () => {
    const store = createCaseStore();
    store.apply(makeEvent('case.suspended', '2026-03-10T10:00:00+01:00', { case_id: 'Z9' }, id('orphan')));
    expect(store.expireIncomplete('2026-03-10T12:00:00Z', 86_400_000)).toEqual([]);
    expect(store.expireIncomplete('2026-03-20T12:00:00Z', 86_400_000)).toEqual([
      { tenant: TENANT, case_id: 'Z9', reason: 'created_missing', last_seen: '2026-03-10T09:00:00.000Z' },
    ]);
    expect(store.snapshot().open).toEqual([]);
  });
});
