import { Temporal } from '@js-temporal/polyfill';

/**
 * Instants as the aggregator reads them: epoch milliseconds, the UTC hour and the
 * Europe/Amsterdam day. Every store, rollup and live figure asks these for every event or item,
 * so they read toISOString's form without Date.parse and keep the time-zone arithmetic (about a
 * millisecond in the Temporal polyfill) to once per UTC hour. Pure: no clock.
 */

/** The time zone every calendar date in stuurwiel is read in. */
export const TIME_ZONE = 'Europe/Amsterdam';

const HOUR_MS = 3_600_000;

// The form toISOString writes, which nearly every canonical event already has.
const ISO_UTC_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** An instant as ISO 8601 in UTC with milliseconds (facts store UTC). */
export function toUtc(instant: string): string {
  return instant.length === 24 && ISO_UTC_MS.test(instant) ? instant : new Date(instant).toISOString();
}

const digits = (s: string, from: number, to: number) => {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
};

/**
 * Epoch milliseconds of an instant. The stores compare and subtract instants all the time, nearly
 * all of them in toISOString's form, which is read here without Date.parse.
 */
export function millis(instant: string | Date): number {
  if (instant instanceof Date) return instant.getTime();
  if (
    instant.length === 24 &&
    instant.charCodeAt(23) === 90 && // Z
    instant.charCodeAt(10) === 84 && // T
    instant.charCodeAt(19) === 46 && // .
    instant.charCodeAt(0) !== 48 // Date.UTC reads years 0-99 as 1900-1999
  ) {
    // Validated instants (zod) and toISOString output only: the digits are digits.
    return Date.UTC(
      digits(instant, 0, 4),
      digits(instant, 5, 7) - 1,
      digits(instant, 8, 10),
      digits(instant, 11, 13),
      digits(instant, 14, 16),
      digits(instant, 17, 19),
      digits(instant, 20, 23),
    );
  }
  return Date.parse(instant);
}

/** Epoch milliseconds of an ISO instant; a string without a usable instant is a bug upstream. */
export function ms(instant: string): number {
  const value = millis(instant);
  if (Number.isNaN(value)) throw new RangeError(`not an ISO instant: ${JSON.stringify(instant)}`);
  return value;
}

export function msOrNull(instant: string | null | undefined): number | null {
  return instant == null ? null : ms(instant);
}

/** Seconds from `from` to `to` (ISO instants); negative differences (clock skew) become 0. */
export function secondsBetween(from: string, to: string): number {
  return Math.max(0, (millis(to) - millis(from)) / 1000);
}

/** Seconds from `from` to `to` (epoch ms), never below 0 (clocks of source systems drift). */
export function secondsSince(from: number, to: number): number {
  return Math.max(0, (to - from) / 1000);
}

/** The later of two instants. */
export function later(a: string, b: string): string {
  return millis(b) > millis(a) ? b : a;
}

/** The UTC hour an instant falls in, as the rollups key it (ISO, UTC, milliseconds). */
export function hourOf(iso: string): string {
  // toISOString's own form (facts are in it): the hour is a prefix.
  if (iso.length === 24 && iso.endsWith('Z') && iso[10] === 'T') return `${iso.slice(0, 13)}:00:00.000Z`;
  const d = new Date(iso);
  d.setUTCMinutes(0, 0, 0);
  return d.toISOString();
}

const DATE_MEMORY = 50_000;
const dateOfHour = new Map<number, string>();

/**
 * The Europe/Amsterdam date (YYYY-MM-DD) of an instant in epoch ms. Amsterdam's offset is a whole
 * number of hours, so every UTC hour lies in one Amsterdam date: one time-zone computation per
 * hour instead of per item.
 */
export function amsterdamDateOf(atMs: number): string {
  const hour = Math.floor(atMs / HOUR_MS);
  let date = dateOfHour.get(hour);
  if (date === undefined) {
    if (dateOfHour.size >= DATE_MEMORY) dateOfHour.clear();
    date = Temporal.Instant.fromEpochMilliseconds(hour * HOUR_MS)
      .toZonedDateTimeISO(TIME_ZONE)
      .toPlainDate()
      .toString();
    dateOfHour.set(hour, date);
  }
  return date;
}

/** The Europe/Amsterdam date (YYYY-MM-DD) an ISO instant falls on. */
export const dayOf = (iso: string): string => amsterdamDateOf(ms(iso));

export interface AmsterdamDay {
  date: string;
  startMs: number;
  nextMidnightMs: number;
}

// Every domain of every tenant asks for the same day every second: keep the last day asked for.
let lastDay: AmsterdamDay | null = null;

/** The Europe/Amsterdam day an instant (epoch ms) lies in: its date and its bounds. */
export function amsterdamDayOf(atMs: number): AmsterdamDay {
  if (lastDay && atMs >= lastDay.startMs && atMs < lastDay.nextMidnightMs) return lastDay;
  const start = Temporal.Instant.fromEpochMilliseconds(atMs).toZonedDateTimeISO(TIME_ZONE).startOfDay();
  lastDay = {
    date: start.toPlainDate().toString(),
    startMs: start.epochMilliseconds,
    nextMidnightMs: start.add({ days: 1 }).epochMilliseconds,
  };
  return lastDay;
}
