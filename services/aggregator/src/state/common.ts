/**
 * Helpers shared by the open-entity stores. Pure: no clock, no I/O.
 */

/** Default number of finished entity keys remembered to drop late duplicates. */
export const DEFAULT_FINISHED_MEMORY = 100_000;

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

/** Seconds from `from` to `to`; negative differences (clock skew) become 0. */
export function secondsBetween(from: string, to: string): number {
  return Math.max(0, (millis(to) - millis(from)) / 1000);
}

export function later(a: string, b: string): string {
  return millis(b) > millis(a) ? b : a;
}

/**
 * A set that remembers at most `limit` keys; adding beyond the limit forgets the oldest
 * (insertion order). Used for entities whose fact was already emitted.
 */
export class BoundedSet {
  private readonly keys = new Set<string>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  add(key: string): void {
    if (this.keys.has(key)) return;
    this.keys.add(key);
    while (this.keys.size > this.limit) {
      const oldest = this.keys.values().next().value as string;
      this.keys.delete(oldest);
    }
  }

  values(): string[] {
    return [...this.keys];
  }

  replace(keys: readonly string[]): void {
    this.keys.clear();
    for (const key of keys) this.add(key);
  }

  get size(): number {
    return this.keys.size;
  }
}

/** Nested map tenant → id → value. */
export class TenantMap<V> {
  private readonly byTenant = new Map<string, Map<string, V>>();

  get(tenant: string, id: string): V | undefined {
    return this.byTenant.get(tenant)?.get(id);
  }

  set(tenant: string, id: string, value: V): void {
    let inner = this.byTenant.get(tenant);
    if (!inner) {
      inner = new Map();
      this.byTenant.set(tenant, inner);
    }
    inner.set(id, value);
  }

  delete(tenant: string, id: string): void {
    const inner = this.byTenant.get(tenant);
    if (!inner) return;
    inner.delete(id);
    if (inner.size === 0) this.byTenant.delete(tenant);
  }

  of(tenant: string): V[] {
    return [...(this.byTenant.get(tenant)?.values() ?? [])];
  }

  all(): V[] {
    return [...this.byTenant.values()].flatMap((inner) => [...inner.values()]);
  }

  clear(): void {
    this.byTenant.clear();
  }
}

export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Key of an entity in the finished set. Ids never contain `|` (canonical id alphabet). */
export function finishedKey(tenant: string, kind: string, id: string): string {
  return `${tenant}|${kind}|${id}`;
}

/**
 * "Now" for expiring records: one instant for all tenants, or one per tenant (its own latest
 * event time, so that one municipality's live stream does not expire another's import of an
 * older day). A tenant without a "now" expires nothing.
 */
export type ExpiryClock = string | Date | ((tenant: string) => string | Date | undefined);

/** The last-seen instant (ms) at or before which a tenant's records expire. */
export function expiryCutoff(now: ExpiryClock, maxAgeMs: number): (tenant: string) => number {
  if (typeof now !== 'function') {
    const cutoff = millis(now) - maxAgeMs;
    return () => cutoff;
  }
  return (tenant) => {
    const at = now(tenant);
    return at === undefined ? Number.NEGATIVE_INFINITY : millis(at) - maxAgeMs;
  };
}

/**
 * Records that an event was applied to an open record: false when it already was (a redelivered
 * or repeated event must change nothing); otherwise remembers it and moves `last_seen` on.
 */
export function firstApplication(
  record: { event_ids: string[]; last_seen: string },
  eventId: string,
  at: string,
): boolean {
  if (record.event_ids.includes(eventId)) return false;
  record.event_ids.push(eventId);
  record.last_seen = later(record.last_seen, at);
  return true;
}
