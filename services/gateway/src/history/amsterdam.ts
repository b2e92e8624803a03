/**
 * Europe/Amsterdam calendar arithmetic for history periods and buckets, from the platform's time
 * zone data (Intl). Offsets there are whole hours, so UTC hours are local hours too.
 */
const TIME_ZONE = 'Europe/Amsterdam';
const HOUR_MS = 3_600_000;

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface LocalTime {
  date: string;
  time: string;
  offsetMinutes: number;
}

/** The local date, time and UTC offset of an instant. */
export function localTime(at: Date): LocalTime {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
  const date = `${p.year}-${p.month}-${p.day}`;
  const time = `${p.hour}:${p.minute}:${p.second}`;
  const asUtc = Date.parse(`${date}T${time}Z`);
  const seconds = Math.floor(at.getTime() / 1000) * 1000;
  return { date, time, offsetMinutes: Math.round((asUtc - seconds) / 60_000) };
}

/** The instant of local midnight at the start of `date` (YYYY-MM-DD). */
export function startOfLocalDay(date: string): Date {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  // Local midnight is 22:00 or 23:00 UTC the day before; the offset two hours before UTC midnight
  // is the one in force then (the switches are at 01:00 UTC).
  const offset = localTime(new Date(utcMidnight - 2 * HOUR_MS)).offsetMinutes;
  return new Date(utcMidnight - offset * 60_000);
}

/** The day after `date`. */
export function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 24 * HOUR_MS).toISOString().slice(0, 10);
}

/** An instant as local ISO 8601 with its offset, e.g. 2026-04-28T09:00:00+02:00. */
export function localIso(at: Date): string {
  const { date, time, offsetMinutes } = localTime(at);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${date}T${time}${sign}${hh}:${mm}`;
}

/** Whether an instant is a local midnight, and whether it is on a whole hour. */
export const isLocalMidnight = (at: Date): boolean =>
  localTime(at).time === '00:00:00' && at.getMilliseconds() === 0;
export const isWholeHour = (at: Date): boolean => at.getTime() % HOUR_MS === 0;

/** ClickHouse's 'YYYY-MM-DD hh:mm:ss' of a UTC DateTime as an instant. */
export const fromClickHouseUtc = (text: string): Date => new Date(`${text.replace(' ', 'T')}Z`);
