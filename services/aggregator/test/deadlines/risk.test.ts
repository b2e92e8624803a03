import { describe, expect, it } from 'vitest';
import {
  atRiskFromMs,
  type ClassifyInput,
  classify,
  createCalendar,
  endOfDay,
  workingDaysLeft,
} from '../../src/deadlines/index.js';

const calendar = createCalendar();
const twoWorkingDays = { target: 2, unit: 'working_days' as const };

// Due at the end of Wednesday 4 March 2026 (winter time).
const WEDNESDAY = '2026-03-04T23:59:59+01:00';

describe('classify: overdue', () => {
  it('is not overdue at exactly 23:59:59 of the due day', () => {
    expect(classify({ due_at: WEDNESDAY, now: WEDNESDAY, horizon: twoWorkingDays, calendar })).toBe(
      'at_risk',
    );
  });

  it('is overdue one second later, at midnight', () => {
    expect(
      classify({ due_at: WEDNESDAY, now: '2026-03-05T00:00:00+01:00', horizon: twoWorkingDays, calendar }),
    ).toBe('overdue');
  });

  it('accepts `now` as a Date', () => {
    expect(
      classify({
        due_at: WEDNESDAY,
        now: new Date('2026-03-04T23:00:00Z'),
        horizon: twoWorkingDays,
        calendar,
      }),
    ).toBe('overdue');
  });
});

describe('classify: working-day horizon', () => {
  it('is at risk on Monday when the deadline is Wednesday (2 working days left)', () => {
    expect(
      classify({ due_at: WEDNESDAY, now: '2026-03-02T09:00:00+01:00', horizon: twoWorkingDays, calendar }),
    ).toBe('at_risk');
  });

  it('is on track on the Friday before (3 working days left)', () => {
    expect(
      classify({ due_at: WEDNESDAY, now: '2026-02-27T16:00:00+01:00', horizon: twoWorkingDays, calendar }),
    ).toBe('on_track');
  });

  it('reads "today" in Amsterdam: 23:30 UTC on Sunday is already Monday', () => {
    expect(
      classify({ due_at: WEDNESDAY, now: '2026-03-01T23:30:00Z', horizon: twoWorkingDays, calendar }),
    ).toBe('at_risk');
    expect(
      classify({ due_at: WEDNESDAY, now: '2026-03-01T22:30:00Z', horizon: twoWorkingDays, calendar }),
    ).toBe('on_track');
  });

  it('does not count Good Friday and Easter Monday as time left', () => {
    const tuesdayAfterEaster = '2026-04-07T23:59:59+02:00';
    const now = '2026-04-02T10:00:00+02:00'; // Maundy Thursday: only Tuesday 7 April is left
    expect(workingDaysLeft({ due_at: tuesdayAfterEaster, now, calendar })).toBe(1);
    expect(classify({ due_at: tuesdayAfterEaster, now, horizon: twoWorkingDays, calendar })).toBe('at_risk');
    expect(
      classify({ due_at: tuesdayAfterEaster, now, horizon: { target: 2, unit: 'calendar_days' }, calendar }),
    ).toBe('on_track');
  });
});

describe('classify: share of the norm', () => {
  const eightWeeks = { target: 56, unit: 'calendar_days' as const };
  const due_at = '2026-03-02T23:59:59+01:00';

  it('is at risk with 11 of 56 calendar days left (≤ 20 % = 11.2)', () => {
    expect(
      classify({
        due_at,
        now: '2026-02-19T12:00:00+01:00',
        horizon: { share_of_norm: 0.2 },
        norm: eightWeeks,
        calendar,
      }),
    ).toBe('at_risk');
  });

  it('is on track with 12 of 56 calendar days left', () => {
    expect(
      classify({
        due_at,
        now: '2026-02-18T12:00:00+01:00',
        horizon: { share_of_norm: 0.2 },
        norm: eightWeeks,
        calendar,
      }),
    ).toBe('on_track');
  });

  it('measures a working-day norm in working days (20 % of 10 = 2)', () => {
    const norm = { target: 10, unit: 'working_days' as const };
    const horizon = { share_of_norm: 0.2 };
    expect(classify({ due_at: WEDNESDAY, now: '2026-03-02T09:00:00+01:00', horizon, norm, calendar })).toBe(
      'at_risk',
    );
    expect(classify({ due_at: WEDNESDAY, now: '2026-02-27T09:00:00+01:00', horizon, norm, calendar })).toBe(
      'on_track',
    );
  });

  it('needs the norm', () => {
    expect(() =>
      classify({ due_at: WEDNESDAY, now: WEDNESDAY, horizon: { share_of_norm: 0.2 }, calendar }),
    ).toThrow(TypeError);
  });
});

