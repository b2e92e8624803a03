import { timestamp } from '@stuurwiel/schemas';

/**
 * Date-times in exports: either ISO 8601 with offset (`date_format: "iso"`), or local wall-clock
 * times in a pattern such as `dd-MM-yyyy HH:mm`, read in an IANA time zone. The offset of a
 * local time comes from the platform's time-zone database (Intl), never from a fixed table.
 *
 * Around the autumn switch one local hour happens twice; such a time has two candidate instants
 * and the caller picks the one that keeps the row in order (see translate.ts). A local time in
 * the hour skipped in spring does not exist and is refused.
 */

/** Tokens of a date pattern: year, month, day, hour (24 h), minute, second, milliseconds. */
const TOKENS = ['yyyy', 'MM', 'M', 'dd', 'd', 'HH', 'H', 'mm', 'ss', 'SSS'] as const;
type Token = (typeof TOKENS)[number];
const TOKEN_REGEX: Record<Token, string> = {
  yyyy: '(\\d{4})',
  MM: '(\\d{2})',
  M: '(\\d{1,2})',
  dd: '(\\d{2})',
  d: '(\\d{1,2})',
  HH: '(\\d{2})',
  H: '(\\d{1,2})',
  mm: '(\\d{2})',
  ss: '(\\d{2})',
  SSS: '(\\d{3})',
};
type Part = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'millisecond';
const TOKEN_PART: Record<Token, Part> = {
  yyyy: 'year',
  MM: 'month',
  M: 'month',
  dd: 'day',
  d: 'day',
  HH: 'hour',
  H: 'hour',
  mm: 'minute',
  ss: 'second',
  SSS: 'millisecond',
};

export type DateFormat =
  | { kind: 'iso'; text: 'iso' }
  | { kind: 'pattern'; text: string; regex: RegExp; parts: Part[] };

/** Compiles a pattern; returns the reason when it is not one. */
export function compileDateFormat(text: string): DateFormat | string {
  if (text === 'iso') return { kind: 'iso', text };
  let source = '^';
  const parts: Part[] = [];
  let rest = text;
  while (rest.length > 0) {
    const token = TOKENS.find((t) => rest.startsWith(t));
    if (token) {
      if (parts.includes(TOKEN_PART[token])) return `names the ${TOKEN_PART[token]} twice`;
      source += TOKEN_REGEX[token];
      parts.push(TOKEN_PART[token]);
      rest = rest.slice(token.length);
      continue;
    }
    const char = rest[0]!;
    if (/[A-Za-z]/.test(char)) {
      return `unknown letter '${char}'; use yyyy, MM or M, dd or d, HH or H, mm, ss and SSS, or "iso"`;
    }
    source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    rest = rest.slice(1);
  }
  for (const needed of ['year', 'month', 'day', 'hour', 'minute'] as const) {
    if (!parts.includes(needed)) return `has no ${needed}; e.g. dd-MM-yyyy HH:mm`;
  }
  return { kind: 'pattern', text, regex: new RegExp(`${source}$`), parts };
}

export interface Instant {
  /** Milliseconds since the epoch. */
  epochMs: number;
  /** ISO 8601 with the offset in force then, e.g. 2026-03-29T03:05:00+02:00. */
  iso: string;
}

export type ParsedTime = { ok: true; candidates: Instant[] } | { ok: false; reason: string };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether the platform knows this IANA time zone. */
export function isTimeZone(name: string): boolean {
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** Offset from UTC in milliseconds in `timeZone` at the instant `epochMs`. */
export function offsetAt(epochMs: number, timeZone: string): number {
  const seconds = Math.floor(epochMs / 1000) * 1000;
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(seconds)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    fields.year!,
    fields.month! - 1,
    fields.day!,
    fields.hour!,
    fields.minute!,
    fields.second!,
  );
  return wall - seconds;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function offsetText(offsetMs: number): string {
  const minutes = Math.round(offsetMs / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** The instants at which the wall clock of `timeZone` showed `wall`: none, one, or two. */
export function wallClockInstants(wall: Wall, timeZone: string): Instant[] {
  const asUtc = Date.UTC(
    wall.year,
    wall.month - 1,
    wall.day,
    wall.hour,
    wall.minute,
    wall.second,
    wall.millisecond,
  );
  // A zone changes its offset at most once within a day, so the offsets in force half a day
  // before and after are the only ones this wall time can have.
  const offsets = new Set([offsetAt(asUtc - 43_200_000, timeZone), offsetAt(asUtc + 43_200_000, timeZone)]);
  const local = `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${
    wall.millisecond ? `.${pad(wall.millisecond, 3)}` : ''
  }`;
  const instants: Instant[] = [];
  for (const offset of offsets) {
    const epochMs = asUtc - offset;
    if (offsetAt(epochMs, timeZone) === offset)
      instants.push({ epochMs, iso: `${local}${offsetText(offset)}` });
  }
  return instants.sort((a, b) => a.epochMs - b.epochMs);
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Reads one date-time cell. ISO values must carry an offset; local values are placed in
 * `timeZone`. Returns every instant the text can mean (two in the repeated autumn hour).
 */
export function parseDateTime(text: string, format: DateFormat, timeZone: string | undefined): ParsedTime {
  if (format.kind === 'iso') {
    if (!timestamp.safeParse(text).success) {
      return {
        ok: false,
        reason: `'${text}' is not an ISO 8601 date-time with offset, e.g. 2026-03-02T09:00:00+01:00`,
      };
    }
    return { ok: true, candidates: [{ epochMs: Date.parse(text), iso: text }] };
  }
  const match = format.regex.exec(text);
  const notADate = { ok: false as const, reason: `'${text}' is not a date-time as ${format.text}` };
  if (!match) return notADate;
  const wall: Wall = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, millisecond: 0 };
  format.parts.forEach((part, i) => {
    wall[part] = Number(match[i + 1]);
  });
  if (
    wall.year < 1900 ||
    wall.month < 1 ||
    wall.month > 12 ||
    wall.day < 1 ||
    wall.day > daysInMonth(wall.year, wall.month) ||
    wall.hour > 23 ||
    wall.minute > 59 ||
    wall.second > 59
  ) {
    return notADate;
  }
  if (timeZone === undefined) return { ok: false, reason: 'local time without a time zone in the mapping' };
  const candidates = wallClockInstants(wall, timeZone);
  if (candidates.length === 0) {
    return {
      ok: false,
      reason: `'${text}' does not exist in ${timeZone}: the clocks were put forward over that hour`,
    };
  }
  return { ok: true, candidates };
}
