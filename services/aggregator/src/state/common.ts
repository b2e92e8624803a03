/**
 * Helpers shared by the open-entity stores. Pure: no clock, no I/O.
 */

import { later, millis } from '../time/instants.js';

/** Default number of finished entity keys remembered to drop late duplicates. */
export const DEFAULT_FINISHED_MEMORY = 100_000;

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
