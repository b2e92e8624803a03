import { describe, expect, it } from 'vitest';
import { createCalendar, endOfDay } from '../../src/deadlines/index.js';
import { computeCasesSnapshots } from '../../src/live/cases.js';
import type { CasesInput, ClosedCase, OpenCase } from '../../src/live/inputs.js';
import { emptyStats, parsedByKey, pick, stamp, TENANT } from './helpers.js';

const calendar = createCalendar();
// Friday 24 April 2026, before the weekend and King's Day (Monday 27 April).
const AS_OF = '2026-04-24T10:00:00+02:00';
const norm = { target: 8, unit: 'working_days' as const };

const open = (case_id: string, due: string, p: Partial<OpenCase> = {}): OpenCase => ({
  case_id,
  case_type_id: 'T1',
  team_id: null,
  suspended: false,
  due_at: endOfDay(due),
  norm,
  ...p,
});
const closed = (case_id: string, p: Partial<ClosedCase> = {}): ClosedCase => ({
  case_id,
  case_type_id: 'T1',
  team_id: null,
  start_date: '2026-04-01',
  end_date: '2026-04-24',
  due_date: '2026-04-30',
  within_norm: true,
  lead_time_days: 23,
  ...p,
});

const input: CasesInput = {
  open: [
    open('K1', '2026-04-24', { team_id: 'X' }), // due today: 0 working days left → at risk
    open('K2', '2026-04-28'), // Sat, Sun, King's Day do not count: 1 left → at risk
    open('K3', '2026-04-29'), // 2 left → at risk (≤ 2)
    open('K4', '2026-04-30', { case_type_id: 'T2', team_id: 'X' }), // 3 left → on track
    open('K5', '2026-04-23', { case_type_id: 'T2' }), // yesterday → overdue
    open('K6', '2026-04-30', { case_type_id: 'T2', suspended: true }), // on track, suspended
    // its own horizon: 6 calendar days to Thursday 30 → at risk
    open('K7', '2026-04-30', { case_type_id: 'T2', horizon: { target: 6, unit: 'calendar_days' } }),
    open('Z1', '2026-04-24'), // closed today: the closed record wins
  ],
  closed: [
    closed('Z1', { team_id: 'X' }),
    // within_norm unknown: ended after its due date → not within; lead time 1 Mar → 24 Apr = 54 days
    closed('Z2', {
      case_type_id: 'T2',
      start_date: '2026-03-01',
      due_date: '2026-04-20',
      within_norm: null,
      lead_time_days: null,
    }),
    closed('Z3', { end_date: '2026-04-23' }), // yesterday: in no window
  ],
};

const byKey = parsedByKey(computeCasesSnapshots(TENANT, input, AS_OF, { ...stamp, calendar }));
const tenant = pick(byKey, 'GM0363|cases|tenant|');

describe('computeCasesSnapshots', () => {
  it('now: open, suspended, at risk across a long weekend, overdue', () => {
    expect(tenant.now).toEqual({
      open: 7,
      suspended: 1,
      suspended_long: 0,
      completion_period_passed: 0,
      at_risk: 4,
      overdue: 1,
      // Without a legal deadline of its own, the deadline that counts is the legal term.
      past_legal_term: 1,
    });
  });

  it('scopes: case types and teams; a case without a team counts for the tenant and its type', () => {
    expect([...byKey.keys()]).toEqual([
      'GM0363|cases|tenant|',
      'GM0363|cases|case_type|T1',
      'GM0363|cases|case_type|T2',
      'GM0363|cases|team|X',
    ]);
    const none = { suspended_long: 0, completion_period_passed: 0 };
    expect(pick(byKey, 'GM0363|cases|case_type|T1').now).toEqual({
      open: 3,
      suspended: 0,
      at_risk: 3,
      overdue: 0,
      past_legal_term: 0,
      ...none,
    });
    expect(pick(byKey, 'GM0363|cases|case_type|T2').now).toEqual({
      open: 4,
      suspended: 1,
      at_risk: 1,
      overdue: 1,
      past_legal_term: 1,
      ...none,
    });
    expect(pick(byKey, 'GM0363|cases|team|X').now).toEqual({
      open: 2,
      suspended: 0,
      at_risk: 1,
      overdue: 0,
      past_legal_term: 0,
      ...none,
    });
  });

  it('closed cases count in today by their end date only', () => {
    expect(tenant.windows.today).toEqual({
      closed: 2,
      closed_within_norm: 1,
      lead_time_days: { count: 2, mean: 38.5, median: 54, p90: 54 },
    });
    for (const w of ['15m', '1h'] as const) {
      expect(tenant.windows[w]).toEqual({ closed: 0, closed_within_norm: 0, lead_time_days: emptyStats });
    }
    expect(pick(byKey, 'GM0363|cases|team|X').windows.today.closed).toBe(1);
  });

  it('a deadline at 23:59:59 is still at risk at that second and overdue one second later', () => {
    const one = { open: [open('K1', '2026-04-24')], closed: [] };
    const at = (asOf: string) => computeCasesSnapshots(TENANT, one, asOf, { ...stamp, calendar })[0]!.now;
    expect(at('2026-04-24T23:59:59+02:00')).toMatchObject({ at_risk: 1, overdue: 0 });
    expect(at('2026-04-25T00:00:00+02:00')).toMatchObject({ at_risk: 0, overdue: 1 });
  });

  it('a default horizon from the settings replaces 2 working days', () => {
    const s = computeCasesSnapshots(TENANT, input, AS_OF, {
      ...stamp,
      calendar,
      defaultHorizon: { target: 3, unit: 'working_days' },
    });
    // K4 (3 left) joins; K6 has 3 left too but is suspended, and a suspended case is never at risk.
    expect(s[0]!.now.at_risk).toBe(5);
  });

  it('counts a suspension longer than the configured days apart, and a passed completion period', () => {
    const cases = {
      open: [
        // Standing still since 1 March: 54 days on Friday 24 April.
        open('S1', '2026-05-20', { suspended: true, suspended_since: '2026-03-01' }),
        // Since 10 April: 14 days.
        open('S2', '2026-05-20', { suspended: true, suspended_since: '2026-04-10' }),
        // Running again since its completion period passed; due in three weeks.
        open('S3', '2026-05-15', { completion_period_passed: true }),
      ],
      closed: [],
    };
    const now = (days?: number) =>
      computeCasesSnapshots(TENANT, cases, AS_OF, { ...stamp, calendar, suspendedLongDays: days })[0]!.now;
    expect(now()).toMatchObject({ suspended: 2, suspended_long: 1, completion_period_passed: 1, at_risk: 0 });
    expect(now(10).suspended_long).toBe(2);
    expect(now(60).suspended_long).toBe(0);
  });

  it('an hours horizon is classified on the exact instant', () => {
    const one = { open: [open('K1', '2026-04-24', { horizon: { target: 12, unit: 'hours' } })], closed: [] };
    const at = (asOf: string) =>
      computeCasesSnapshots(TENANT, one, asOf, { ...stamp, calendar })[0]!.now.at_risk;
    expect(at('2026-04-24T11:59:58+02:00')).toBe(0); // 12 h 1 s left
    expect(at('2026-04-24T12:00:00+02:00')).toBe(1); // 11 h 59 min 59 s left
  });
});
