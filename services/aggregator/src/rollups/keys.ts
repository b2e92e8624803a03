import { type Sql, sql } from '@stuurwiel/clickhouse';
import { hourOf } from '../time/instants.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Distinct YYYY-MM-DD days; anything else is a programming error, so it throws. */
export function uniqueDays(days: readonly string[]): string[] {
  for (const day of days) {
    if (!ISO_DATE.test(day)) throw new RangeError(`expected a day as YYYY-MM-DD, got ${JSON.stringify(day)}`);
  }
  return [...new Set(days)].sort();
}

/** The days a day-table recomputation covers, as a bound Array(Date) expression; null for none. */
export function wantedDays(days: readonly string[]): Sql | null {
  const unique = uniqueDays(days);
  return unique.length === 0 ? null : sql`arrayMap(d -> toDate(d), ${unique})`;
}

/** The distinct UTC hours the given instants fall in, as an hourly recomputation binds them. */
export function distinctHours(instants: readonly string[]): Date[] {
  return [...new Set(instants.map(hourOf))].map((h) => new Date(h));
}
