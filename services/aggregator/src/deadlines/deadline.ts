/**
 * The deadline of a case, callback or written contact, counted as domain.md defines it, so that
 * every part of stuurwiel gives the same date.
 *
 * Rules (in this order):
 * - calendar_days: start date + N days + the calendar days spent suspended, then + the extensions
 *   in working days, then a result on a Saturday, Sunday, holiday or closed day moves to the next
 *   working day (Atw art. 1). The extension is counted from the unrolled date, as domain.md orders it:
 *   a raw Saturday + 1 working day is the Monday, the same day the roll-forward alone would give.
 * - working_days: N working days counted from the day after the start (Monday + 2 → Wednesday),
 *   then + the working days spent suspended, then + the extensions; the result is a working day.
 * - An extension in calendar weeks (`extension_weeks`, "six weeks") adds 7 × n calendar days after
 *   everything above and before the roll-forward: holidays inside the weeks do not lengthen them,
 *   a result on a closed day moves to the next working day.
 * - A suspension that begins after the deadline (as lengthened by the suspensions before it) adds
 *   nothing: a term that has run out cannot be suspended, so an overdue case stays overdue.
 * - hours / minutes / seconds: the start instant + the duration (a plain start date means 00:00
 *   Europe/Amsterdam), then + the calendar days suspended and the extension working days on the
 *   Amsterdam wall clock. Such a deadline is an instant, not the end of a day, and is not rolled
 *   forward (Atw art. 1 is about periods that end on a day).
 * - A day-based deadline is the END of its day: `due_at` is 23:59:59 Europe/Amsterdam with the
 *   offset that day has (+01:00 in winter, +02:00 in summer time).
 *
 * Decision — how suspended days are counted: a suspension `{ from, to }` covers the calendar days
 * from `from` (inclusive, the first day the clock stands still) up to `to` (exclusive, the day the
 * clock runs again), i.e. `to − from` days. Example: suspended 2026-03-02, resumed 2026-03-09 →
 * 7 days; suspended and resumed on the same day → 0 days. Overlapping suspensions are merged, so a
 * day is never counted twice.
 *
 * Decision — suspension under a working-day norm: the suspension stops the norm's own clock, so it
 * is counted in the norm's unit: the WORKING days inside [from, to) are added as working days
 * (not the calendar days). Example: callback requested Monday 2026-03-02 within 2 working days
 * (due Wednesday 03-04), suspended Tuesday 03-03, resumed Thursday 03-05 → Tuesday and Wednesday
 * were suspended → 2 working days more → due Friday 03-06. A suspension over a weekend costs a
 * working-day norm nothing, while under a calendar-day norm it adds its calendar days.
 *
 * Decision — a case that is still suspended (a suspension without `to`) has no final deadline:
 * the result is `{ suspended: true, suspended_since, as_of, due_date_if_resumed_today,
 * due_at_if_resumed_today }`, computed as if the open suspension ended on `as_of` (today in
 * Europe/Amsterdam unless given), i.e. as if the case were resumed today.
 */
import { Temporal } from '@js-temporal/polyfill';
import { isoDate, norm as normSchema, timestamp } from '@stuurwiel/schemas';
import { z } from 'zod';
import { amsterdamDate, type Calendar, endOfDay, parseDate, TIME_ZONE } from './calendar.js';

export const suspensionSchema = z
  .strictObject({
    from: isoDate.describe('First day the clock stands still (inclusive), YYYY-MM-DD.'),
    to: isoDate
      .nullish()
      .describe('Day the clock runs again (exclusive), YYYY-MM-DD; absent while still suspended.'),
  })
  .refine((s) => s.to == null || s.to >= s.from, { path: ['to'], message: 'must not be before `from`' });

export const deadlineInputSchema = z.strictObject({
  start_date: z
    .union([isoDate, timestamp])
    .describe('Start date YYYY-MM-DD, or an instant with offset (its Amsterdam date counts for day norms).'),
  norm: normSchema,
  suspensions: z.array(suspensionSchema).default([]),
  extensions_working_days: z
    .array(z.number().int({ error: 'must be a whole number of working days' }).min(0))
    .default([]),
  extension_weeks: z
    .number()
    .int({ error: 'must be a whole number of weeks' })
    .min(0)
    .default(0)
    .describe('Extension in calendar weeks, added after the working days of any other extension.'),
});

export type DeadlineInput = z.input<typeof deadlineInputSchema>;
export type Norm = z.output<typeof normSchema>;

export interface DeadlineOptions {
  calendar: Calendar;
  /** Today in Europe/Amsterdam (YYYY-MM-DD); only used for a suspension that is still open. */
  today?: string;
}

interface DeadlineCommon {
  norm: Norm;
  /** Days the clock stood still, in `suspended_days_unit` (working days for a working-day norm). */
  suspended_days: number;
  suspended_days_unit: 'calendar_days' | 'working_days';
  /** Sum of the granted extensions in working days. */
  extension_working_days: number;
  /** The extension in calendar weeks. */
  extension_weeks: number;
}

export interface FinalDeadline extends DeadlineCommon {
  suspended: false;
  /** YYYY-MM-DD, Europe/Amsterdam. */
  due_date: string;
  /** ISO instant with offset: 23:59:59 Europe/Amsterdam of `due_date` for day norms. */
  due_at: string;
}

export interface SuspendedDeadline extends DeadlineCommon {
  suspended: true;
  /** Start of the open suspension. */
  suspended_since: string;
  /** The day the provisional deadline was computed for (today). */
  as_of: string;
  due_date_if_resumed_today: string;
  due_at_if_resumed_today: string;
}

