import type { CanonicalEvent } from '@stuurwiel/schemas';
import { millis } from '../time/instants.js';

/** One source of a tenant's events: the envelope's `source`, instance null when it has none. */
export interface SourceRef {
  system: string;
  vendor: string;
  instance: string | null;
}

/** What is known of one source: the last event, the last receipt, the event times kept. */
export interface SourceActivity extends SourceRef {
  /** Latest occurred_at (epoch ms) of its events. */
  lastEventMs: number | null;
  /** When the aggregator last received one of its events (epoch ms, wall clock). */
  lastReceivedMs: number | null;
  /** occurred_at (epoch ms, ascending) of its distinct events after the pruning horizon. */
  recentMs: readonly number[];
}

/** A source as ClickHouse remembers it, to rebuild after a restart or rebalance. */
export interface StoredSource extends SourceRef {
  tenant: string;
  lastEventMs: number;
  lastReceivedMs: number;
}

/** One stored event after the pruning horizon, to count and to recognise it when replayed. */
export interface StoredRecentEvent extends SourceRef {
  tenant: string;
  eventId: string;
  atMs: number;
}

/**
 * Freshness of every source per tenant. An event counts once by its event_id while it lies after
 * the horizon (a Kafka redelivery, or a stored event replayed after a rebalance, adds nothing);
 * older than that it is no longer counted anyway.
 */
export interface SourceStore {
  /** An event as received now (`receivedAtMs`), or replayed from storage (null: not a receipt). */
  observe(event: CanonicalEvent, receivedAtMs: number | null): void;
  /** Rebuilds from ClickHouse: last event and receipt per source, and the events after the horizon. */
  restore(sources: readonly StoredSource[], recent: readonly StoredRecentEvent[]): void;
  sources(tenant: string): SourceActivity[];
  /** Forgets event times at or before `horizonMs` (the start of the oldest window still asked for). */
  prune(horizonMs: number): void;
}

interface Source {
  ref: SourceRef;
  lastEventMs: number | null;
  lastReceivedMs: number | null;
  /** Ascending event times and, at the same index, their event ids. */
  times: number[];
  ids: string[];
  seen: Set<string>;
}

/** Index of the first element > value in an ascending array. */
export function upperBound(ascending: readonly number[], value: number): number {
  let lo = 0;
  let hi = ascending.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ascending[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const keyOf = (ref: SourceRef) => `${ref.system}\u0000${ref.vendor}\u0000${ref.instance ?? ''}`;

export function createSourceStore(): SourceStore {
  const tenants = new Map<string, Map<string, Source>>();
  let horizonMs = Number.NEGATIVE_INFINITY;

  const sourceOf = (tenant: string, ref: SourceRef): Source => {
    let byKey = tenants.get(tenant);
    if (!byKey) {
      byKey = new Map();
      tenants.set(tenant, byKey);
    }
    const key = keyOf(ref);
    let source = byKey.get(key);
    if (!source) {
      source = {
        ref: { system: ref.system, vendor: ref.vendor, instance: ref.instance },
        lastEventMs: null,
        lastReceivedMs: null,
        times: [],
        ids: [],
        seen: new Set(),
      };
      byKey.set(key, source);
    }
    return source;
  };

  /** Keeps an event's time; false when it was kept already (a repeat). */
  const keep = (source: Source, eventId: string, atMs: number): boolean => {
    if (source.seen.has(eventId)) return false;
    if (atMs <= horizonMs) return true;
    // Events come nearly in order: the place is almost always the end.
    const at = upperBound(source.times, atMs);
    if (at === source.times.length) {
      source.times.push(atMs);
      source.ids.push(eventId);
    } else {
      source.times.splice(at, 0, atMs);
      source.ids.splice(at, 0, eventId);
    }
    source.seen.add(eventId);
    return true;
  };

  const raise = (current: number | null, candidate: number | null) =>
    candidate === null ? current : current === null ? candidate : Math.max(current, candidate);

  return {
    observe(event, receivedAtMs) {
      const source = sourceOf(event.tenant, {
        system: event.source.system,
        vendor: event.source.vendor,
        instance: event.source.instance ?? null,
      });
      const atMs = millis(event.occurred_at);
      if (!keep(source, event.event_id, atMs)) return;
      source.lastEventMs = raise(source.lastEventMs, atMs);
      source.lastReceivedMs = raise(source.lastReceivedMs, receivedAtMs);
    },
    restore(sources, recent) {
      for (const s of sources) {
        const source = sourceOf(s.tenant, s);
        source.lastEventMs = raise(source.lastEventMs, s.lastEventMs);
        source.lastReceivedMs = raise(source.lastReceivedMs, s.lastReceivedMs);
      }
      for (const e of recent) {
        const source = sourceOf(e.tenant, e);
        keep(source, e.eventId, e.atMs);
        source.lastEventMs = raise(source.lastEventMs, e.atMs);
      }
    },
    sources(tenant) {
      const byKey = tenants.get(tenant);
      if (!byKey) return [];
      return [...byKey.values()].map((s) => ({
        ...s.ref,
        lastEventMs: s.lastEventMs,
        lastReceivedMs: s.lastReceivedMs,
        recentMs: s.times,
      }));
    },
    prune(nextHorizonMs) {
      if (nextHorizonMs <= horizonMs) return;
      horizonMs = nextHorizonMs;
      for (const byKey of tenants.values()) {
        for (const source of byKey.values()) {
          const old = upperBound(source.times, horizonMs);
          if (old === 0) continue;
          for (const id of source.ids.splice(0, old)) source.seen.delete(id);
          source.times.splice(0, old);
        }
      }
    },
  };
}
