import { millis } from '../time/instants.js';
import {
  BoundedSet,
  clone,
  DEFAULT_FINISHED_MEMORY,
  type ExpiryClock,
  expiryCutoff,
  finishedKey,
  firstApplication,
  TenantMap,
} from './common.js';

/** What every open-entity record keeps: its tenant, the events applied to it, when last seen. */
export interface EntityRecord {
  tenant: string;
  event_ids: string[];
  /** Latest occurred_at among the applied events (UTC). */
  last_seen: string;
}

/**
 * Finished records kept for a while so a late event still corrects their fact; beyond `limit`
 * the oldest is dropped and only its key stays in `finished`.
 */
class Retained<V> {
  private readonly records = new Map<string, V>();

  constructor(
    private readonly limit: number,
    readonly finished: BoundedSet,
  ) {
    if (!Number.isInteger(limit) || limit < 0) throw new RangeError('limit must be a whole number ≥ 0');
  }

  get(key: string): V | undefined {
    return this.records.get(key);
  }

  /** Finished so long ago that the record is gone: its events are ignored. */
  forgotten(key: string): boolean {
    return !this.records.has(key) && this.finished.has(key);
  }

  add(key: string, record: V): void {
    this.records.delete(key);
    this.records.set(key, record);
    while (this.records.size > this.limit) {
      const oldest = this.records.keys().next().value as string;
      this.records.delete(oldest);
      this.finished.add(oldest);
    }
  }

  values(): V[] {
    return [...this.records.values()];
  }

  replace(entries: readonly [string, V][], finished: readonly string[]): void {
    this.records.clear();
    this.finished.replace(finished);
    for (const [key, record] of entries) this.add(key, record);
  }
}

export interface EntityStoreOptions<R extends EntityRecord> {
  /** The entity kind in finished keys ('visit', 'call', 'case', 'written'). */
  kind: string;
  idOf: (record: R) => string;
  /** The empty record of an entity first seen at `at` (UTC). */
  create: (tenant: string, id: string, at: string) => R;
  /**
   * Finished records kept whole, so that a late event still corrects their fact (default 0: only
   * their keys are remembered).
   */
  closedMemory?: number;
  /** Keys of finished entities remembered to ignore their later events (default 100 000). */
  finishedMemory?: number;
}

/** The records of one entity kind: open ones per tenant, finished ones kept a while, then only keys. */
export interface EntityStore<R extends EntityRecord> {
  /** Keys of entities finished and forgotten; other kinds of a store may share it. */
  readonly finished: BoundedSet;
  /**
   * The record an event (`eventId` at `at`, UTC) applies to, created when its entity is new, with
   * the event noted and `last_seen` moved on; undefined when the entity finished so long ago that
   * its events are ignored, or when this event was applied already (a redelivery changes nothing).
   */
  recordFor(tenant: string, id: string, eventId: string, at: string): R | undefined;
  /** The open records of a tenant. */
  open(tenant: string): R[];
  /** Every open record. */
  allOpen(): R[];
  /** Finished records still kept whole, oldest first. */
  closed(): R[];
  /** Whether a record `recordFor` gave is finished (kept whole, no longer open). */
  isClosed(record: R): boolean;
  /** Finishes an entity: out of the open records, kept whole a while (`closedMemory`) or as its key. */
  close(record: R): void;
  /** Forgets an open record for good (it expired): only its key stays, to ignore its events. */
  drop(record: R): void;
  /** Open records not updated (by event time) within `maxAgeMs` before `now` (per tenant). */
  idle(now: ExpiryClock, maxAgeMs: number): R[];
  snapshot(): { open: R[]; closed: R[]; finished: string[] };
  restore(data: { open: readonly R[]; closed?: readonly R[]; finished: readonly string[] }): void;
}

export function createEntityStore<R extends EntityRecord>(options: EntityStoreOptions<R>): EntityStore<R> {
  const { kind, idOf, create } = options;
  const open = new TenantMap<R>();
  const finished = new BoundedSet(options.finishedMemory ?? DEFAULT_FINISHED_MEMORY);
  const closedMemory = options.closedMemory ?? 0;
  const retained = new Retained<R>(closedMemory, finished);
  const keyOf = (record: R) => finishedKey(record.tenant, kind, idOf(record));

  return {
    finished,
    recordFor(tenant, id, eventId, at) {
      const key = finishedKey(tenant, kind, id);
      if (retained.forgotten(key)) return undefined;
      let record = closedMemory > 0 ? (retained.get(key) ?? open.get(tenant, id)) : open.get(tenant, id);
      if (!record) {
        record = create(tenant, id, at);
        open.set(tenant, id, record);
      }
      return firstApplication(record, eventId, at) ? record : undefined;
    },
    open: (tenant) => open.of(tenant),
    allOpen: () => open.all(),
    closed: () => retained.values(),
    isClosed: (record) => open.get(record.tenant, idOf(record)) !== record,
    close(record) {
      open.delete(record.tenant, idOf(record));
      if (closedMemory > 0) retained.add(keyOf(record), record);
      else finished.add(keyOf(record));
    },
    drop(record) {
      open.delete(record.tenant, idOf(record));
      finished.add(keyOf(record));
    },
    idle(now, maxAgeMs) {
      const cutoffOf = expiryCutoff(now, maxAgeMs);
      return open.all().filter((record) => millis(record.last_seen) <= cutoffOf(record.tenant));
    },
    snapshot: () => clone({ open: open.all(), closed: retained.values(), finished: finished.values() }),
    restore(snapshot) {
      const data = clone(snapshot);
      open.clear();
      for (const record of data.open) open.set(record.tenant, idOf(record), record);
      retained.replace(
        (data.closed ?? []).map((record) => [keyOf(record), record]),
        data.finished,
      );
    },
  };
}
