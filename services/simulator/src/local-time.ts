import type { Weekday } from '@stuurwiel/schemas';

/** An instant as a municipality's clock shows it (Europe/Amsterdam). */
export interface LocalTime {
  /** YYYY-MM-DD */
  date: string;
  weekday: Weekday;
  /** 1–12 */
  month: number;
  /** Minutes since local midnight, with fractions. */
  minute: number;
}

const WEEKDAYS: Record<string, Weekday> = {
  Mon: 'monday',
  Tue: 'tuesday',
  Wed: 'wednesday',
  Thu: 'thursday',
  Fri: 'friday',
  Sat: 'saturday',
  Sun: 'sunday',
};

const format = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export function localTime(at: Date | number): LocalTime {
  const ms = typeof at === 'number' ? at : at.getTime();
  const parts = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
  const minute =
    Number(parts.hour) * 60 + Number(parts.minute) + (Number(parts.second) + (ms % 1000) / 1000) / 60;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS[parts.weekday!]!,
    month: Number(parts.month),
    minute,
  };
}

/** "08:30" → 510; "24:00" → 1440. */
export const clockMinutes = (hhmm: string): number =>
  Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The instant with a UTC offset as the sources write it, e.g. 2026-03-02T09:30:12.000+01:00. */
export function withOffset(ms: number): string {
  const local = localTime(ms);
  const localMs = Date.UTC(
    Number(local.date.slice(0, 4)),
    Number(local.date.slice(5, 7)) - 1,
    Number(local.date.slice(8, 10)),
  );
  const offsetMinutes = Math.round((localMs + local.minute * 60_000 - ms) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const shifted = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
  return `${shifted}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
