import { type CanonicalEvent, KPI_SCOPES, type KpiDomain, topicFor } from '@stuurwiel/schemas';
import { createSourceStore, type SourceStore } from '../state/sources.js';
import { millis } from '../time/instants.js';
import { createEventClock, type EventClock, type Lateness } from '../time/watermark.js';
import type { BatchFacts, FactPipeline } from './fact-pipeline.js';
import type { StoredFreshness } from './rebuild.js';

export const KPI_DOMAINS = Object.keys(KPI_SCOPES) as KpiDomain[];

const SOURCES_ONLY: readonly KpiDomain[] = ['sources'];
// The KPI domains whose inputs an event changes, by the domain of its type. Every event says its
// source is alive; an event of another domain (an appointment booking) says only that.
const DOMAINS_OF_EVENT = new Map<string, readonly KpiDomain[]>([
  ['visit', ['counter', 'sources']],
  ['desk', ['counter', 'sources']],
  ['call', ['phone', 'sources']],
  ['callback', ['phone', 'sources']],
  ['case', ['cases', 'sources']],
  ['written', ['written', 'sources']],
  ['survey', ['survey', 'sources']],
  ['reference', KPI_DOMAINS],
]);

/** What one applied batch changed. */
export interface AppliedBatch {
  facts: BatchFacts;
  /** Facts of events too late for the live figures: stored, not shown live. */
  notLive: ReadonlySet<object>;
  /** The KPI domains whose inputs changed, per tenant. */
  changed: ReadonlyMap<string, ReadonlySet<KpiDomain>>;
}

/**
 * Whoever shows the partition state (the live KPI snapshots): told what changed, it reads the
 * state; it never changes it.
 */
export interface PartitionWatcher {
  /** The state started over (a rebalance); `restoredSources`: tenants whose stored sources came back. */
  reset(restoredSources: ReadonlySet<string>): void;
  applied(batch: AppliedBatch): void;
  /** Open entities idle too long were ended; their facts. */
  expired(facts: BatchFacts): void;
}

export interface PartitionStateOptions {
  /** A fresh set of open-entity stores, for every new assignment. */
  newPipeline: () => FactPipeline;
  /** The wall clock the sources' freshness is pruned by. */
  clock: () => Date;
  /** Event times of sources older than this before `clock` are forgotten. */
  sourceWindowMs: number;
  outOfOrderMs: number;
  allowedLatenessMs: number;
  /** Open visits and calls idle this long (event time) are ended; see FactPipeline.expire. */
  openMaxAgeMs: number;
  orphanMaxAgeMs: number;
  onExpired?: (dropped: number, facts: number) => void;
  onLate?: (event: CanonicalEvent, lateness: Exclude<Lateness, 'on_time'>) => void;
  onError: (error: unknown) => void;
}

/**
 * The state of the partitions this replica owns: applies each stored batch to the open-entity
 * stores, derives and stores their facts, keeps the event clock (watermark per tenant and topic)
 * and the latest event time per tenant and KPI domain, the sources' freshness, and ends idle open
 * entities on its own timer. Its watchers are told what changed.
 */
export interface PartitionState {
  /** The open-entity stores; undefined until the first assignment is rebuilt. */
  readonly pipeline: FactPipeline | undefined;
  readonly sources: SourceStore;
  /** Latest occurred_at (epoch ms) of the tenant's events that feed `domain`. */
  lastEventAt(tenant: string, domain: KpiDomain): number | undefined;
  /** Adds a watcher (the live KPI snapshots, the deadline items); each is told every change. */
  watch(watcher: PartitionWatcher): void;
  /** Starts over with fresh stores (after a rebalance) and the sources' freshness as stored. */
  reset(stored?: StoredFreshness): void;
  /**
   * Applies a batch at once; its facts are stored once `rawStored` (the batch's raw events) is.
   * `receivedAtMs`: when it was received; null for stored events replayed, which are no receipt.
   * Resolves when the facts are stored; rejects (never throws) when nothing is assigned yet.
   */
  apply(
    events: readonly CanonicalEvent[],
    receivedAtMs: number | null,
    rawStored?: Promise<unknown>,
  ): Promise<void>;
  /** Ends open entities idle too long, by each tenant's own latest event time. */
  expire(): void;
  start(): void;
  stop(): void;
}

const EXPIRE_EVERY_TICKS = 60;

