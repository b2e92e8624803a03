import { makeEvent, type PayloadInput } from '@stuurwiel/infra/testing';
import { type CanonicalEvent, canonicalEvent, type EventType, kpiSnapshot } from '@stuurwiel/schemas';
import Holidays from 'date-holidays';
import { beforeAll, describe, expect, it } from 'vitest';
import { GOLDEN_DAY, type GoldenDay, generateGoldenDay } from './generate.js';
import {
  caseDueDate,
  isEmptySnapshot,
  type ReferenceSnapshot,
  referenceDailyRollups,
  referenceRollups,
  referenceSnapshots,
} from './reference.js';
import { addWorkingDays, amsterdamDate, formatLocal, HOLIDAYS_2026, localMs } from './time.js';

// ---------------------------------------------------------------------------------------------
// The generator

describe('golden day generator', () => {
  let day: GoldenDay;
  beforeAll(() => {
    day = generateGoldenDay();
  }, 60_000);

  const ofType = <T extends CanonicalEvent['type']>(type: T) =>
    day.events.filter((e): e is Extract<CanonicalEvent, { type: T }> => e.type === type);

  it('is deterministic: the same seed gives the same events in the same order', () => {
    const again = generateGoldenDay();
    expect(JSON.stringify(again)).toBe(JSON.stringify(day));
    const other = generateGoldenDay({ seed: 7, scale: 0.2 });
    expect(other.events.length).not.toBe(0);
    expect(JSON.stringify(other.events)).not.toBe(JSON.stringify(day.events));
  }, 60_000);

  it('defaults to Tuesday 28 April 2026, the day after King’s Day, with 20,000–40,000 events', () => {
    expect(day.day).toBe(GOLDEN_DAY);
    expect(day.tenants).toEqual(['GM0363', 'GM0014']);
    expect(day.events.length).toBeGreaterThan(20_000);
    expect(day.events.length).toBeLessThan(40_000);
    expect(day.evaluationTimes).toEqual([
      '2026-04-28T10:30:00+02:00',
      '2026-04-28T14:05:00+02:00',
      '2026-04-28T17:45:00+02:00',
      '2026-04-28T23:59:59+02:00',
    ]);
    const small = generateGoldenDay({ scale: 0.25 });
    expect(small.events.length).toBeLessThan(day.events.length / 2);
  });

  it('gives events that all parse, with unique ids and explicit offsets', () => {
    const ids = new Set<string>();
    for (const e of day.events) {
      expect(canonicalEvent.parse(e)).toEqual(e);
      ids.add(e.event_id);
      expect(e.occurred_at).toMatch(/[+-]\d{2}:00$/);
    }
    expect(ids.size).toBe(day.events.length);
  });

  it('keeps the day’s activity on the day and the out-of-order shuffle within 30 s', () => {
    const start = localMs(GOLDEN_DAY, 0);
    const end = localMs(GOLDEN_DAY, 23, 59, 59);
    for (const e of day.events) {
      if (e.type.startsWith('visit.') || e.type.startsWith('desk.') || e.type.startsWith('call.')) {
        const at = Date.parse(e.occurred_at);
        expect(at >= start && at <= end).toBe(true);
      }
    }
    let latest = Number.NEGATIVE_INFINITY;
    let inversions = 0;
    for (const e of day.events) {
      const at = Date.parse(e.occurred_at);
      expect(latest - at).toBeLessThanOrEqual(30_000);
      if (at < latest) inversions += 1;
      latest = Math.max(latest, at);
    }
    expect(inversions).toBeGreaterThan(100);
    // Within one entity too: some event comes after a later event of the same visit or call.
    const lastSeen = new Map<string, number>();
    let entityInversions = 0;
    for (const e of day.events) {
      const p = e.payload as { visit_id?: string; call_id?: string };
      const key = p.visit_id ?? p.call_id;
      if (!key) continue;
      const at = Date.parse(e.occurred_at);
      if ((lastSeen.get(key) ?? 0) > at) entityInversions += 1;
      lastSeen.set(key, Math.max(lastSeen.get(key) ?? 0, at));
    }
    expect(entityInversions).toBeGreaterThan(20);
  });

  it('contains every feature the acceptance test needs', () => {
    const arrived = ofType('visit.arrived');
    const appointments = arrived.filter((e) => e.payload.kind === 'appointment');
    expect(appointments.length).toBeGreaterThan(100);
    const early = appointments.filter(
      (e) => Date.parse(e.occurred_at) < Date.parse(e.payload.appointment_start!),
    );
    const late = appointments.filter(
      (e) => Date.parse(e.occurred_at) > Date.parse(e.payload.appointment_start!),
    );
    expect(early.length).toBeGreaterThan(20);
    expect(late.length).toBeGreaterThan(20);
    expect(arrived.filter((e) => e.payload.kind === 'walk_in').length).toBeGreaterThan(500);

    const outcomes = new Map<string, number>();
    for (const e of ofType('visit.finished'))
      outcomes.set(e.payload.outcome, (outcomes.get(e.payload.outcome) ?? 0) + 1);
    expect(outcomes.get('served')).toBeGreaterThan(500);
    expect(outcomes.get('no_show')).toBeGreaterThan(5);
    expect(outcomes.get('left')).toBeGreaterThan(5);
    expect(outcomes.get('removed')).toBeGreaterThan(0);
    expect(ofType('visit.called').filter((e) => e.payload.recall).length).toBeGreaterThan(20);
    expect(ofType('appointment.no_show').length).toBeGreaterThan(5);
    expect(ofType('appointment.cancelled').length).toBeGreaterThan(5);
    expect(ofType('desk.opened').length).toBeGreaterThan(ofType('reference.desk').length);
    expect(ofType('desk.closed').length).toBe(ofType('desk.opened').length);

    // Transfers after a call (called again in the new queue) and while still waiting.
    const firstCall = new Map<string, number>();
    for (const e of ofType('visit.called')) {
      const at = Date.parse(e.occurred_at);
      firstCall.set(e.payload.visit_id, Math.min(firstCall.get(e.payload.visit_id) ?? at, at));
    }
    const transfers = ofType('visit.transferred');
    const afterCall = transfers.filter(
      (e) => (firstCall.get(e.payload.visit_id) ?? Infinity) < Date.parse(e.occurred_at),
    );
    expect(afterCall.length).toBeGreaterThan(10);
    expect(transfers.length - afterCall.length).toBeGreaterThan(10);

    const abandoned = ofType('call.abandoned');
    expect(abandoned.filter((e) => e.payload.stage === 'menu').length).toBeGreaterThan(20);
    const inQueue = abandoned.filter((e) => e.payload.stage === 'queue');
    expect(inQueue.length).toBeGreaterThan(50);
    expect(inQueue.filter((e) => e.payload.wait_seconds < 5).length).toBeGreaterThan(5);
    const blocked = ofType('call.blocked');
    expect(blocked.filter((e) => e.payload.reason === 'closed').length).toBeGreaterThan(5);
    expect(blocked.filter((e) => e.payload.reason === 'capacity').length).toBeGreaterThan(5);
    const kinds = new Set(ofType('call.transferred').map((e) => e.payload.to.kind));
    expect([...kinds].sort()).toEqual(['agent', 'external', 'queue']);
    const ended = ofType('call.ended');
    expect(ended.some((e) => e.payload.hold_seconds > 0)).toBe(true);
    expect(ofType('callback.requested').length).toBeGreaterThan(50);
    expect(ofType('callback.completed').length).toBeGreaterThan(20);

    expect(ofType('case.suspended').length).toBeGreaterThan(ofType('case.resumed').length);
    expect(ofType('case.extended').length).toBeGreaterThan(10);
    expect(ofType('case.closed').filter((e) => e.payload.end_date === GOLDEN_DAY).length).toBeGreaterThan(50);
    expect(ofType('case.closed').filter((e) => e.payload.end_date < GOLDEN_DAY).length).toBeGreaterThan(20);
    const units = new Set(ofType('case.created').map((e) => e.payload.lead_time_norm.unit));
    expect([...units].sort()).toEqual(['calendar_days', 'working_days']);

    expect(ofType('written.acknowledged').length).toBeGreaterThan(100);
    expect(ofType('written.answered').length).toBeGreaterThan(100);
    const scales = new Set(ofType('survey.responded').map((e) => e.payload.scale.max));
    expect([...scales].sort((a, b) => a - b)).toEqual([5, 10]);
    const tenantsWithPopulation = ofType('reference.tenant').map((e) => [e.tenant, e.payload.population > 0]);
    expect(tenantsWithPopulation).toEqual([
      ['GM0363', true],
      ['GM0014', true],
    ]);
    expect(ofType('reference.norm').filter((e) => e.payload.kpi === 'phone_service_level')).toHaveLength(2);
  });

  it('has open deadlines that King’s Day moves (cases and callbacks)', () => {
    const closed = new Set(ofType('case.closed').map((e) => e.payload.case_id));
    let moved = 0;
    for (const e of ofType('case.created')) {
      if (closed.has(e.payload.case_id)) continue;
      const withHoliday = caseDueDate(e.payload.start_date, e.payload.lead_time_norm, [], 0, GOLDEN_DAY);
      const without = caseDueDate(e.payload.start_date, e.payload.lead_time_norm, [], 0, GOLDEN_DAY, []);
      if (withHoliday !== without && withHoliday >= GOLDEN_DAY) moved += 1;
    }
    expect(moved).toBeGreaterThan(20);
    // A callback requested on Thursday 23 April is due on the golden day, not on King's Day.
    const thursday = ofType('callback.requested').filter(
      (e) => amsterdamDate(Date.parse(e.occurred_at)) === '2026-04-23',
    );
    expect(thursday.length).toBeGreaterThan(0);
    expect(addWorkingDays('2026-04-23', 2)).toBe(GOLDEN_DAY);
    expect(addWorkingDays('2026-04-23', 2, [])).toBe('2026-04-27');
  });
});