export type Deadline = FinalDeadline | SuspendedDeadline;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const MS_PER_UNIT = { hours: 3_600_000, minutes: 60_000, seconds: 1_000 } as const;

const todayInAmsterdam = (): string => Temporal.Now.plainDateISO(TIME_ZONE).toString();

/** Merged, sorted [from, to) intervals; an open suspension ends on `today` (none when today ≤ from). */
const suspendedIntervals = (
  suspensions: readonly { from: string; to?: string | null | undefined }[],
  today: Temporal.PlainDate,
): [Temporal.PlainDate, Temporal.PlainDate][] => {
  const intervals = suspensions
    .map((s): [Temporal.PlainDate, Temporal.PlainDate] => [
      parseDate(s.from),
      s.to == null ? today : parseDate(s.to),
    ])
    .filter(([from, to]) => Temporal.PlainDate.compare(from, to) < 0)
    .sort((a, b) => Temporal.PlainDate.compare(a[0], b[0]));
  const merged: [Temporal.PlainDate, Temporal.PlainDate][] = [];
  for (const [from, to] of intervals) {
    const last = merged.at(-1);
    if (last && Temporal.PlainDate.compare(from, last[1]) <= 0) {
      if (Temporal.PlainDate.compare(to, last[1]) > 0) last[1] = to;
    } else {
      merged.push([from, to]);
    }
  }
  return merged;
};

const countSuspended = (
  intervals: [Temporal.PlainDate, Temporal.PlainDate][],
  unit: 'calendar_days' | 'working_days',
  calendar: Calendar,
): number => {
  let total = 0;
  for (const [from, to] of intervals) {
    if (unit === 'calendar_days') {
      total += from.until(to, { largestUnit: 'day' }).days;
    } else {
      // Working days in [from, to) = working days in (from − 1, to − 1].
      total += calendar.workingDaysBetween(
        from.subtract({ days: 1 }).toString(),
        to.subtract({ days: 1 }).toString(),
      );
    }
  }
  return total;
};

/** Computes the deadline; throws a ZodError for invalid input. */
export const computeDeadline = (input: DeadlineInput, options: DeadlineOptions): Deadline => {
  const { calendar } = options;
  const parsed = deadlineInputSchema.parse(input);
  const { norm } = parsed;
  const today = parseDate(options.today ?? todayInAmsterdam());
  const extension = parsed.extensions_working_days.reduce((a, b) => a + b, 0);
  const extensionWeeks = parsed.extension_weeks;
  const suspensionUnit = norm.unit === 'working_days' ? 'working_days' : 'calendar_days';

  const due = (suspendedDays: number): { dueDate: string; dueAt: string } => {
    if (norm.unit === 'calendar_days' || norm.unit === 'working_days') {
      const start = DATE_ONLY.test(parsed.start_date)
        ? parseDate(parsed.start_date)
        : amsterdamDate(Temporal.Instant.from(parsed.start_date));
      // Weeks are calendar weeks: the holidays inside them do not lengthen them; only a result on a
      // closed day moves (Atw art. 1), which the roll-forward below does.
      const raw =
        norm.unit === 'calendar_days'
          ? calendar.addWorkingDays(start.add({ days: norm.target + suspendedDays }).toString(), extension)
          : calendar.addWorkingDays(start.toString(), norm.target + suspendedDays + extension);
      const dueDate = calendar.nextWorkingDayOnOrAfter(
        parseDate(raw).add({ weeks: extensionWeeks }).toString(),
      );
      return { dueDate, dueAt: endOfDay(dueDate) };
    }
    const start = DATE_ONLY.test(parsed.start_date)
      ? parseDate(parsed.start_date).toZonedDateTime({ timeZone: TIME_ZONE })
      : Temporal.Instant.from(parsed.start_date).toZonedDateTimeISO(TIME_ZONE);
    let at = start
      .add({ milliseconds: Math.round(norm.target * MS_PER_UNIT[norm.unit]) })
      .add({ days: suspendedDays, weeks: extensionWeeks });
    if (extension > 0) {
      const date = parseDate(calendar.addWorkingDays(at.toPlainDate().toString(), extension));
      at = at.with({ year: date.year, month: date.month, day: date.day });
    }
    return { dueDate: at.toPlainDate().toString(), dueAt: at.toString({ timeZoneName: 'never' }) };
  };

  // A term that has run out cannot be suspended: a suspension that begins after the deadline
  // (with the suspensions before it) has passed adds nothing, so an overdue case stays overdue.
  let suspendedDays = 0;
  let current = due(0);
  for (const interval of suspendedIntervals(parsed.suspensions, today)) {
    if (interval[0].toString() > current.dueDate) break;
    suspendedDays += countSuspended([interval], suspensionUnit, calendar);
    current = due(suspendedDays);
  }
  const { dueDate, dueAt } = current;

  const common: DeadlineCommon = {
    norm,
    suspended_days: suspendedDays,
    suspended_days_unit: suspensionUnit,
    extension_working_days: extension,
    extension_weeks: extensionWeeks,
  };
  const open = parsed.suspensions
    .filter((s) => s.to == null)
    .map((s) => s.from)
    .sort()[0];
  if (open !== undefined) {
    return {
      ...common,
      suspended: true,
      suspended_since: open,
      as_of: today.toString(),
      due_date_if_resumed_today: dueDate,
      due_at_if_resumed_today: dueAt,
    };
  }
  return { ...common, suspended: false, due_date: dueDate, due_at: dueAt };
};
