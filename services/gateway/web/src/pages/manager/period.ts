/**
 * Periods of whole Europe/Amsterdam days. Dates are YYYY-MM-DD strings; the arithmetic is on UTC
 * midnights of those dates, which never meets a daylight-saving switch.
 */
const DAY_MS = 86_400_000;

export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** Today's date in Europe/Amsterdam. */
export function localToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);
}

export interface Period {
  from: string;
  to: string;
}

/** The default period: the four weeks up to yesterday (today is still running). */
export const DEFAULT_DAYS = 28;
export function periodOf(from: string | null, to: string | null, now: Date = new Date()): Period {
  const end = to ?? addDays(localToday(now), -1);
  const start = from && from <= end ? from : addDays(end, -(DEFAULT_DAYS - 1));
  return { from: start, to: end };
}

/** The period of the same length just before. */
export function previousPeriod(period: Period): Period {
  const length = daysBetween(period.from, period.to) + 1;
  return { from: addDays(period.from, -length), to: addDays(period.from, -1) };
}