// ---------------------------------------------------------------------------------------------
// The holiday list

describe('reference holidays', () => {
  it('are the Atw holidays of 2026 as date-holidays gives them (plus Good Friday and 5 May)', () => {
    const nl = new Holidays('NL');
    const publicDays = nl
      .getHolidays(2026)
      .filter((h) => h.type === 'public' || h.name === 'Goede Vrijdag' || h.name === 'Bevrijdingsdag')
      .map((h) => h.date.slice(0, 10))
      .filter((d) => new Date(`${d}T12:00:00Z`).getUTCDay() !== 0); // Easter and Whit Sunday
    expect([...HOLIDAYS_2026]).toEqual(publicDays);
    expect(new Date('2026-04-27T12:00:00Z').getUTCDay()).toBe(1); // King's Day on a Monday
  });
});

// ---------------------------------------------------------------------------------------------
// The reference on a hand-made day

const T = 'GM0999';
let seq = 0;
/** An event of tenant T at a local time of `date`; ids count up in the order the test writes them. */
const ev = <Ty extends EventType>(type: Ty, time: string, payload: PayloadInput<Ty>, date = GOLDEN_DAY) =>
  makeEvent(
    type,
    formatLocal(localMs(date, ...(time.split(':').map(Number) as [number, number, number]))),
    payload,
    { tenant: T, event_id: `e-${++seq}` },
  );

