import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { createCalendar, createCalendarBook, endOfDay } from '../../src/deadlines/index.js';

const calendar = createCalendar();
// The Atw's own holidays, without the days a decree equates with them.
const atwOnly = createCalendar({ decreeDays: [] });
const dates = (year: number) => atwOnly.holidaysIn(year).map((h) => h.date);

describe('date-holidays (NL) as the source of the movable feasts', () => {
  it('marks Good Friday and 5 May as non-public, which is why the calendar adds them itself', () => {
    const nl = new Holidays('NL').getHolidays(2026);
    const typeOn = (date: string) => nl.find((h) => h.date.startsWith(date))?.type;
    expect(typeOn('2026-04-03')).toBe('school'); // Goede Vrijdag
    expect(typeOn('2026-05-05')).toBe('school'); // Bevrijdingsdag
    expect(typeOn('2026-04-06')).toBe('public'); // Tweede paasdag
  });
});

describe('holidaysIn: the Algemene termijnenwet holidays', () => {
  it('lists the nine Atw holidays of 2025, with King’s Day on Saturday 26 April because the 27th is a Sunday', () => {
    expect(dates(2025)).toEqual([
      '2025-01-01',
      '2025-04-18',
      '2025-04-21',
      '2025-04-26',
      '2025-05-05',
      '2025-05-29',
      '2025-06-09',
      '2025-12-25',
      '2025-12-26',
    ]);
  });

  it('lists the nine Atw holidays of 2026', () => {
    expect(dates(2026)).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-04-27',
      '2026-05-05',
      '2026-05-14',
      '2026-05-25',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('lists the nine Atw holidays of 2027', () => {
    expect(dates(2027)).toEqual([
      '2027-01-01',
      '2027-03-26',
      '2027-03-29',
      '2027-04-27',
      '2027-05-05',
      '2027-05-06',
      '2027-05-17',
      '2027-12-25',
      '2027-12-26',
    ]);
  });

  it('names the days in Dutch', () => {
    const byDate = Object.fromEntries(calendar.holidaysIn(2026).map((h) => [h.date, h.name]));
    expect(byDate['2026-04-03']).toBe('Goede Vrijdag');
    expect(byDate['2026-05-05']).toBe('Bevrijdingsdag');
    expect(byDate['2026-04-27']).toBe('Koningsdag');
  });

  it('leaves out Easter Sunday and Whit Sunday, which the Atw does not name (they are Sundays anyway)', () => {
    expect(dates(2026)).not.toContain('2026-04-05');
    expect(dates(2026)).not.toContain('2026-05-24');
    expect(calendar.isWorkingDay('2026-04-05')).toBe(false);
    expect(calendar.isWorkingDay('2026-05-24')).toBe(false);
  });

  it('adds the days of the 2026–2028 decree to every calendar', () => {
    const decreed = [2026, 2027, 2028].flatMap((year) =>
      calendar
        .holidaysIn(year)
        .map((h) => h.date)
        .filter((d) => !atwOnly.holidaysIn(year).some((h) => h.date === d)),
    );
    expect(decreed).toEqual(['2026-01-02', '2026-05-15', '2027-05-07', '2028-04-28', '2028-05-26']);
  });

  it('adds configured closed days of that year, named, and only to that year', () => {
    const cal = createCalendar({
      decreeDays: [],
      extraClosedDays: [{ date: '2026-05-15', name: 'Vrijdag na Hemelvaart (besluit)' }, '2027-12-24'],
    });
    expect(cal.holidaysIn(2026)).toContainEqual({
      date: '2026-05-15',
      name: 'Vrijdag na Hemelvaart (besluit)',
    });
    expect(cal.holidaysIn(2026).map((h) => h.date)).not.toContain('2027-12-24');
    expect(cal.holidaysIn(2027)).toContainEqual({ date: '2027-12-24', name: 'Extra sluitingsdag' });
  });

  it('does not depend on the time zone of the process', () => {
    const before = process.env.TZ;
    try {
      for (const tz of ['Pacific/Kiritimati', 'America/Los_Angeles', 'UTC']) {
        process.env.TZ = tz;
        expect(
          createCalendar({ decreeDays: [] })
            .holidaysIn(2026)
            .map((h) => h.date),
        ).toEqual(dates(2026));
      }
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

describe('isWorkingDay', () => {
  it('treats Good Friday and Easter Monday as non-working in 2025, 2026 and 2027', () => {
    for (const d of ['2025-04-18', '2025-04-21', '2026-04-03', '2026-04-06', '2027-03-26', '2027-03-29']) {
      expect(calendar.isWorkingDay(d), d).toBe(false);
    }
    expect(calendar.isWorkingDay('2026-04-02')).toBe(true); // Maundy Thursday
    expect(calendar.isWorkingDay('2026-04-07')).toBe(true); // Tuesday after Easter
  });

  it('keeps Monday 28 April 2025 a working day although King’s Day fell on a Saturday', () => {
    expect(calendar.isWorkingDay('2025-04-26')).toBe(false);
    expect(calendar.isWorkingDay('2025-04-28')).toBe(true);
  });

  it('treats 5 May as a holiday every year, also outside lustrum years (Tuesday 2026, Wednesday 2027)', () => {
    expect(calendar.isWorkingDay('2026-05-05')).toBe(false);
    expect(calendar.isWorkingDay('2027-05-05')).toBe(false);
    expect(calendar.isWorkingDay('2025-05-05')).toBe(false);
  });

  it('treats the Friday after Ascension as working unless a decree names it (the 2026–2028 one does)', () => {
    expect(calendar.isWorkingDay('2026-05-14')).toBe(false);
    expect(atwOnly.isWorkingDay('2026-05-15')).toBe(true);
    expect(calendar.isWorkingDay('2026-05-15')).toBe(false);
    expect(calendar.isWorkingDay('2027-05-07')).toBe(false);
  });

  it('treats Whit Monday, Christmas, Boxing Day and New Year’s Day as non-working', () => {
    for (const d of ['2026-05-25', '2026-12-25', '2026-12-26', '2027-01-01']) {
      expect(calendar.isWorkingDay(d), d).toBe(false);
    }
    expect(calendar.isWorkingDay('2026-12-24')).toBe(true);
    expect(calendar.isWorkingDay('2026-12-31')).toBe(true);
  });

  it('gives no substitute day when Christmas and New Year fall on a weekend (2027)', () => {
    expect(calendar.isWorkingDay('2027-12-24')).toBe(true);
    expect(calendar.isWorkingDay('2027-12-27')).toBe(true);
    expect(calendar.isWorkingDay('2028-01-03')).toBe(true);
  });

  it('treats a municipal closing day as non-working', () => {
    const cal = createCalendar({ extraClosedDays: ['2026-12-24'] });
    expect(cal.isWorkingDay('2026-12-24')).toBe(false);
    expect(cal.isWorkingDay('2026-12-23')).toBe(true);
  });

  it('rejects anything but a real YYYY-MM-DD date', () => {
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('2026-3-2')).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('2026-03-02T10:00:00+01:00')).toThrow(RangeError);
    expect(() => createCalendar({ extraClosedDays: ['15-05-2026'] })).toThrow(RangeError);
  });
});

describe('addWorkingDays counts from the day after', () => {
  it('puts a Monday + 2 working days on Wednesday', () => {
    expect(calendar.addWorkingDays('2026-03-02', 2)).toBe('2026-03-04');
  });

  it('skips Good Friday and Easter Monday (2025: Thursday + 2 → Wednesday after Easter)', () => {
    expect(calendar.addWorkingDays('2025-04-17', 2)).toBe('2025-04-23');
  });

  it('skips Christmas, the weekend and New Year (2026: Wednesday 23 Dec + 6 → Monday 4 Jan 2027)', () => {
    expect(calendar.addWorkingDays('2026-12-23', 5)).toBe('2026-12-31');
    expect(calendar.addWorkingDays('2026-12-23', 6)).toBe('2027-01-04');
  });

  it('returns the date itself for 0 and counts back for a negative number', () => {
    expect(calendar.addWorkingDays('2026-04-04', 0)).toBe('2026-04-04');
    expect(calendar.addWorkingDays('2026-04-07', -1)).toBe('2026-04-02');
  });

  it('rejects a fractional number of working days', () => {
    expect(() => calendar.addWorkingDays('2026-03-02', 1.5)).toThrow(RangeError);
  });
});

describe('nextWorkingDayOnOrAfter', () => {
  it('keeps a working day and moves Saturday before Easter Monday to Tuesday', () => {
    expect(calendar.nextWorkingDayOnOrAfter('2026-03-04')).toBe('2026-03-04');
    expect(calendar.nextWorkingDayOnOrAfter('2026-04-04')).toBe('2026-04-07');
  });
});

describe('workingDaysBetween', () => {
  it('counts the working days after `from` up to and including `to`', () => {
    expect(calendar.workingDaysBetween('2026-03-02', '2026-03-04')).toBe(2);
    expect(calendar.workingDaysBetween('2026-12-24', '2027-01-04')).toBe(5);
    expect(calendar.workingDaysBetween('2026-03-04', '2026-03-04')).toBe(0);
  });

  it('is negative when `to` lies before `from`', () => {
    expect(calendar.workingDaysBetween('2026-03-06', '2026-03-04')).toBe(-2);
  });
});

describe('endOfDay', () => {
  it('is 23:59:59 summer time (+02:00) on 29 March 2026, the day DST starts', () => {
    expect(endOfDay('2026-03-29')).toBe('2026-03-29T23:59:59+02:00');
    expect(endOfDay('2026-03-28')).toBe('2026-03-28T23:59:59+01:00');
  });

  it('is 23:59:59 winter time (+01:00) on 25 October 2026, the day DST ends', () => {
    expect(endOfDay('2026-10-25')).toBe('2026-10-25T23:59:59+01:00');
    expect(endOfDay('2026-10-24')).toBe('2026-10-24T23:59:59+02:00');
  });
});

describe('calendar book: legal and service calendars per municipality', () => {
  it('closes a municipality’s closing days on its service calendar only, and follows changes', () => {
    let days: readonly { date: string }[] = [{ date: '2026-12-24' }];
    const book = createCalendarBook((tenant) => (tenant === 'GM0363' ? days : []));
    expect(book.service('GM0363').isWorkingDay('2026-12-24')).toBe(false);
    expect(book.service('GM0014').isWorkingDay('2026-12-24')).toBe(true);
    expect(book.legal.isWorkingDay('2026-12-24')).toBe(true);
    // Decree days close every calendar.
    expect(book.service('GM0014').isWorkingDay('2026-05-15')).toBe(false);
    expect(book.service('GM0363')).toBe(book.service('GM0363'));
    days = [{ date: '2026-12-31' }];
    expect(book.service('GM0363').isWorkingDay('2026-12-24')).toBe(true);
    expect(book.service('GM0363').isWorkingDay('2026-12-31')).toBe(false);
  });
});
