import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  computeDeadline,
  createCalendar,
  type Deadline,
  type DeadlineInput,
} from '../../src/deadlines/index.js';

const calendar = createCalendar();

const wd = (target: number) => ({ target, unit: 'working_days' as const });
const cd = (target: number) => ({ target, unit: 'calendar_days' as const });

const due = (input: DeadlineInput, cal = calendar): Deadline => computeDeadline(input, { calendar: cal });
const dueDate = (input: DeadlineInput, cal = calendar): string => {
  const d = due(input, cal);
  if (d.suspended) throw new Error('expected a final deadline');
  return d.due_date;
};

describe('working-day norms', () => {
  it('makes a callback requested on Monday within 2 working days due at the end of Wednesday', () => {
    expect(due({ start_date: '2026-03-02', norm: wd(2) })).toEqual({
      suspended: false,
      due_date: '2026-03-04',
      due_at: '2026-03-04T23:59:59+01:00',
      norm: wd(2),
      suspended_days: 0,
      suspended_days_unit: 'working_days',
      extension_working_days: 0,
      extension_weeks: 0,
    });
  });

  it('skips Good Friday and Easter Monday 2025', () => {
    expect(dueDate({ start_date: '2025-04-17', norm: wd(2) })).toBe('2025-04-23');
  });

  it('skips Good Friday and Easter Monday 2027', () => {
    expect(dueDate({ start_date: '2027-03-24', norm: wd(3) })).toBe('2027-03-31');
  });

  it('does not skip Monday 28 April 2025 (King’s Day was on Saturday 26 April)', () => {
    expect(dueDate({ start_date: '2025-04-25', norm: wd(1) })).toBe('2025-04-28');
  });

  it('skips 5 May on a Monday (2025) and on a Tuesday (2026)', () => {
    expect(dueDate({ start_date: '2025-04-25', norm: wd(6) })).toBe('2025-05-06');
    expect(dueDate({ start_date: '2026-05-04', norm: wd(1) })).toBe('2026-05-06');
  });

  it('skips Ascension Day, and the Friday after it when a decree designates it', () => {
    const noDecree = createCalendar({ decreeDays: [] });
    expect(dueDate({ start_date: '2026-05-13', norm: wd(1) }, noDecree)).toBe('2026-05-15');
    // The 2026–2028 decree names Friday 15 May 2026.
    expect(dueDate({ start_date: '2026-05-13', norm: wd(1) })).toBe('2026-05-18');
  });

  it('skips Whit Monday', () => {
    expect(dueDate({ start_date: '2026-05-22', norm: wd(1) })).toBe('2026-05-26');
  });

  it('skips Christmas, Boxing Day on Saturday, the weekend and New Year’s Day', () => {
    expect(dueDate({ start_date: '2026-12-23', norm: wd(5) })).toBe('2026-12-31');
    expect(dueDate({ start_date: '2026-12-23', norm: wd(6) })).toBe('2027-01-04');
  });

  it('skips a municipal closing day', () => {
    const closed = createCalendar({ extraClosedDays: ['2026-12-24'] });
    expect(dueDate({ start_date: '2026-12-23', norm: wd(1) }, closed)).toBe('2026-12-28');
  });

  it('counts a request made on a Saturday from the Monday after', () => {
    expect(dueDate({ start_date: '2026-03-07', norm: wd(2) })).toBe('2026-03-10');
  });

  it('adds the working days of all extensions', () => {
    // 2 + 3 working days from Monday 2 March 2026.
    expect(dueDate({ start_date: '2026-03-02', norm: wd(2), extensions_working_days: [1, 2] })).toBe(
      '2026-03-09',
    );
  });

  it('adds the WORKING days spent suspended (Tue 3 → Thu 5 March suspends Tue and Wed: due Friday)', () => {
    const d = due({
      start_date: '2026-03-02',
      norm: wd(2),
      suspensions: [{ from: '2026-03-03', to: '2026-03-05' }],
    });
    expect(d).toMatchObject({
      suspended: false,
      due_date: '2026-03-06',
      suspended_days: 2,
      suspended_days_unit: 'working_days',
    });
  });

  it('adds nothing for a suspension that only covers a weekend', () => {
    expect(
      dueDate({
        start_date: '2026-03-02',
        norm: wd(5),
        suspensions: [{ from: '2026-03-07', to: '2026-03-09' }],
      }),
    ).toBe('2026-03-09');
  });

  it('counts only the working days of a suspension over Easter 2026, then adds an extension', () => {
    // Suspended Wed 1 → Wed 8 April: Wed 1, Thu 2 and Tue 7 are working days (3); 10 + 3 + 2 = 15.
    const input: DeadlineInput = {
      start_date: '2026-03-27',
      norm: wd(10),
      suspensions: [{ from: '2026-04-01', to: '2026-04-08' }],
    };
    expect(dueDate(input)).toBe('2026-04-17');
    expect(dueDate({ ...input, extensions_working_days: [2] })).toBe('2026-04-21');
  });

  it('uses the Amsterdam date of a start instant, not the UTC date', () => {
    // 23:30 UTC on Sunday 1 March is 00:30 on Monday 2 March in Amsterdam.
    expect(dueDate({ start_date: '2026-03-01T23:30:00Z', norm: wd(2) })).toBe('2026-03-04');
  });
});