const L = 'loc';
const visit = (id: string, q = 'q1') => ({ visit_id: id, location_id: L, queue_id: q });
const called = (id: string, q = 'q1', recall = false) => ({ ...visit(id, q), desk_id: 'd1', recall });

function tinyDay(): CanonicalEvent[] {
  return [
    ev('reference.queue', '06:00:00', { queue_id: 'q1', name: 'Q1', channel: 'counter', location_id: L }),
    ev('desk.opened', '08:00:00', { location_id: L, desk_id: 'd1', queue_ids: ['q1', 'q2'] }),
    ev('desk.opened', '08:00:00', { location_id: L, desk_id: 'd2', queue_ids: ['q1'] }),
    ev('desk.closed', '09:00:00', { location_id: L, desk_id: 'd2' }),
    // V1: walk-in, wait 300 s, service 600 s; called exactly at the start of the 15-minute window.
    ev('visit.arrived', '09:00:00', { ...visit('V1'), kind: 'walk_in' }),
    ev('visit.called', '09:05:00', called('V1')),
    ev('visit.finished', '09:15:00', { ...visit('V1'), outcome: 'served' }),
    // V2: appointment at 09:10, early; recalled at 09:13, which is the counted call: wait 180 s, service 420 s.
    ev('visit.arrived', '09:02:00', {
      ...visit('V2'),
      kind: 'appointment',
      appointment_start: '2026-04-28T09:10:00+02:00',
    }),
    ev('visit.called', '09:12:00', called('V2')),
    ev('visit.called', '09:13:00', called('V2', 'q1', true)),
    ev('visit.finished', '09:20:00', { ...visit('V2'), outcome: 'served' }),
    // V3: walk-in waiting in q2 since 09:10 (600 s at 09:20).
    ev('visit.arrived', '09:10:00', { ...visit('V3', 'q2'), kind: 'walk_in' }),
    // V4: walk-in called at 09:06 (wait 360 s), then sent to q2 at 09:12 and waiting there again.
    ev('visit.arrived', '09:00:00', { ...visit('V4'), kind: 'walk_in' }),
    ev('visit.transferred', '09:12:00', {
      visit_id: 'V4',
      location_id: L,
      from_queue_id: 'q1',
      to: { kind: 'queue', id: 'q2' },
    }),
    ev('visit.called', '09:06:00', called('V4')),
    // V5: left at 09:11.
    ev('visit.arrived', '09:01:00', { ...visit('V5'), kind: 'walk_in' }),
    ev('visit.finished', '09:11:00', { ...visit('V5'), outcome: 'left' }),
    // After as_of: ignored.
    ev('visit.called', '09:25:00', called('V3', 'q2')),

    // Phone.
    ev('call.offered', '09:00:00', { call_id: 'C1', line: '14099' }),
    ev('call.menu_choice', '09:00:10', { call_id: 'C1', menu: 'm', choice: '1' }),
    ev('call.queued', '09:00:11', { call_id: 'C1', queue_id: 'p1' }),
    ev('call.answered', '09:00:31', { call_id: 'C1', queue_id: 'p1', agent_key: 'a1', wait_seconds: 20 }),
    ev('call.ended', '09:05:31', {
      call_id: 'C1',
      talk_seconds: 290,
      hold_seconds: 10,
      after_call_work_seconds: 30,
    }),
    ev('call.offered', '09:01:00', { call_id: 'C2', line: '14099' }),
    ev('call.queued', '09:01:10', { call_id: 'C2', queue_id: 'p1' }),
    ev('call.abandoned', '09:01:13', { call_id: 'C2', stage: 'queue', queue_id: 'p1', wait_seconds: 3 }),
    ev('call.offered', '09:02:00', { call_id: 'C3', line: '14099' }),
    ev('call.queued', '09:02:10', { call_id: 'C3', queue_id: 'p1' }),
    ev('call.answered', '09:03:10', { call_id: 'C3', queue_id: 'p1', agent_key: 'a2', wait_seconds: 60 }),
    ev('call.ended', '09:10:00', {
      call_id: 'C3',
      talk_seconds: 400,
      hold_seconds: 0,
      after_call_work_seconds: 20,
    }),
    ev('call.offered', '09:03:00', { call_id: 'C4', line: '14099' }),
    ev('call.abandoned', '09:03:15', { call_id: 'C4', stage: 'menu', wait_seconds: 15 }),
    ev('call.blocked', '09:04:00', { call_id: 'C5', line: '14099', reason: 'capacity' }),
    ev('call.offered', '09:10:00', { call_id: 'C6', line: '14099' }),
    ev('call.queued', '09:10:10', { call_id: 'C6', queue_id: 'p2' }),
    ev('call.abandoned', '09:12:10', { call_id: 'C6', stage: 'queue', queue_id: 'p2', wait_seconds: 120 }),
    ev('call.offered', '09:15:00', { call_id: 'C7', line: '14099' }),
    ev('call.queued', '09:15:05', { call_id: 'C7', queue_id: 'p1' }),
    ev('call.offered', '09:16:00', { call_id: 'C8', line: '14099' }),
    ev('call.queued', '09:16:05', { call_id: 'C8', queue_id: 'p2' }),
    ev('call.answered', '09:16:15', { call_id: 'C8', queue_id: 'p2', agent_key: 'a1', wait_seconds: 10 }),
    ev(
      'callback.requested',
      '10:00:00',
      { callback_id: 'CB1', queue_id: 'p1', promise: { target: 2, unit: 'working_days' } },
      '2026-04-23',
    ),
    ev(
      'callback.requested',
      '10:00:00',
      { callback_id: 'CB2', queue_id: 'p1', promise: { target: 2, unit: 'working_days' } },
      '2026-04-22',
    ),
    ev(
      'callback.requested',
      '10:00:00',
      { callback_id: 'CB3', promise: { target: 2, unit: 'working_days' } },
      '2026-04-24',
    ),
    ev('callback.completed', '09:00:00', { callback_id: 'CB3', outcome: 'reached' }),
    ev('callback.requested', '09:10:00', {
      callback_id: 'CB4',
      queue_id: 'p2',
      promise: { target: 2, unit: 'working_days' },
    }),

    // Cases.
    ...caseEvents(),
    // Written contacts.
    ev('written.received', '10:00:00', { contact_id: 'M1', channel: 'email', team_id: 'kcc' }, '2026-04-24'),
    ev('written.received', '10:00:00', { contact_id: 'M2', channel: 'post', team_id: 'kcc' }, '2026-04-23'),
    ev('written.acknowledged', '11:00:00', { contact_id: 'M2' }, '2026-04-23'),
    ev('written.received', '10:00:00', { contact_id: 'M3', channel: 'email', team_id: 'bo' }, '2026-04-22'),
    ev('written.received', '08:00:00', { contact_id: 'M4', channel: 'web_form', team_id: 'bo' }),
    ev('written.acknowledged', '08:05:00', { contact_id: 'M4' }),
    ev('written.answered', '09:10:00', { contact_id: 'M4' }),
    // Survey.
    ...[5, 4, 3, 1].map((score, i) =>
      ev('survey.responded', `09:0${i}:00`, {
        response_id: `R5-${i}`,
        channel: 'counter',
        location_id: L,
        score,
        scale: { min: 1, max: 5 },
      }),
    ),
    ...[8, 7, 3].map((score, i) =>
      ev('survey.responded', `08:0${i}:00`, {
        response_id: `R10-${i}`,
        channel: 'phone',
        team_id: 'kcc',
        score,
        scale: { min: 1, max: 10 },
      }),
    ),
  ];
}

