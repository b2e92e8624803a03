/**
 * Small, plain time helpers for the golden day (generator and reference). Europe/Amsterdam is
 * computed by the EU rule (summer time from the last Sunday of March 01:00 UTC to the last Sunday
 * of October 01:00 UTC), which holds for every year the golden day touches.
 */

export const MS_MINUTE = 60_000;
export const MS_HOUR = 3_600_000;
export const MS_DAY = 86_400_000;

function lastSundayUtc(year: number, month0: number): number {
  // Day 0 of the next month is the last day of this month.
  const last = new Date(Date.UTC(year, month0 + 1, 0));
  const back = last.getUTCDay(); // 0 = Sunday
  return Date.UTC(year, month0, last.getUTCDate() - back, 1, 0, 0);
}

/** Offset of Europe/Amsterdam from UTC at an instant, in minutes (60 or 120). */
export function amsterdamOffsetMinutes(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  const start = lastSundayUtc(year, 2);
  const end = lastSundayUtc(year, 9);
  return ms >= start && ms < end ? 120 : 60;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** ISO 8601 with the Amsterdam offset and whole seconds, e.g. 2026-04-28T09:12:33+02:00. */
export function formatLocal(ms: number): string {
  const offset = amsterdamOffsetMinutes(ms);
  const d = new Date(ms + offset * MS_MINUTE);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
    `+${pad(offset / 60)}:00`
  );
}

/** The instant of a local wall-clock time on a date (YYYY-MM-DD) in Europe/Amsterdam. */
export function localMs(date: string, hours: number, minutes = 0, seconds = 0): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d, hours, minutes, seconds);
  // Try the winter offset first, then correct; good for every time outside the switch hour.
  let ms = naive - 60 * MS_MINUTE;
  ms = naive - amsterdamOffsetMinutes(ms) * MS_MINUTE;
  return ms;
}

/** The Amsterdam calendar date (YYYY-MM-DD) of an instant. */
export function amsterdamDate(ms: number): string {
  const d = new Date(ms + amsterdamOffsetMinutes(ms) * MS_MINUTE);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** A date plus n calendar days (dates as YYYY-MM-DD). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Calendar days from a to b (dates as YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = a.split('-').map(Number) as [number, number, number];
  const [yb, mb, db] = b.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / MS_DAY);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/**
 * The Algemene termijnenwet holidays of 2026 (checked against date-holidays; Good Friday and
 * 5 May are marked `school` there but count under the Atw): New Year's Day Thu 1 Jan, Good Friday
 * 3 Apr, Easter Monday 6 Apr, King's Day Mon 27 Apr, Liberation Day Tue 5 May, Ascension Day Thu
 * 14 May, Whit Monday 25 May, Christmas Fri 25 Dec and Boxing Day Sat 26 Dec.
 */
export const HOLIDAYS_2026: readonly string[] = [
  '2026-01-01',
  '2026-04-03',
  '2026-04-06',
  '2026-04-27',
  '2026-05-05',
  '2026-05-14',
  '2026-05-25',
  '2026-12-25',
  '2026-12-26',
];

/**
 * The days the Atw decree for 2026–2028 equates with the holidays in 2026: Friday 2 January and
 * Friday 15 May (after Ascension Day). Deadlines skip them; the generator's own choice of working
 * days does not need them.
 */
export const DECREE_DAYS_2026: readonly string[] = ['2026-01-02', '2026-05-15'];

/** Every day a 2026 deadline skips besides weekends: the Atw holidays and the decree days. */
export const ATW_CLOSED_2026: readonly string[] = [...HOLIDAYS_2026, ...DECREE_DAYS_2026].sort();

export function isWorkingDay(date: string, holidays: readonly string[] = HOLIDAYS_2026): boolean {
  const wd = weekday(date);
  if (wd === 0 || wd === 6) return false;
  return !holidays.includes(date);
}

/** The n-th working day after `date`, counting from the day after (Monday + 2 → Wednesday). */
export function addWorkingDays(date: string, n: number, holidays: readonly string[] = HOLIDAYS_2026): string {
  let day = date;
  let left = n;
  while (left > 0) {
    day = addDays(day, 1);
    if (isWorkingDay(day, holidays)) left -= 1;
  }
  return day;
}

/** `date` itself when it is a working day, else the next working day (Atw art. 1). */
export function nextWorkingDayOnOrAfter(date: string, holidays: readonly string[] = HOLIDAYS_2026): string {
  let day = date;
  while (!isWorkingDay(day, holidays)) day = addDays(day, 1);
  return day;
}

/** Working days after `from` up to and including `to` (negative when `to` is before `from`). */
export function workingDaysBetween(
  from: string,
  to: string,
  holidays: readonly string[] = HOLIDAYS_2026,
): number {
  if (from === to) return 0;
  const forward = from < to;
  const lo = forward ? from : to;
  const hi = forward ? to : from;
  let count = 0;
  for (let day = addDays(lo, 1); day <= hi; day = addDays(day, 1)) {
    if (isWorkingDay(day, holidays)) count += 1;
  }
  return forward ? count : -count;
}

/** 23:59:59 Europe/Amsterdam of a date, as epoch ms. */
export function endOfDayMs(date: string): number {
  return localMs(date, 23, 59, 59);
}
