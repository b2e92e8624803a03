/**
 * Dutch working-day calendar for deadlines (Algemene termijnenwet, Atw).
 *
 * Library choice: `@js-temporal/polyfill` rather than luxon. Temporal has a real date-only type
 * (`Temporal.PlainDate`) with no clock time and no time zone, so adding days to a calendar date can
 * never slide across UTC midnight or a DST switch; time zones are only involved where we ask for them
 * explicitly (`ZonedDateTime` in Europe/Amsterdam for "end of the day" and "what day is it now").
 * It ships its own TypeScript types and follows the TC39 Temporal standard, so it can later be swapped
 * for the built-in `Temporal` without changing the code. luxon's `DateTime` always carries a time
 * and a zone, which is exactly the kind of value that shifts a date by one when handled carelessly.
 *
 * Holidays: the movable feasts come from `date-holidays` (country NL). That library marks Good
 * Friday ("Goede Vrijdag") and Liberation Day ("Bevrijdingsdag", 5 May) as `school`, not `public`,
 * while the Atw counts both (5 May every year, not only in lustrum years), so they are added here.
 * It also lists Easter Sunday and Whit Sunday as public; the Atw does not name them (they are
 * Sundays anyway), so they are left out of {@link Calendar.holidaysIn}. The days equated with the
 * holidays by decree come from `./decrees` (one module per decree).
 */
import { Temporal } from '@js-temporal/polyfill';
import Holidays from 'date-holidays';
import { TIME_ZONE } from '../time/instants.js';
import { atwDecreeDays } from './decrees/index.js';

export { TIME_ZONE };

/** A day the municipality is closed besides the Atw holidays: a decree-designated day or its own closing day. */
export type ClosedDay = string | { date: string; name?: string };

export interface CalendarOptions {
  /**
   * The days equated with the Atw holidays by decree (Atw art. 3); default: every decree in
   * `./decrees`. They close every calendar, legal or not.
   */
  decreeDays?: readonly ClosedDay[];
  /**
   * Further non-working days as ISO dates (YYYY-MM-DD), optionally named: a municipality's own
   * closing days. Only a service-norm calendar has them; a legal term counts them as working days.
   */
  extraClosedDays?: readonly ClosedDay[];
}

export interface Holiday {
  /** YYYY-MM-DD, a calendar date in Europe/Amsterdam. */
  date: string;
  name: string;
}