function caseEvents(): CanonicalEvent[] {
  const created = (id: string, start: string, target: number, unit: 'calendar_days' | 'working_days') =>
    ev(
      'case.created',
      '09:00:00',
      {
        case_id: id,
        case_type_id: unit === 'working_days' ? 'wd' : 'cd',
        start_date: start,
        lead_time_norm: { target, unit },
        team_id: 'team',
      },
      start,
    );
  return [
    // K1: 5 working days from Tue 21 April skip King's Day → Wed 29: one working day left → at risk.
    created('K1', '2026-04-21', 5, 'working_days'),
    // K2: 16 March + 42 days = King's Day → due today → at risk.
    created('K2', '2026-03-16', 42, 'calendar_days'),
    // K3: 2 March + 42 days = Mon 13 April → overdue.
    created('K3', '2026-03-02', 42, 'calendar_days'),
    // K4: as K3, asked 10 March, resumed 30 March: 11–29 March (19 days) → Sat 2 May → Mon 4 May → on track.
    created('K4', '2026-03-02', 42, 'calendar_days'),
    ev('case.suspended', '10:00:00', { case_id: 'K4' }, '2026-03-10'),
    ev('case.resumed', '10:00:00', { case_id: 'K4' }, '2026-03-30'),
    // K5: 23 Feb + 56 days = Mon 20 April, + 10 working days (skipping 27 April and 5 May) → Wed 6 May.
    created('K5', '2026-02-23', 56, 'calendar_days'),
    ev('case.extended', '10:00:00', { case_id: 'K5', working_days: 10 }, '2026-04-01'),
    // K6: 10 working days from 14 April → Wed 29 April; asked 20 April: frozen since the 21st.
    created('K6', '2026-04-14', 10, 'working_days'),
    ev('case.suspended', '10:00:00', { case_id: 'K6' }, '2026-04-20'),
    // K7: 5 working days from Mon 20 April → due today; closed today → within norm, 8 days.
    created('K7', '2026-04-20', 5, 'working_days'),
    ev('case.closed', '09:00:00', { case_id: 'K7', end_date: GOLDEN_DAY, result: 'ok' }),
    // K8: closed last Friday: not in today's window.
    created('K8', '2026-04-20', 5, 'working_days'),
    ev('case.closed', '09:00:00', { case_id: 'K8', end_date: '2026-04-24', result: 'ok' }, '2026-04-24'),
  ];
}