describe('calendar-day norms', () => {
  it('rolls a deadline on Good Friday 2026 forward past Easter Monday to Tuesday', () => {
    expect(dueDate({ start_date: '2026-03-20', norm: cd(14) })).toBe('2026-04-07');
  });

  it('rolls a deadline on King’s Day (Monday 27 April 2026) to Tuesday', () => {
    expect(dueDate({ start_date: '2026-04-13', norm: cd(14) })).toBe('2026-04-28');
  });

  it('rolls a deadline on King’s Day 2025 (Saturday 26 April) to Monday 28 April', () => {
    expect(dueDate({ start_date: '2025-04-12', norm: cd(14) })).toBe('2025-04-28');
  });

  it('rolls a deadline on 5 May 2026 (Tuesday) to Wednesday', () => {
    expect(dueDate({ start_date: '2026-04-21', norm: cd(14) })).toBe('2026-05-06');
  });

  it('rolls a deadline on Ascension Day to Friday, or to Monday when the Friday is decree-designated', () => {
    const noDecree = createCalendar({ decreeDays: [] });
    expect(dueDate({ start_date: '2026-04-30', norm: cd(14) }, noDecree)).toBe('2026-05-15');
    expect(dueDate({ start_date: '2026-04-30', norm: cd(14) })).toBe('2026-05-18');
  });

  it('rolls a deadline on Whit Monday to Tuesday', () => {
    expect(dueDate({ start_date: '2026-05-11', norm: cd(14) })).toBe('2026-05-26');
  });

  it('rolls a deadline on Christmas 2026 (Friday) past Boxing Day and the weekend to Monday 28 December', () => {
    expect(dueDate({ start_date: '2026-12-11', norm: cd(14) })).toBe('2026-12-28');
  });

  it('rolls a deadline on Christmas 2027 (Saturday) to Monday 27 December, no substitute day', () => {
    expect(dueDate({ start_date: '2027-12-11', norm: cd(14) })).toBe('2027-12-27');
  });

  it('rolls a deadline on a municipal closing day to the next working day', () => {
    const closed = createCalendar({ extraClosedDays: ['2026-03-16'] });
    expect(dueDate({ start_date: '2026-03-02', norm: cd(14) }, closed)).toBe('2026-03-17');
  });

  it('rolls a deadline on a Saturday or a Sunday to Monday', () => {
    expect(dueDate({ start_date: '2026-03-07', norm: cd(7) })).toBe('2026-03-16');
    expect(dueDate({ start_date: '2026-03-01', norm: cd(14) })).toBe('2026-03-16');
  });

  it('keeps a deadline that falls on a working day', () => {
    expect(dueDate({ start_date: '2026-03-02', norm: cd(14) })).toBe('2026-03-16');
  });

  it('counts suspended days from `from` (inclusive) to `to` (exclusive): 2 → 9 March is 7 days', () => {
    const d = due({
      start_date: '2026-03-02',
      norm: cd(14),
      suspensions: [{ from: '2026-03-02', to: '2026-03-09' }],
    });
    expect(d).toMatchObject({
      due_date: '2026-03-23',
      suspended_days: 7,
      suspended_days_unit: 'calendar_days',
    });
  });

  it('counts a suspension resumed on the same day as 0 days', () => {
    expect(
      dueDate({
        start_date: '2026-03-02',
        norm: cd(14),
        suspensions: [{ from: '2026-03-04', to: '2026-03-04' }],
      }),
    ).toBe('2026-03-16');
  });

  it('counts overlapping suspensions once (2 → 9 and 5 → 12 March is 10 days)', () => {
    const input: DeadlineInput = {
      start_date: '2026-03-02',
      norm: cd(14),
      suspensions: [
        { from: '2026-03-05', to: '2026-03-12' },
        { from: '2026-03-02', to: '2026-03-09' },
      ],
    };
    expect(due(input)).toMatchObject({ due_date: '2026-03-26', suspended_days: 10 });
  });

  it('adds 8 weeks, a 7-day suspension and 20 working days of extension over Easter 2026', () => {
    // 5 Jan + 56 = 2 Mar; + 7 suspended = 9 Mar; + 20 working days skipping 3 and 6 April = 8 April.
    const input: DeadlineInput = {
      start_date: '2026-01-05',
      norm: cd(56),
      suspensions: [{ from: '2026-01-19', to: '2026-01-26' }],
      extensions_working_days: [10, 10],
    };
    expect(due(input)).toMatchObject({
      due_date: '2026-04-08',
      due_at: '2026-04-08T23:59:59+02:00',
      suspended_days: 7,
      extension_working_days: 20,
    });
  });

  it('counts the extension from the unrolled date, then rolls (Saturday + 1 working day = Monday)', () => {
    expect(dueDate({ start_date: '2026-03-07', norm: cd(7), extensions_working_days: [1] })).toBe(
      '2026-03-16',
    );
    expect(dueDate({ start_date: '2026-03-07', norm: cd(7), extensions_working_days: [2] })).toBe(
      '2026-03-17',
    );
  });

  it('adds the calendar days of a suspension that only covers a weekend', () => {
    expect(
      dueDate({
        start_date: '2026-03-02',
        norm: cd(7),
        suspensions: [{ from: '2026-03-07', to: '2026-03-09' }],
      }),
    ).toBe('2026-03-11');
  });
});

