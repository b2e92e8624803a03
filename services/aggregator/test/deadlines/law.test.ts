/**
 * Acceptance table: deadlines as the law counts them (issue 8, acceptance 1). Every expected date
 * is counted by hand in the comments; the store, the calendars and the live figures must agree.
 *
 * Calendar notes used below (Algemene termijnenwet, Atw):
 * - 2026: Good Friday 3 Apr, Easter Monday 6 Apr, King's Day Mon 27 Apr, 5 May Tue, Ascension Thu
 *   14 May, Whit Monday 25 May, Christmas Fri 25 Dec, Boxing Day Sat 26 Dec; decree days Fri 2 Jan
 *   and Fri 15 May.
 * - 2027: King's Day Tue 27 Apr, 5 May Wed, Ascension Thu 6 May, decree day Fri 7 May.
 */
import { makeEvent, type PayloadInput } from '@stuurwiel/infra/testing';
import type { CanonicalEvent, EventType } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { createCalendar, createCalendarBook } from '../../src/deadlines/index.js';
import { computeCasesSnapshots } from '../../src/live/cases.js';
import { createReferenceStore } from '../../src/reference/reference-store.js';
import { liveOpenCase } from '../../src/snapshots/live-inputs.js';
import { type CaseStore, createCaseStore } from '../../src/state/index.js';
import { stamp } from '../live/helpers.js';
import { TENANT } from '../state/test-day.js';

const wd = (target: number) => ({ target, unit: 'working_days' as const });
const cd = (target: number) => ({ target, unit: 'calendar_days' as const });

type CaseEventType = Extract<EventType, `case.${string}`>;
/** A case event's payload without the case id the helpers below fill in. */
type CasePayload<T extends CaseEventType> = Omit<PayloadInput<T>, 'case_id'>;

const created = (
  caseId: string,
  start: string,
  p: Omit<CasePayload<'case.created'>, 'case_type_id' | 'start_date'>,
) =>
  makeEvent(
    'case.created',
    `${start}T09:00:00+01:00`,
    { case_id: caseId, case_type_id: 'T', start_date: start, ...p },
    { event_id: `${caseId}-created` },
  );
// Case events in the afternoon, Amsterdam time (+01:00 in March is fine for the dates used).
// The payload may be left out when all its fields are optional (a suspension, a resumption).
const on = <T extends CaseEventType>(
  type: T,
  caseId: string,
  day: string,
  ...[p]: Record<never, never> extends CasePayload<T> ? [CasePayload<T>?] : [CasePayload<T>]
) =>
  makeEvent(type, `${day}T14:00:00+01:00`, { case_id: caseId, ...p } as PayloadInput<T>, {
    event_id: `${caseId}-${type}-${day}`,
  });

const run = (store: CaseStore, events: CanonicalEvent[]) => events.flatMap((e) => store.apply(e));
const lastFact = (store: CaseStore, events: CanonicalEvent[]) => run(store, events).at(-1)!;

/** The live case figures of the tenant at `asOf`, as the snapshot service computes them. */
function liveNow(store: CaseStore, asOf: string, today: string) {
  const calendar = createCalendar();
  const open = store.open(TENANT, today).map((c) => liveOpenCase(c, undefined));
  return computeCasesSnapshots(TENANT, { open, closed: [] }, asOf, { ...stamp, calendar })[0]!.now;
}