export interface Calendar {
  /** Monday–Friday and not an Atw holiday nor a configured closed day. */
  isWorkingDay(date: string): boolean;
  /**
   * The n-th working day after `date`, counting from the day after (Monday + 2 → Wednesday).
   * `n = 0` returns `date` itself (even if it is not a working day); a negative `n` counts back.
   */
  addWorkingDays(date: string, n: number): string;
  /** `date` itself when it is a working day, otherwise the next working day (Atw art. 1). */
  nextWorkingDayOnOrAfter(date: string): string;
  /**
   * Working days after `from` up to and including `to`: the inverse of `addWorkingDays`, so
   * `workingDaysBetween(d, addWorkingDays(d, n)) === n` for n ≥ 0. When `to` is before `from` it is
   * minus the working days after `to` up to and including `from`.
   */
  workingDaysBetween(from: string, to: string): number;
  /** The Atw holidays of `year` plus the configured closed days in it, sorted by date. */
  holidaysIn(year: number): Holiday[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Parses a strict YYYY-MM-DD calendar date; throws a RangeError for anything else. */
export const parseDate = (date: string): Temporal.PlainDate => {
  if (typeof date !== 'string' || !ISO_DATE.test(date)) {
    throw new RangeError(`expected a date as YYYY-MM-DD, got ${JSON.stringify(date)}`);
  }
  return Temporal.PlainDate.from(date, { overflow: 'reject' });
};

/** The calendar date in Europe/Amsterdam at an instant. */
export const amsterdamDate = (instant: Temporal.Instant): Temporal.PlainDate =>
  instant.toZonedDateTimeISO(TIME_ZONE).toPlainDate();

/** The end of a day, 23:59:59 Europe/Amsterdam, as an ISO instant with its offset (+01:00 or +02:00). */
export const endOfDay = (date: string): string =>
  parseDate(date)
    .toZonedDateTime({ timeZone: TIME_ZONE, plainTime: Temporal.PlainTime.from('23:59:59') })
    .toString({ timeZoneName: 'never' });

// date-holidays rules that identify the days we treat specially.
const RULE_EASTER_SUNDAY = 'easter';
const RULE_WHIT_SUNDAY = 'easter 49';
const RULE_GOOD_FRIDAY = 'easter -2';
const RULE_LIBERATION_DAY = '05-05';

const SATURDAY = 6;

/** The Atw holidays of one year, from date-holidays plus the days it marks non-public. */
const atwHolidays = (source: Holidays, year: number): Holiday[] => {
  // `date` is the local calendar date ("2026-04-03 00:00:00"); `start` is a UTC Date and must not be used.
  const all = source.getHolidays(year).map((h) => ({ ...h, date: h.date.slice(0, 10) }));
  const out: Holiday[] = all
    .filter((h) => h.type === 'public' && h.rule !== RULE_EASTER_SUNDAY && h.rule !== RULE_WHIT_SUNDAY)
    .map(({ date, name }) => ({ date, name }));
  const has = (date: string) => out.some((h) => h.date === date);

  const goodFriday = all.find((h) => h.rule === RULE_GOOD_FRIDAY);
  const easter = all.find((h) => h.rule === RULE_EASTER_SUNDAY);
  if (goodFriday) {
    if (!has(goodFriday.date)) out.push({ date: goodFriday.date, name: goodFriday.name });
  } else if (easter) {
    const date = parseDate(easter.date).subtract({ days: 2 }).toString();
    if (!has(date)) out.push({ date, name: 'Goede Vrijdag' });
  }

  const liberation = `${String(year).padStart(4, '0')}-05-05`;
  if (!has(liberation)) {
    out.push({
      date: liberation,
      name: all.find((h) => h.rule === RULE_LIBERATION_DAY)?.name ?? 'Bevrijdingsdag',
    });
  }
  return out;
};

const byDate = (a: Holiday, b: Holiday) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/** Creates a working-day calendar; holidays are computed per year on first use and cached. */
export const createCalendar = (options: CalendarOptions = {}): Calendar => {
  const source = new Holidays('NL'); // Dutch names; country-wide (no province rules in NL).

  const extra = new Map<string, string>();
  for (const day of [...(options.decreeDays ?? atwDecreeDays()), ...(options.extraClosedDays ?? [])]) {
    const { date, name } = typeof day === 'string' ? { date: day, name: undefined } : day;
    parseDate(date); // validate early, at configuration time
    if (!extra.has(date)) extra.set(date, name ?? 'Extra sluitingsdag');
  }

  const years = new Map<number, { list: Holiday[]; dates: Set<string> }>();
  const yearOf = (year: number) => {
    let entry = years.get(year);
    if (!entry) {
      const list = atwHolidays(source, year);
      for (const [date, name] of extra) {
        if (date.startsWith(`${String(year).padStart(4, '0')}-`) && !list.some((h) => h.date === date)) {
          list.push({ date, name });
        }
      }
      list.sort(byDate);
      entry = { list, dates: new Set(list.map((h) => h.date)) };
      years.set(year, entry);
    }
    return entry;
  };

  const isWorking = (d: Temporal.PlainDate): boolean =>
    d.dayOfWeek < SATURDAY && !yearOf(d.year).dates.has(d.toString());

  const addWorking = (d: Temporal.PlainDate, n: number): Temporal.PlainDate => {
    if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number, got ${n}`);
    const step = n < 0 ? -1 : 1;
    let left = Math.abs(n);
    let day = d;
    while (left > 0) {
      day = day.add({ days: step });
      if (isWorking(day)) left -= 1;
    }
    return day;
  };

  const nextOnOrAfter = (d: Temporal.PlainDate): Temporal.PlainDate => {
    let day = d;
    while (!isWorking(day)) day = day.add({ days: 1 });
    return day;
  };

  return {
    isWorkingDay: (date) => isWorking(parseDate(date)),
    addWorkingDays: (date, n) => addWorking(parseDate(date), n).toString(),
    nextWorkingDayOnOrAfter: (date) => nextOnOrAfter(parseDate(date)).toString(),
    workingDaysBetween: (from, to) => {
      const a = parseDate(from);
      const b = parseDate(to);
      const order = Temporal.PlainDate.compare(a, b);
      if (order === 0) return 0;
      // Count the working days in (earlier, later]; negative when `to` lies before `from`.
      const [lo, hi, sign] = order < 0 ? [a, b, 1] : [b, a, -1];
      let count = 0;
      for (
        let day = lo.add({ days: 1 });
        Temporal.PlainDate.compare(day, hi) <= 0;
        day = day.add({ days: 1 })
      ) {
        if (isWorking(day)) count += 1;
      }
      return sign * count;
    },
    holidaysIn: (year) => {
      if (!Number.isInteger(year)) throw new RangeError(`year must be a whole number, got ${year}`);
      return yearOf(year).list.map((h) => ({ ...h }));
    },
  };
};