describe('a case that is still suspended', () => {
  it('has no final deadline, only the date it would get if resumed today', () => {
    const d = computeDeadline(
      { start_date: '2026-03-02', norm: cd(14), suspensions: [{ from: '2026-03-05' }] },
      { calendar, today: '2026-03-10' },
    );
    // 16 March + 5 suspended days = Saturday 21 March → Monday 23 March.
    expect(d).toEqual({
      suspended: true,
      suspended_since: '2026-03-05',
      as_of: '2026-03-10',
      due_date_if_resumed_today: '2026-03-23',
      due_at_if_resumed_today: '2026-03-23T23:59:59+01:00',
      norm: cd(14),
      suspended_days: 5,
      suspended_days_unit: 'calendar_days',
      extension_working_days: 0,
      extension_weeks: 0,
    });
    expect(d).not.toHaveProperty('due_date');
  });

  it('counts an earlier, closed suspension too, and the open one as working days for a working-day norm', () => {
    const d = computeDeadline(
      {
        start_date: '2026-03-02',
        norm: wd(2),
        suspensions: [{ from: '2026-03-03', to: '2026-03-04' }, { from: '2026-03-05' }],
      },
      { calendar, today: '2026-03-09' },
    );
    // Suspended Tue 3 (1) and Thu 5, Fri 6 (2) → 2 + 3 = 5 working days from Monday 2 March = Monday 9.
    expect(d).toMatchObject({ suspended: true, suspended_days: 3, due_date_if_resumed_today: '2026-03-09' });
  });

  it('counts no days while today is not after the suspension start', () => {
    const d = computeDeadline(
      { start_date: '2026-03-02', norm: cd(14), suspensions: [{ from: '2026-03-05', to: null }] },
      { calendar, today: '2026-03-05' },
    );
    expect(d).toMatchObject({ suspended: true, suspended_days: 0, due_date_if_resumed_today: '2026-03-16' });
  });
});