describe('reference snapshots on a hand-made day', () => {
  const asOf = '2026-04-28T09:20:00+02:00';
  let snaps: ReferenceSnapshot[];
  const find = <D extends ReferenceSnapshot['domain']>(
    domain: D,
    kind = 'tenant',
    id: string | null = null,
  ) =>
    snaps.find((s) => s.domain === domain && s.scope.kind === kind && s.scope.id === id) as Extract<
      ReferenceSnapshot,
      { domain: D }
    >;
  beforeAll(() => {
    // Order must not matter.
    snaps = referenceSnapshots([...tinyDay()].reverse(), asOf);
  });

  it('gives valid snapshots for every domain and scope', () => {
    for (const s of snaps) kpiSnapshot.parse({ ...s, computed_at: asOf, last_event_at: null });
    const keys = snaps.map((s) => `${s.domain}|${s.scope.kind}|${s.scope.id ?? ''}`);
    expect(keys).toContain('counter|queue|q2');
    expect(keys).toContain('phone|queue|p2');
    expect(keys).toContain('cases|case_type|wd');
    expect(keys).toContain('written|channel|post');
    expect(keys).toContain('survey|team|kcc');
  });

  it('computes the counter', () => {
    const c = find('counter');
    expect(c.now).toEqual({
      waiting: 2,
      waiting_walk_in: 2,
      waiting_appointment: 0,
      longest_wait_seconds: 600,
      wait_norm_seconds: 600,
      waiting_over_norm: 0, // V3 has waited exactly the 10 minutes, V4 480 s since its transfer
      in_service: 0,
      desks_open: 1,
      expected_wait_seconds: 1350, // (2 waiting + the newcomer) × 900 s ÷ 2 called in 15 min (V2, V4)
      expected_wait_basis: 'called_15m',
    });
    expect(c.windows['15m']).toEqual({
      arrivals: 1,
      arrivals_per_hour: 4,
      called: 2,
      wait_walk_in: { count: 1, mean: 360, median: 360, p90: 360 },
      wait_appointment: { count: 1, mean: 180, median: 180, p90: 180 },
      service: { count: 2, mean: 510, median: 600, p90: 600 },
      served: 2,
      no_shows: 0,
      left_or_removed: 1,
    });
    expect(c.windows.today.arrivals).toBe(5);
    expect(c.windows.today.arrivals_per_hour).toBeCloseTo(5 / (9 + 20 / 60), 10);
    expect(c.windows.today.wait_walk_in).toEqual({ count: 2, mean: 330, median: 360, p90: 360 });
    const q2 = find('counter', 'queue', 'q2');
    expect(q2.now.waiting).toBe(2);
    expect(q2.now.longest_wait_seconds).toBe(600);
    expect(q2.now.desks_open).toBe(1);
    const q1 = find('counter', 'queue', 'q1');
    expect(q1.now.waiting).toBe(0);
    expect(q1.now.expected_wait_seconds).toBe(450); // the newcomer × 900 s ÷ 2 called in q1
  });

  it('computes the phone', () => {
    const p = find('phone');
    expect(p.now).toEqual({
      calls_waiting: 1,
      longest_wait_seconds: 295,
      calls_over_norm: 1, // C7, 295 s > 30 s
      calls_in_progress: 1,
      callbacks_open: 3,
      callbacks_due_today: 1, // requested Thursday, due Tuesday (not Monday) because of King's Day
      callbacks_overdue: 1,
      norm_seconds: 30,
      short_abandon_seconds: 5,
    });
    expect(p.windows.today).toEqual({
      ended: 6,
      queued: 4,
      answered: 2,
      answered_within_norm: 1,
      abandoned_in_queue: 2,
      abandoned_short: 1,
      abandoned_in_menu: 1,
      blocked: 1,
      service_level: 1 / 3,
      service_level_of_answered: 0.5,
      average_speed_of_answer_seconds: 40,
      abandonment_rate: 1 / 3,
      handling: { count: 2, mean: 375, median: 420, p90: 420 },
    });
    expect(p.windows['15m'].ended).toBe(3);
    expect(p.windows['15m'].service_level).toBe(1 / 3);
    const p1 = find('phone', 'queue', 'p1');
    expect(p1.windows.today.queued).toBe(3);
    expect(p1.windows.today.abandoned_in_menu).toBe(0);
    expect(p1.now.callbacks_open).toBe(2);
  });

  it('computes the cases', () => {
    const c = find('cases');
    // K6 (asked 20 April, standing still since the 21st) is suspended: never at risk.
    expect(c.now).toEqual({
      open: 6,
      suspended: 1,
      suspended_long: 0,
      completion_period_passed: 0,
      at_risk: 2,
      overdue: 1,
      past_legal_term: 1,
    });
    expect(c.windows.today).toEqual({
      closed: 1,
      closed_within_norm: 1,
      lead_time_days: { count: 1, mean: 8, median: 8, p90: 8 },
    });
    expect(c.windows['1h'].closed).toBe(0);
    expect(caseDueDate('2026-02-23', { target: 56, unit: 'calendar_days' }, [], 10, GOLDEN_DAY)).toBe(
      '2026-05-06',
    );
    expect(
      caseDueDate(
        '2026-04-14',
        { target: 10, unit: 'working_days' },
        [{ from: '2026-04-20', to: null }],
        0,
        GOLDEN_DAY,
      ),
    ).toBe('2026-05-07');
    expect(
      caseDueDate(
        '2026-03-02',
        { target: 42, unit: 'calendar_days' },
        [{ from: '2026-03-10', to: '2026-03-30' }],
        0,
        GOLDEN_DAY,
      ),
    ).toBe('2026-05-04');
  });

  it('computes the written contacts', () => {
    const w = find('written');
    expect(w.now).toEqual({
      open: 3,
      unacknowledged: 2,
      answer_overdue: 1,
      acknowledge_overdue: 1,
      oldest_open_age_seconds: 6 * 86_400 - 40 * 60,
    });
    expect(w.windows.today).toEqual({ received: 1, answered: 1, answered_within_norm: 1 });
    expect(w.windows['15m']).toEqual({ received: 0, answered: 1, answered_within_norm: 1 });
  });

  it('computes the survey', () => {
    const s = find('survey');
    expect(s.windows.today).toEqual({
      responses: 7,
      satisfied: 3, // 5 and 4 of 5, 8 of 10
      dissatisfied: 2, // 1 of 5, 3 of 10
      satisfied_share: 3 / 7,
      dissatisfied_share: 2 / 7,
      mean_score: null, // 1–5 and 1–10 do not average
      scale: null,
      by_scale: [
        { min: 1, max: 5, responses: 4, mean_score: 13 / 4 },
        { min: 1, max: 10, responses: 3, mean_score: 6 },
      ],
      responses_by_channel: { counter: 4, phone: 3, email: 0, post: 0, web_form: 0, chat: 0, video: 0 },
    });
    expect(find('survey', 'channel', 'phone').windows.today).toMatchObject({
      responses: 3,
      mean_score: 6,
      scale: { min: 1, max: 10 },
    });
  });

  it('computes the freshness of each source', () => {
    const at = (time: string, source: CanonicalEvent['source']) => ({
      ...ev('call.offered', time, { call_id: `F${time}`, line: '14099' }),
      source,
    });
    const pbx = { system: 'telephony', vendor: 'asterisk', instance: 'pbx/1' } as const;
    const qmatic = { system: 'queue_management', vendor: 'qmatic' } as const;
    const day = [at('09:00:00', pbx), at('09:05:00', pbx), at('09:05:01', pbx), at('09:19:00', qmatic)];
    const fresh = referenceSnapshots([...day, day[2]!], '2026-04-28T09:20:00+02:00'); // day[2] twice
    expect(fresh.filter((x) => x.domain === 'sources').map((x) => [x.scope.id, x.now])).toEqual([
      [
        null,
        {
          system: null,
          vendor: null,
          instance: null,
          sources: 2,
          last_event_at: '2026-04-28T07:19:00.000Z',
          last_received_at: null,
          events_15m: 2, // 09:05:00 is exactly 15 min before: out; the copy counts once
        },
      ],
      [
        'queue_management/qmatic',
        {
          ...qmatic,
          instance: null,
          sources: 1,
          last_event_at: '2026-04-28T07:19:00.000Z',
          last_received_at: null,
          events_15m: 1,
        },
      ],
      [
        'telephony/asterisk/pbx%2F1',
        {
          ...pbx,
          sources: 1,
          last_event_at: '2026-04-28T07:05:01.000Z',
          last_received_at: null,
          events_15m: 1,
        },
      ],
    ]);
  });

  it('computes the rollups from the facts', () => {
    const r = referenceRollups(tinyDay());
    // Finished visits: V1, V2 (served), V5 (left); all arrived 07:xx UTC.
    expect(r.visits_per_hour).toEqual([
      {
        tenant: T,
        hour: '2026-04-28T07:00:00.000Z',
        location_id: L,
        queue_id: 'q1',
        kind: 'appointment',
        visits: 1,
        served: 1,
        no_shows: 0,
        left_or_removed: 0,
        wait_count: 1,
        wait_sum: 180,
        wait_p50: 180,
        wait_p90: 180,
        service_count: 1,
        service_sum: 420,
        service_p90: 420,
      },
      {
        tenant: T,
        hour: '2026-04-28T07:00:00.000Z',
        location_id: L,
        queue_id: 'q1',
        kind: 'walk_in',
        visits: 2,
        served: 1,
        no_shows: 0,
        left_or_removed: 1,
        wait_count: 1,
        wait_sum: 300,
        wait_p50: 300,
        wait_p90: 300,
        service_count: 1,
        service_sum: 600,
        service_p90: 600,
      },
    ]);
    expect(r.visits_per_day.map((x) => x.day)).toEqual([GOLDEN_DAY, GOLDEN_DAY]);
    const byQueue = Object.fromEntries(r.calls_per_hour.map((x) => [x.queue_id, x]));
    expect(Object.keys(byQueue).sort()).toEqual(['', 'p1', 'p2']);
    expect(byQueue['']).toMatchObject({ offered: 2, queued: 0, abandoned_in_menu: 1, blocked: 1 });
    expect(byQueue.p1).toMatchObject({
      offered: 3,
      queued: 3,
      answered: 2,
      abandoned_in_queue: 1,
      abandoned_short: 1,
      answer_wait_sum: 80,
      answer_wait_p50: 60,
      answer_wait_p90: 60,
      handling_sum: 750,
      handling_p90: 420,
      short_abandon_seconds: 5,
    });
    expect(byQueue.p2).toMatchObject({
      offered: 1,
      abandoned_in_queue: 1,
      abandoned_short: 0,
      answer_wait_p50: 0,
    });
  });
});