describe('classify: time horizon', () => {
  it('is at risk with exactly 4 hours left and on track one second earlier', () => {
    const horizon = { target: 4, unit: 'hours' as const };
    expect(classify({ due_at: WEDNESDAY, now: '2026-03-04T19:59:59+01:00', horizon, calendar })).toBe(
      'at_risk',
    );
    expect(classify({ due_at: WEDNESDAY, now: '2026-03-04T19:59:58+01:00', horizon, calendar })).toBe(
      'on_track',
    );
  });
});

describe('workingDaysLeft', () => {
  it('is 0 on the due day and negative after it', () => {
    expect(workingDaysLeft({ due_at: WEDNESDAY, now: '2026-03-04T08:00:00+01:00', calendar })).toBe(0);
    expect(workingDaysLeft({ due_at: WEDNESDAY, now: '2026-03-06T08:00:00+01:00', calendar })).toBe(-2);
  });
});

describe('atRiskFromMs: the first instant classify says at_risk', () => {
  const from = (input: Omit<ClassifyInput, 'now' | 'calendar'>) =>
    new Date(atRiskFromMs({ ...input, calendar })).toISOString();

  it('2 working days before a Tuesday deadline: the Friday before the weekend, from 00:00 Amsterdam', () => {
    // Fri 27 Feb → Mon 2, Tue 3 March: 2 left. Thursday has 3.
    expect(from({ due_at: endOfDay('2026-03-03'), horizon: twoWorkingDays })).toBe(
      '2026-02-26T23:00:00.000Z',
    );
  });

  it('reaches back over Good Friday, the Easter weekend and Easter Monday', () => {
    // Due Wed 8 April 2026: from Thu 2 April only Tue 7 and Wed 8 are working days.
    expect(from({ due_at: endOfDay('2026-04-08'), horizon: twoWorkingDays })).toBe(
      '2026-04-01T22:00:00.000Z',
    );
  });

  it('over King’s Day: a Tuesday deadline is at risk from the Thursday before', () => {
    // Due Tue 28 April 2026; Fri 24 and Tue 28 count, Mon 27 (King's Day) does not.
    expect(from({ due_at: endOfDay('2026-04-28'), horizon: twoWorkingDays })).toBe(
      '2026-04-22T22:00:00.000Z',
    );
  });

  it('calendar days count every day: 6 days before Thursday 30 April is Friday 24', () => {
    expect(from({ due_at: endOfDay('2026-04-30'), horizon: { target: 6, unit: 'calendar_days' } })).toBe(
      '2026-04-23T22:00:00.000Z',
    );
  });

  it('a share of a working-day norm: 25 % of 8 working days is 2 working days', () => {
    expect(
      from({
        due_at: endOfDay('2026-04-28'),
        horizon: { share_of_norm: 0.25 },
        norm: { target: 8, unit: 'working_days' },
      }),
    ).toBe('2026-04-22T22:00:00.000Z');
  });

  it('a time horizon is the deadline minus the horizon', () => {
    expect(from({ due_at: WEDNESDAY, horizon: { target: 4, unit: 'hours' } })).toBe(
      '2026-03-04T18:59:59.000Z',
    );
    expect(
      from({ due_at: WEDNESDAY, horizon: { share_of_norm: 0.5 }, norm: { target: 30, unit: 'minutes' } }),
    ).toBe('2026-03-04T22:44:59.000Z');
  });

  it('agrees with classify: at_risk from that instant, on_track a millisecond before', () => {
    const cases: Omit<ClassifyInput, 'now' | 'calendar'>[] = [];
    for (const date of ['2026-01-05', '2026-04-06', '2026-04-28', '2026-05-06', '2026-05-15', '2026-12-28']) {
      cases.push({ due_at: endOfDay(date), horizon: twoWorkingDays });
      cases.push({ due_at: endOfDay(date), horizon: { target: 5, unit: 'working_days' } });
      cases.push({ due_at: endOfDay(date), horizon: { target: 3, unit: 'calendar_days' } });
      cases.push({
        due_at: endOfDay(date),
        horizon: { share_of_norm: 0.2 },
        norm: { target: 8, unit: 'working_days' },
      });
    }
    for (const input of cases) {
      const at = atRiskFromMs({ ...input, calendar });
      expect(classify({ ...input, calendar, now: new Date(at) }), JSON.stringify(input)).toBe('at_risk');
      expect(classify({ ...input, calendar, now: new Date(at - 1) }), JSON.stringify(input)).toBe('on_track');
    }
  });
});
