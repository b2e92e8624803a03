import { describe, expect, it } from 'vitest';
import { classify, createCalendar, workingDaysLeft } from '../../src/deadlines/index.js';

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