export function createPartitionState(options: PartitionStateOptions): PartitionState {
  let pipeline: FactPipeline | undefined;
  let sources: SourceStore = createSourceStore();
  let eventClock: EventClock = createEventClock(options);
  const watchers: PartitionWatcher[] = [];
  // Every watcher hears of every change even when one of them fails; the failure still fails the
  // call, as it did with one watcher.
  const tell = (notify: (w: PartitionWatcher) => void) => {
    let failure: { error: unknown } | undefined;
    for (const w of watchers) {
      try {
        notify(w);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  };
  const lastEventAt = new Map<string, Map<KpiDomain, number>>();
  // Event time of each tenant, not the wall clock: a replayed or imported day must not be expired
  // because it lies in the past, only what stayed open while later events of its tenant went on.
  // The sources' clock also runs on appointment bookings, which end no visit or call.
  const latestEventAt = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  let ticks = 0;

  const noteEventAt = (tenant: string, domain: KpiDomain, at: number) => {
    let byDomain = lastEventAt.get(tenant);
    if (!byDomain) {
      byDomain = new Map();
      lastEventAt.set(tenant, byDomain);
    }
    if (at > (byDomain.get(domain) ?? Number.NEGATIVE_INFINITY)) byDomain.set(domain, at);
  };

  // One clock per tenant and topic: a topic's events come in (nearly) event-time order, while two
  // topics of one tenant may be read minutes apart.
  const isLive = (event: CanonicalEvent) => {
    const lateness = eventClock.observe(`${event.tenant}|${topicFor(event.type)}`, millis(event.occurred_at));
    if (lateness !== 'on_time') options.onLate?.(event, lateness);
    return lateness !== 'too_late';
  };

  const nowOf = (tenant: string) => {
    const at = latestEventAt.get(tenant);
    return at === undefined ? undefined : new Date(at);
  };

  const state: PartitionState = {
    get pipeline() {
      return pipeline;
    },
    get sources() {
      return sources;
    },
    lastEventAt: (tenant, domain) => lastEventAt.get(tenant)?.get(domain),
    watch(next) {
      watchers.push(next);
    },
    reset(stored) {
      pipeline = options.newPipeline();
      sources = createSourceStore();
      eventClock = createEventClock(options);
      lastEventAt.clear();
      latestEventAt.clear();
      const restored = new Set<string>();
      if (stored) {
        sources.restore(stored.sources, stored.recent);
        // A source quiet for longer than the replay reaches back still gets its snapshot again.
        for (const s of stored.sources) {
          restored.add(s.tenant);
          noteEventAt(s.tenant, 'sources', s.lastEventMs);
        }
      }
      tell((w) => w.reset(restored));
    },
    async apply(events, receivedAtMs, rawStored) {
      const current = pipeline;
      if (!current) throw new Error('no partitions assigned yet');
      const { facts, notLive } = current.apply(events, isLive);
      const changed = new Map<string, Set<KpiDomain>>();
      for (const event of events) {
        const { tenant } = event;
        // Every event, too late or not, says its source is alive.
        sources.observe(event, receivedAtMs);
        const domains = DOMAINS_OF_EVENT.get(event.type.slice(0, event.type.indexOf('.'))) ?? SOURCES_ONLY;
        const at = millis(event.occurred_at);
        let touched = changed.get(tenant);
        if (!touched) {
          touched = new Set();
          changed.set(tenant, touched);
        }
        for (const d of domains) {
          touched.add(d);
          noteEventAt(tenant, d, at);
        }
        if (domains !== SOURCES_ONLY && at > (latestEventAt.get(tenant) ?? Number.NEGATIVE_INFINITY))
          latestEventAt.set(tenant, at);
      }
      const batch = { facts, notLive, changed };
      tell((w) => w.applied(batch));
      await rawStored;
      await current.store(facts);
    },
    expire() {
      const current = pipeline;
      if (!current) return;
      const { facts, dropped } = current.expire(nowOf, options.openMaxAgeMs, options.orphanMaxAgeMs);
      const ended = facts.visits.length + facts.calls.length;
      if (dropped === 0 && ended === 0) return;
      tell((w) => w.expired(facts));
      options.onExpired?.(dropped, ended);
      current.store(facts).catch(options.onError);
    },
    start() {
      timer = setInterval(() => {
        try {
          if (!pipeline) return;
          sources.prune(options.clock().getTime() - options.sourceWindowMs);
          ticks += 1;
          if (ticks % EXPIRE_EVERY_TICKS === 0) state.expire();
        } catch (error) {
          options.onError(error);
        }
      }, 1000).unref();
    },
    stop() {
      clearInterval(timer);
    },
  };
  return state;
}
