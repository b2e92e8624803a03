import { KPI_WINDOWS, type KpiWindow } from '@stuurwiel/schemas';
import { amsterdamDayOf, ms } from '../time/instants.js';

const MINUTE = 60_000;
const HALF_HOUR = 30 * MINUTE;
const HOUR = 60 * MINUTE;

export interface WindowBounds {
  window: KpiWindow;
  /**
   * Epoch ms of the start; excluded for 15m and 1h, included for half_hour and today (a call at
   * 10:30:00 belongs to the half hour that starts then, 00:00 to today).
   */
  startMs: number;
  startIncluded: boolean;
  /** Epoch ms of as_of, included. */
  endMs: number;
  /**
   * Real elapsed hours: a DST day's "today" at 12:00 is 11 or 13 hours long; 0 at the very start
   * of half_hour and today.
   */
  hours: number;
  /** Europe/Amsterdam date of as_of (YYYY-MM-DD); date-only items belong to `today` by it. */
  date: string;
  /** Epoch ms of the next 00:00 Europe/Amsterdam: whatever is due before it is due today. */
  nextMidnightMs: number;
}

export type WindowSet = Readonly<Record<KpiWindow, WindowBounds>>;

export function windowBounds(asOf: string): WindowSet {
  const endMs = ms(asOf);
  const day = amsterdamDayOf(endMs);
  const common = { endMs, date: day.date, nextMidnightMs: day.nextMidnightMs };
  const trailing = (window: KpiWindow, length: number): WindowBounds => ({
    window,
    startMs: endMs - length,
    startIncluded: false,
    hours: length / HOUR,
    ...common,
  });
  // Europe/Amsterdam is a whole number of hours off UTC, so its clock half hours start at the UTC
  // ones: no time zone lookup needed.
  const halfHourStartMs = Math.floor(endMs / HALF_HOUR) * HALF_HOUR;
  return {
    '15m': trailing('15m', 15 * MINUTE),
    half_hour: {
      window: 'half_hour',
      startMs: halfHourStartMs,
      startIncluded: true,
      hours: (endMs - halfHourStartMs) / HOUR,
      ...common,
    },
    '1h': trailing('1h', HOUR),
    today: {
      window: 'today',
      startMs: day.startMs,
      startIncluded: true,
      hours: (endMs - day.startMs) / HOUR,
      ...common,
    },
  };
}

export function inWindow(bounds: WindowBounds, atMs: number): boolean {
  if (atMs > bounds.endMs) return false;
  return bounds.startIncluded ? atMs >= bounds.startMs : atMs > bounds.startMs;
}

/** Whether an item, dated by `instant` (null: never), falls in the window. */
export function instantIn(bounds: WindowBounds, instant: string | null | undefined): boolean {
  return instant != null && inWindow(bounds, ms(instant));
}

/** Builds every window of a snapshot with one function. */
export function perWindow<T>(set: WindowSet, build: (bounds: WindowBounds) => T): Record<KpiWindow, T> {
  const out = {} as Record<KpiWindow, T>;
  for (const window of KPI_WINDOWS) out[window] = build(set[window]);
  return out;
}

/** Earliest instant (epoch ms) any window of `asOf` can still reach: what older lies outside all. */
export function retentionStartMs(asOf: string): number {
  const set = windowBounds(asOf);
  return Math.min(set.today.startMs, set['1h'].startMs);
}