describe('due_at is the end of the day in Europe/Amsterdam across DST', () => {
  it('has +02:00 for the Monday after DST starts (a deadline on Sunday 29 March 2026 rolls to it)', () => {
    expect(due({ start_date: '2026-03-15', norm: cd(14) })).toMatchObject({
      due_date: '2026-03-30',
      due_at: '2026-03-30T23:59:59+02:00',
    });
  });

  it('has +01:00 for the Monday after DST ends (a deadline on Sunday 25 October 2026 rolls to it)', () => {
    expect(due({ start_date: '2026-10-11', norm: cd(14) })).toMatchObject({
      due_date: '2026-10-26',
      due_at: '2026-10-26T23:59:59+01:00',
    });
  });

  it('has +01:00 on the Friday before DST starts', () => {
    expect(due({ start_date: '2026-03-25', norm: wd(2) })).toMatchObject({
      due_date: '2026-03-27',
      due_at: '2026-03-27T23:59:59+01:00',
    });
  });
});

describe('hour, minute and second norms', () => {
  it('adds an exact duration across the DST switch and does not roll to a working day', () => {
    expect(
      due({ start_date: '2026-03-28T12:00:00+01:00', norm: { target: 24, unit: 'hours' } }),
    ).toMatchObject({
      due_date: '2026-03-29',
      due_at: '2026-03-29T13:00:00+02:00',
    });
  });

  it('adds suspended calendar days and extension working days on the Amsterdam wall clock', () => {
    const d = due({
      start_date: '2026-03-02T10:00:00+01:00',
      norm: { target: 90, unit: 'minutes' },
      suspensions: [{ from: '2026-03-02', to: '2026-03-03' }],
      extensions_working_days: [2],
    });
    // 11:30 on Mon 2 March; + 1 day → Tue 3 March; + 2 working days → Thu 5 March 11:30.
    expect(d).toMatchObject({ due_date: '2026-03-05', due_at: '2026-03-05T11:30:00+01:00' });
  });
});

describe('input validation', () => {
  it('rejects a resumption before the suspension, a fractional day norm and a negative extension', () => {
    expect(() =>
      due({
        start_date: '2026-03-02',
        norm: cd(14),
        suspensions: [{ from: '2026-03-05', to: '2026-03-04' }],
      }),
    ).toThrow(ZodError);
    expect(() => due({ start_date: '2026-03-02', norm: cd(1.5) })).toThrow(ZodError);
    expect(() => due({ start_date: '2026-03-02', norm: wd(2), extensions_working_days: [-1] })).toThrow(
      ZodError,
    );
    expect(() => due({ start_date: '2026-03-02T10:00:00', norm: wd(2) })).toThrow(ZodError);
  });
});

describe('extensions in calendar weeks and suspensions after the deadline', () => {
  it('adds calendar weeks without counting the holidays inside them, then rolls the end forward', () => {
    // 5 Feb + 56 days = Thu 2 April; + 42 days = Thu 14 May (Ascension) → Fri 15 decree day → Mon 18.
    expect(dueDate({ start_date: '2026-02-05', norm: cd(56), extension_weeks: 6 })).toBe('2026-05-18');
    // 10 working days from Mon 2 March = Mon 16 March; + 2 weeks = Mon 30 March.
    expect(dueDate({ start_date: '2026-03-02', norm: wd(10), extension_weeks: 2 })).toBe('2026-03-30');
  });

  it('adds nothing for a suspension that begins after the deadline, but counts one before it', () => {
    const late = due({
      start_date: '2026-03-02',
      norm: wd(10),
      suspensions: [{ from: '2026-03-18', to: '2026-03-25' }],
    });
    expect(late).toMatchObject({ due_date: '2026-03-16', suspended_days: 0 });
    // Standing still on the due day itself (Mon 16 March) still counts: 16–17 March, 2 working days.
    expect(
      dueDate({
        start_date: '2026-03-02',
        norm: wd(10),
        suspensions: [{ from: '2026-03-16', to: '2026-03-18' }],
      }),
    ).toBe('2026-03-18');
  });
});