describe('reference daily rollups on a hand-made day', () => {
  it('computes the 0006 tables', () => {
    const r = referenceDailyRollups(tinyDay());
    expect(r.cases_per_day).toEqual([
      {
        tenant: T,
        day: '2026-04-24',
        case_type_id: 'wd',
        team_id: 'team',
        closed: 1,
        closed_within_norm: 1,
        lead_time_days_sum: 4,
        lead_time_days_p50: 4,
        lead_time_days_p90: 4,
        suspended_days_sum: 0,
        extended: 0,
      },
      {
        tenant: T,
        day: GOLDEN_DAY,
        case_type_id: 'wd',
        team_id: 'team',
        closed: 1,
        closed_within_norm: 1,
        lead_time_days_sum: 8,
        lead_time_days_p50: 8,
        lead_time_days_p90: 8,
        suspended_days_sum: 0,
        extended: 0,
      },
    ]);
    expect(r.written_per_day.find((x) => x.day === GOLDEN_DAY)).toEqual({
      tenant: T,
      day: GOLDEN_DAY,
      channel: 'web_form',
      team_id: 'bo',
      received: 1,
      acknowledged: 1,
      acknowledge_working_days_sum: 0,
      answered: 1,
      answer_working_days_sum: 0,
    });
    // M2: received and acknowledged on Thursday 23 April.
    expect(r.written_per_day.find((x) => x.day === '2026-04-23')).toMatchObject({
      received: 1,
      acknowledged: 1,
    });
    expect(r.survey_per_day.find((x) => x.channel === 'counter')).toEqual({
      tenant: T,
      day: GOLDEN_DAY,
      channel: 'counter',
      product_id: '',
      location_id: L,
      team_id: '',
      responses: 4,
      satisfied: 2,
      dissatisfied: 1,
      score_normalised_sum: 2.25,
    });
    expect(r.calls_per_day.map((x) => [x.queue_id, x.offered])).toEqual([
      ['', 2],
      ['p1', 3],
      ['p2', 1],
    ]);
    expect(r.visits_by_product_per_day).toEqual([
      {
        tenant: T,
        day: GOLDEN_DAY,
        location_id: L,
        product_id: '',
        visits: 3,
        served: 2,
        wait_count: 2,
        wait_sum: 480,
      },
    ]);
  });

  it('tells empty snapshots', () => {
    const snaps = referenceSnapshots(tinyDay(), '2026-04-28T09:20:00+02:00');
    const empty = snaps.filter(isEmptySnapshot).map((s) => `${s.domain}|${s.scope.kind}|${s.scope.id}`);
    expect(empty).toEqual([]);
    const early = referenceSnapshots(tinyDay(), '2026-04-28T07:00:00+02:00');
    expect(early.filter(isEmptySnapshot).map((s) => `${s.domain}|${s.scope.kind}|${s.scope.id}`)).toContain(
      'counter|queue|q1',
    );
  });
});

describe('reference on the generated day', () => {
  it('gives snapshots that parse at every evaluation time and rollups for both tenants', () => {
    const day = generateGoldenDay({ scale: 0.2 });
    for (const asOf of day.evaluationTimes) {
      const snaps = referenceSnapshots(day.events, asOf);
      for (const s of snaps) kpiSnapshot.parse({ ...s, computed_at: asOf, last_event_at: null });
      const tenants = new Set(
        snaps.filter((s) => s.scope.kind === 'tenant').map((s) => `${s.tenant}|${s.domain}`),
      );
      expect(tenants.size).toBe(12);
    }
    const r = referenceRollups(day.events);
    expect(new Set(r.visits_per_day.map((x) => x.tenant))).toEqual(new Set(['GM0363', 'GM0014']));
    expect(new Set(r.calls_per_hour.map((x) => x.tenant))).toEqual(new Set(['GM0363', 'GM0014']));
  }, 30_000);
});