describe('deadlines as the law counts them', () => {
  it('decree day: Friday 7 May 2027 is no working day', () => {
    const store = createCaseStore();
    // Started Monday 3 May 2027, 2 working days: Tue 4 (1); Wed 5 May, Thu 6 Ascension, Fri 7
    // decree day, weekend; Mon 10 (2). Without the decree it would be Friday 7 May.
    expect(lastFact(store, [created('A1', '2027-05-03', { lead_time_norm: wd(2) })]).due_date).toBe(
      '2027-05-10',
    );
    expect(createCalendar({ decreeDays: [] }).addWorkingDays('2027-05-03', 2)).toBe('2027-05-07');
  });

  it('municipal closing day: closes the service norm, not the legal term, and takes effect at once', () => {
    const reference = createReferenceStore();
    const store = createCaseStore({ calendars: createCalendarBook((t) => reference.closingDays(t)) });
    const events = [
      // Requested Tuesday 22 December 2026: service norm 2 working days, legal term 2 working days.
      created('B1', '2026-12-22', { lead_time_norm: wd(2), service_norm: wd(2) }),
    ];
    // Before the closing day is known: Wed 23 (1), Thu 24 (2).
    expect(lastFact(store, events)).toMatchObject({ due_date: '2026-12-24', legal_due_date: '2026-12-24' });
    reference.apply(
      makeEvent('reference.closing_day', '2026-11-01T09:00:00+01:00', {
        date: '2026-12-24',
        name: 'Kerstavond',
      }),
    );
    expect(reference.takeClosingDayChanges()).toEqual([TENANT]);
    // Service norm: Wed 23 (1); Thu 24 closed, Fri 25 Christmas, Sat 26 Boxing Day, Sun; Mon 28 (2).
    // Legal term: the closing day is a working day for the Atw, so still Thursday 24.
    expect(store.recalculate(TENANT)).toEqual([
      expect.objectContaining({ due_date: '2026-12-28', legal_due_date: '2026-12-24' }),
    ]);
  });

  it('suspension per Awb 4:15: asked on Monday, completed on Friday → Tuesday to Thursday, 3 days', () => {
    const store = createCaseStore();
    const fact = lastFact(store, [
      // Started Monday 2 March 2026, 10 working days: 3–6 (4), 9–13 (9), Mon 16 (10).
      created('C1', '2026-03-02', { lead_time_norm: wd(10) }),
      // Asked on Monday 9 March, completed on Friday 13 March: Tue 10, Wed 11, Thu 12 stand still.
      on('case.suspended', 'C1', '2026-03-09'),
      on('case.resumed', 'C1', '2026-03-13'),
    ]);
    // 3 working days more: Mon 16 → Tue 17, Wed 18, Thu 19.
    expect(fact).toMatchObject({ suspended_days: 3, due_date: '2026-03-19' });
  });

  it('verlenging corrected from P10D to P15D: 15 working days in force, not 25', () => {
    const p10 = on('case.extended', 'D1', '2026-04-01', { working_days: 10 });
    const p15 = on('case.extended', 'D1', '2026-04-08', { working_days: 15 });
    const start = created('D1', '2026-03-02', { lead_time_norm: cd(56) });
    // 2 March + 56 days = Monday 27 April (King's Day, not rolled yet). + 15 working days:
    // Tue 28 (1), Wed 29, Thu 30, Fri 1 May (4), Mon 4 (5), Tue 5 May holiday, Wed 6 – Fri 8 (8),
    // Mon 11 – Wed 13 (11), Thu 14 Ascension, Fri 15 decree day, Mon 18 – Thu 21 (15) → 21 May.
    // (P10D alone gives Tue 12 May; 25 working days would give 4 June.)
    for (const order of [
      [start, p10, p15],
      [start, p15, p10],
    ]) {
      expect(lastFact(createCaseStore(), order)).toMatchObject({
        extension_working_days: 15,
        due_date: '2026-05-21',
      });
    }
    expect(lastFact(createCaseStore(), [start, p10])).toMatchObject({ due_date: '2026-05-12' });
  });

  it('P6W extension across King’s Day and 5 May: six calendar weeks, the end rolled to a working day', () => {
    const store = createCaseStore();
    const fact = lastFact(store, [
      // Started Thursday 5 February 2026, 8 weeks: 5 Feb + 56 days = Thursday 2 April.
      created('E1', '2026-02-05', { lead_time_norm: cd(56) }),
      on('case.extended', 'E1', '2026-03-20', { calendar_weeks: 6 }),
    ]);
    // 2 April + 42 days = Thursday 14 May (Ascension); King's Day and 5 May inside the weeks do not
    // lengthen them. 14 May → Fri 15 decree day → weekend → Monday 18 May.
    expect(fact).toMatchObject({
      extension_working_days: 0,
      extension_calendar_weeks: 6,
      due_date: '2026-05-18',
    });
    expect(store.open(TENANT, '2026-03-20')[0]).toMatchObject({ extension_weeks: 6, due_date: '2026-05-18' });
  });

  it('a suspended case with two days left is not at risk; its days left stay frozen', () => {
    const store = createCaseStore();
    run(store, [
      // Both due Monday 16 March 2026 (10 working days from Monday 2 March).
      created('F1', '2026-03-02', { lead_time_norm: wd(10) }),
      created('F2', '2026-03-02', { lead_time_norm: wd(10) }),
      // F1: asked on Thursday 12 March, stands still from Friday 13.
      on('case.suspended', 'F1', '2026-03-12'),
    ]);
    // On Thursday 12 March F2 has Fri 13 and Mon 16 left: 2 working days, within the horizon of 2.
    expect(liveNow(store, '2026-03-12T16:00:00+01:00', '2026-03-12')).toMatchObject({
      suspended: 1,
      at_risk: 1,
      overdue: 0,
    });
    // A week later F1 still has the 2 days it had when it was suspended; F2 is overdue.
    const [f1] = store.open(TENANT, '2026-03-19').filter((c) => c.case_id === 'F1');
    expect(f1).toMatchObject({
      suspended: true,
      suspended_since: '2026-03-13',
      working_days_left: 2,
      due_date: '2026-03-16',
    });
    expect(liveNow(store, '2026-03-19T10:00:00+01:00', '2026-03-19')).toMatchObject({
      suspended: 1,
      at_risk: 0,
      overdue: 1,
    });
  });

  it('a case suspended after its deadline stays overdue, also once resumed', () => {
    const store = createCaseStore();
    run(store, [
      // Due Monday 16 March; asked on Wednesday 18 March, when the term had already run out.
      created('G1', '2026-03-02', { lead_time_norm: wd(10) }),
      on('case.suspended', 'G1', '2026-03-18'),
    ]);
    expect(liveNow(store, '2026-03-20T10:00:00+01:00', '2026-03-20')).toMatchObject({
      suspended: 1,
      overdue: 1,
    });
    const fact = lastFact(store, [on('case.resumed', 'G1', '2026-03-25')]);
    expect(fact).toMatchObject({ due_date: '2026-03-16' });
  });

  it('a completion period that passes unused ends the suspension on its last day', () => {
    const store = createCaseStore();
    run(store, [
      created('H1', '2026-03-02', { lead_time_norm: wd(10) }),
      // Asked Monday 9 March, with until Monday 16 March to complete: stands still Tue 10 – Sun 15.
      on('case.suspended', 'H1', '2026-03-09', { until: '2026-03-16' }),
    ]);
    expect(store.open(TENANT, '2026-03-13')[0]).toMatchObject({
      suspended: true,
      suspended_until: '2026-03-16',
    });
    // On the 16th it counts as resumed: Tue 10 – Fri 13 are 4 working days; 16 March + 4 = Fri 20.
    expect(store.open(TENANT, '2026-03-17')[0]).toMatchObject({
      suspended: false,
      completion_period_passed: true,
      due_date: '2026-03-20',
    });
    expect(liveNow(store, '2026-03-17T10:00:00+01:00', '2026-03-17')).toMatchObject({
      suspended: 0,
      completion_period_passed: 1,
    });
    // A resumption reported later cannot lengthen what the law already ended; the case system has
    // acted on it, so it no longer counts as a passed completion period.
    expect(lastFact(store, [on('case.resumed', 'H1', '2026-03-19')])).toMatchObject({
      due_date: '2026-03-20',
    });
    expect(store.open(TENANT, '2026-03-19')[0]).toMatchObject({ completion_period_passed: false });
  });

  it('legal term passed while the service norm had passed long before: counted apart', () => {
    const store = createCaseStore();
    run(store, [
      // Started Monday 2 March 2026: service norm 10 working days → Monday 16 March; legal term
      // 8 weeks → 27 April (King's Day) → Tuesday 28 April.
      created('K1', '2026-03-02', { lead_time_norm: cd(56), service_norm: wd(10) }),
    ]);
    expect(store.open(TENANT, '2026-04-20')[0]).toMatchObject({
      due_date: '2026-03-16',
      legal_due_date: '2026-04-28',
    });
    expect(liveNow(store, '2026-04-20T10:00:00+02:00', '2026-04-20')).toMatchObject({
      overdue: 1,
      past_legal_term: 0,
    });
    // Tuesday 28 April 23:59:59 is still within the legal term; Wednesday 29 April it is past.
    expect(liveNow(store, '2026-04-28T23:59:59+02:00', '2026-04-28')).toMatchObject({ past_legal_term: 0 });
    expect(liveNow(store, '2026-04-29T09:00:00+02:00', '2026-04-29')).toMatchObject({
      overdue: 1,
      past_legal_term: 1,
    });
  });
});
