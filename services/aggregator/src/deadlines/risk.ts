/**
 * Steering status of an OPEN item against its deadline (domain.md: "at risk" and "overdue").
 * The caller decides what is open; a closed item is never classified. For a case that is still
 * suspended, pass `due_at_if_resumed_today` as its `due_at`.
 *
 * - overdue: `now` is past `due_at` (strictly later; at 23:59:59 exactly it is still due today).
 * - at_risk: not overdue and what is left is within the warning horizon:
 *   - `{ target, unit: 'working_days' }`: working days left ≤ target, where working days left are
 *     those after today up to and including the due date (Monday with the deadline on Wednesday → 2;
 *     the deadline today → 0);
 *   - `{ target, unit: 'calendar_days' }`: calendar days from today to the due date ≤ target;
 *   - `{ target, unit: 'hours' | 'minutes' | 'seconds' }`: time until `due_at` ≤ target;
 *   - `{ share_of_norm }` (e.g. 0.2 for "20 % of the norm left"): what is left, measured in the
 *     norm's own unit as above, ≤ share × norm.target. Needs `norm`.
 * - on_track otherwise.
 * "Today" and the due date are calendar dates in Europe/Amsterdam.
 */
import { Temporal } from '@js-temporal/polyfill';
import { amsterdamDate, type Calendar, TIME_ZONE } from './calendar.js';
import type { Norm } from './deadline.js';

export type RiskStatus = 'on_track' | 'at_risk' | 'overdue';
export type Horizon = Norm | { share_of_norm: number };
export type Moment = Date | string | Temporal.Instant;

export interface ClassifyInput {
  /** ISO instant with offset, e.g. `due_at` of a deadline. */
  due_at: string;
  now: Moment;
  horizon: Horizon;
  calendar: Calendar;
  /** The item's norm; required for a `share_of_norm` horizon. */
  norm?: Norm;
}

const MS_PER_UNIT = { hours: 3_600_000, minutes: 60_000, seconds: 1_000 } as const;

const toInstant = (moment: Moment): Temporal.Instant => {
  if (moment instanceof Temporal.Instant) return moment;
  if (moment instanceof Date) return Temporal.Instant.fromEpochMilliseconds(moment.getTime());
  return Temporal.Instant.from(moment); // requires an offset or Z: a local time is ambiguous
};

/**
 * Working days left until the deadline: those after today (Europe/Amsterdam) up to and including
 * the due date. 0 on the due day itself; negative when the due date has passed (−1 the working day
 * after it).
 */
export const workingDaysLeft = (input: { due_at: string; now: Moment; calendar: Calendar }): number =>
  input.calendar.workingDaysBetween(
    amsterdamDate(toInstant(input.now)).toString(),
    amsterdamDate(toInstant(input.due_at)).toString(),
  );

const leftIn = (
  unit: Norm['unit'],
  due: Temporal.Instant,
  now: Temporal.Instant,
  calendar: Calendar,
): number => {
  switch (unit) {
    case 'working_days':
      return workingDaysLeft({ due_at: due.toString(), now, calendar });
    case 'calendar_days':
      return amsterdamDate(now).until(amsterdamDate(due), { largestUnit: 'day' }).days;
    default:
      return (due.epochMilliseconds - now.epochMilliseconds) / MS_PER_UNIT[unit];
  }
};

/** The horizon as "at risk once what is left, in `unit`, is at most `limit`". */
const limitOf = (horizon: Horizon, norm: Norm | undefined): { unit: Norm['unit']; limit: number } => {
  if (!('share_of_norm' in horizon)) return { unit: horizon.unit, limit: horizon.target };
  if (!norm) throw new TypeError('a share_of_norm horizon needs the norm');
  if (!(horizon.share_of_norm >= 0 && horizon.share_of_norm <= 1)) {
    throw new RangeError(`share_of_norm must be between 0 and 1, got ${horizon.share_of_norm}`);
  }
  return { unit: norm.unit, limit: horizon.share_of_norm * norm.target };
};

export const classify = (input: ClassifyInput): RiskStatus => {
  const due = toInstant(input.due_at);
  const now = toInstant(input.now);
  if (Temporal.Instant.compare(now, due) > 0) return 'overdue';
  const { unit, limit } = limitOf(input.horizon, input.norm);
  return leftIn(unit, due, now, input.calendar) <= limit ? 'at_risk' : 'on_track';
};

export type AtRiskFromInput = Omit<ClassifyInput, 'now'>;

// Further back than this the answer is "at risk from the start" for any norm stuurwiel knows.
const MAX_DAYS_BACK = 3660;

/**
 * The first instant `classify` says at_risk (the inverse of its horizon test), as epoch ms:
 * - a day-based horizon (working or calendar days, or a share of a norm in days): 00:00
 *   Europe/Amsterdam of the first day whose days left are within the horizon — e.g. 2 working days
 *   before a Wednesday deadline is Monday 00:00, and with a weekend or holiday in between the
 *   working day before it;
 * - a time-based horizon: `due_at` − the horizon.
 * From this instant until `due_at` the item is at_risk, after it overdue; before it on_track.
 */
export const atRiskFromMs = (input: AtRiskFromInput): number => {
  const due = toInstant(input.due_at);
  const { unit, limit } = limitOf(input.horizon, input.norm);
  if (unit !== 'working_days' && unit !== 'calendar_days')
    return due.epochMilliseconds - limit * MS_PER_UNIT[unit];
  // Days left only grow going back in time, so walk back from the due day while still at risk.
  const dueDate = amsterdamDate(due);
  let first = dueDate;
  for (let back = 1; back <= MAX_DAYS_BACK; back += 1) {
    const day = dueDate.subtract({ days: back });
    const start = day.toZonedDateTime({ timeZone: TIME_ZONE }).toInstant();
    if (leftIn(unit, due, start, input.calendar) > limit) break;
    first = day;
  }
  return first.toZonedDateTime({ timeZone: TIME_ZONE }).epochMilliseconds;
};
