import { createCalendar } from '@stuurwiel/aggregator/deadlines';
import type { PayloadOf, Weekday } from '@stuurwiel/schemas';
import type { OpeningScope } from '../model.js';

export type OpeningHours = PayloadOf<'reference.opening_hours'>;

const TIME_ZONE = 'Europe/Amsterdam';
const WEEKDAYS: Record<string, Weekday> = {
  Mon: 'monday',
  Tue: 'tuesday',
  Wed: 'wednesday',
  Thu: 'thursday',
  Fri: 'friday',
  Sat: 'saturday',
  Sun: 'sunday',
};

const localParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  weekday: 'short',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Weekday, date (YYYY-MM-DD) and time of day (HH:MM) of an instant in Europe/Amsterdam. */
export function amsterdamMoment(at: Date): { weekday: Weekday; date: string; time: string } {
  const parts = Object.fromEntries(localParts.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    weekday: WEEKDAYS[parts.weekday!]!,
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}

// Only the public holidays are read from it (a date's membership), never a count of working days:
// deadlines are the aggregator's.
const holidays = createCalendar();
const holidayYears = new Map<number, ReadonlySet<string>>();

/** Whether a date (Europe/Amsterdam) is a public holiday of the Algemene termijnenwet or a decree day. */
export function isPublicHoliday(date: string): boolean {
  const year = Number(date.slice(0, 4));
  let dates = holidayYears.get(year);
  if (!dates) {
    dates = new Set(holidays.holidaysIn(year).map((h) => h.date));
    holidayYears.set(year, dates);
  }
  return dates.has(date);
}

/**
 * Whether a schedule is open at an instant: within one of the day's periods (from included, to
 * excluded, local time), and not on a closing day or public holiday when the schedule says so.
 */
export function isOpenBy(hours: OpeningHours, at: Date, isClosingDay: (date: string) => boolean): boolean {
  const { weekday, date, time } = amsterdamMoment(at);
  if (hours.closed_on_closing_days && (isClosingDay(date) || isPublicHoliday(date))) return false;
  return hours.week[weekday].some((p) => p.from <= time && time < p.to);
}

/**
 * The schedule that governs a scope: its own, else a queue's location's, else the tenant's
 * (a queue whose location has none falls back to the tenant too); undefined: always open.
 */
export function governingHours(
  scope: OpeningScope,
  hoursOf: (scope: OpeningScope) => OpeningHours | undefined,
  locationOfQueue: (queueId: string) => string | undefined,
): OpeningHours | undefined {
  if (scope.kind === 'tenant') return hoursOf({ kind: 'tenant' });
  const own = scope.id === undefined ? undefined : hoursOf(scope);
  if (own) return own;
  if (scope.kind === 'queue' && scope.id !== undefined) {
    const location = locationOfQueue(scope.id);
    const ofLocation = location === undefined ? undefined : hoursOf({ kind: 'location', id: location });
    if (ofLocation) return ofLocation;
  }
  return hoursOf({ kind: 'tenant' });
}
