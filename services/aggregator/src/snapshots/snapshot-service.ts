import type { EventProducer } from '@stuurwiel/kafka';
import {
  type CanonicalEvent,
  KPI_SCOPES,
  type KpiDomain,
  kpiSnapshotKey,
  TOPICS,
  topicFor,
} from '@stuurwiel/schemas';
import {
  createDayLog,
  createSnapshotPublisher,
  type DayLog,
  type SnapshotPublisher,
  SOURCE_WINDOW_MS,
} from '../live/index.js';
import type { FactPipeline } from '../pipeline/fact-pipeline.js';
import type { StoredFreshness } from '../pipeline/rebuild.js';
import { createSourceStore, type SourceStore } from '../state/sources.js';
import { millis } from '../time/instants.js';
import { createEventClock, type EventClock, type Lateness } from '../time/watermark.js';
import { computeSnapshots, logFacts } from './live-inputs.js';

const DOMAINS = Object.keys(KPI_SCOPES) as KpiDomain[];
// Sources slide out of their 15 minutes by the second, as waits grow.
const FAST_DOMAINS: readonly KpiDomain[] = ['counter', 'phone', 'sources'];
const SLOW_TICKS = 30;

const DOMAIN_OF_EVENT: Record<string, KpiDomain | 'all' | undefined> = {
  visit: 'counter',
  desk: 'counter',
  call: 'phone',
  callback: 'phone',
  case: 'cases',
  written: 'written',
  survey: 'survey',
  reference: 'all',
};

export interface SnapshotServiceOptions {
  producer: EventProducer;
  topicPrefix: string;
  /** The instant snapshots describe (as_of); the wall clock in production. */
  clock: () => Date;
  minIntervalMs: number;
  outOfOrderMs: number;
  allowedLatenessMs: number;
  shortAbandonSeconds: number;
  /** A case suspended longer than this many calendar days is counted as long suspended. */
  caseSuspendedLongDays?: number;
  /** Open visits and calls idle this long (event time) are ended; see FactPipeline.expire. */
  openMaxAgeMs: number;
  orphanMaxAgeMs: number;
  onExpired?: (dropped: number, facts: number) => void;
  onLate?: (event: CanonicalEvent, lateness: Exclude<Lateness, 'on_time'>) => void;
  onPublished?: (count: number) => void;
  onError: (error: unknown) => void;
}

/**
 * Live KPIs of the tenants this replica owns: applies each batch to the open-entity state,
 * keeps today's finished items, and publishes snapshots to the compacted KPI topic when they
 * change (at most once a second per tenant and domain) and on a clock tick, so that growing
 * waits move while nothing happens. Between a rebalance and the rebuild of the new state it
 * publishes nothing.
 */
export interface SnapshotService {
  /**
   * Starts over with a freshly rebuilt pipeline (after a rebalance), and the sources' freshness as
   * stored (see storedSourceFreshness).
   */
  reset(pipeline: FactPipeline, sources?: StoredFreshness): void;
  /**
   * Applies a batch to the current pipeline; returns the work that stores its facts. `receivedAtMs`:
   * when it was received (default now); null for stored events replayed, which are no receipt.
   */
  apply(events: readonly CanonicalEvent[], receivedAtMs?: number | null): () => Promise<void>;
  start(): void;
  stop(): Promise<void>;
}

export function createSnapshotService(options: SnapshotServiceOptions): SnapshotService {
  let pipeline: FactPipeline | undefined;
  let log: DayLog = createDayLog();
  let publisher: SnapshotPublisher = createSnapshotPublisher({
    minIntervalMs: options.minIntervalMs,
    now: Date.now,
  });
  let eventClock: EventClock = createEventClock(options);
  let sources: SourceStore = createSourceStore();
  const lastEventAt = new Map<string, number>();
  const dirty = new Set<string>();
  const lastComputed = new Map<string, number>();
  const tenants = new Set<string>();
  const timers: NodeJS.Timeout[] = [];
  let sending: Promise<void> = Promise.resolve();
  const topic = `${options.topicPrefix}${TOPICS.kpi}`;

  const key = (tenant: string, domain: KpiDomain) => `${tenant}|${domain}`;

  // Snapshots are states, not events: while a send is under way (or the broker is away) only the
  // newest message per key waits, so memory stays bounded by the number of keys.
  const waiting = new Map<string, string | null>();
  let flushing = false;
  const send = (messages: { key: string; value: string | null }[]) => {
    for (const m of messages) {
      waiting.delete(m.key);
      waiting.set(m.key, m.value);
    }
    if (flushing || waiting.size === 0) return;
    flushing = true;
    sending = (async () => {
      while (waiting.size > 0) {
        const batch = [...waiting].map(([key, value]) => ({ key, value }));
        waiting.clear();
        try {
          await options.producer.send(topic, batch);
          options.onPublished?.(batch.length);
        } catch (error) {
          options.onError(error);
        }
      }
      flushing = false;
    })();
  };

  const computeDue = () => {
    if (!pipeline) return;
    const now = Date.now();
    const asOf = options.clock();
    const out: { key: string; value: string | null }[] = [];
    for (const k of [...dirty]) {
      if (now - (lastComputed.get(k) ?? 0) < options.minIntervalMs) continue;
      dirty.delete(k);
      lastComputed.set(k, now);
      const [tenant, domain] = k.split('|') as [string, KpiDomain];
      const last = lastEventAt.get(k);
      const snapshots = computeSnapshots(
        {
          pipeline,
          log,
          sources,
          shortAbandonSeconds: options.shortAbandonSeconds,
          caseSuspendedLongDays: options.caseSuspendedLongDays,
        },
        tenant,
        domain,
        asOf,
        last === undefined ? null : new Date(last).toISOString(),
      );
      const batch = publisher.offer(snapshots);
      for (const s of batch.publish) out.push({ key: kpiSnapshotKey(s), value: JSON.stringify(s) });
      for (const retired of batch.retire) out.push({ key: retired, value: null });
    }
    for (const s of publisher.due()) out.push({ key: kpiSnapshotKey(s), value: JSON.stringify(s) });
    send(out);
  };

  let ticks = 0;
  // Event time of each tenant, not the wall clock: a replayed or imported day must not be expired
  // because it lies in the past, only what stayed open while later events of its tenant went on.
  const expire = (current: FactPipeline) => {
    const latest = new Map<string, number>();
    for (const [k, at] of lastEventAt) {
      // The sources' clock also runs on appointment bookings, which end no visit or call.
      if (k.endsWith('|sources')) continue;
      const tenant = k.slice(0, k.indexOf('|'));
      latest.set(tenant, Math.max(at, latest.get(tenant) ?? at));
    }
    const nowOf = (tenant: string) => {
      const at = latest.get(tenant);
      return at === undefined ? undefined : new Date(at);
    };
    const { facts, dropped, store } = current.expire(nowOf, options.openMaxAgeMs, options.orphanMaxAgeMs);
    if (dropped === 0 && facts.visits.length + facts.calls.length === 0) return;
    // The next tick recomputes every tenant, so the ended visits leave the live figures then.
    logFacts(log, facts, new Set());
    options.onExpired?.(dropped, facts.visits.length + facts.calls.length);
    store().catch(options.onError);
  };

  // Waits at the counter and on the phone grow by the second; cases, written contacts and survey
  // windows change by the day or slide slowly, so they are recomputed on the clock less often
  // (events recompute them at once either way). Hundreds of municipalities on one replica must
  // not mean hundreds of full recomputations a second.
  const tick = () => {
    if (!pipeline) return;
    const asOf = options.clock();
    log.prune(asOf.toISOString());
    sources.prune(asOf.getTime() - SOURCE_WINDOW_MS);
    ticks += 1;
    const domains = ticks % SLOW_TICKS === 0 ? DOMAINS : FAST_DOMAINS;
    for (const tenant of tenants) for (const domain of domains) dirty.add(key(tenant, domain));
    if (ticks % 60 === 0) expire(pipeline);
  };

  const guard = (work: () => void) => () => {
    try {
      work();
    } catch (error) {
      options.onError(error);
    }
  };

  return {
    reset(next, stored) {
      pipeline = next;
      log = createDayLog();
      publisher = createSnapshotPublisher({ minIntervalMs: options.minIntervalMs, now: Date.now });
      eventClock = createEventClock(options);
      lastEventAt.clear();
      dirty.clear();
      lastComputed.clear();
      tenants.clear();
      sources = createSourceStore();
      if (!stored) return;
      sources.restore(stored.sources, stored.recent);
      // A source quiet for longer than the replay reaches back still gets its snapshot again.
      for (const s of stored.sources) {
        const k = key(s.tenant, 'sources');
        dirty.add(k);
        lastEventAt.set(k, Math.max(s.lastEventMs, lastEventAt.get(k) ?? s.lastEventMs));
      }
    },
    apply(events, receivedAtMs = Date.now()) {
      const current = pipeline;
      if (!current) throw new Error('no partitions assigned yet');
      const { facts, notLive, store } = current.apply(events, (event) => {
        // One clock per tenant and topic: a topic's events come in (nearly) event-time order, while
        // two topics of one tenant may be read minutes apart.
        const lateness = eventClock.observe(
          `${event.tenant}|${topicFor(event.type)}`,
          millis(event.occurred_at),
        );
        if (lateness !== 'on_time') options.onLate?.(event, lateness);
        return lateness !== 'too_late';
      });
      logFacts(log, facts, notLive);
      for (const event of events) {
        tenants.add(event.tenant);
        // Every event, too late or not, says its source is alive.
        sources.observe(event, receivedAtMs);
        const domain = DOMAIN_OF_EVENT[event.type.slice(0, event.type.indexOf('.'))];
        const touched: readonly KpiDomain[] =
          domain === 'all' ? DOMAINS : domain === undefined ? ['sources'] : [domain, 'sources'];
        for (const d of touched) {
          const k = key(event.tenant, d);
          dirty.add(k);
          const at = millis(event.occurred_at);
          if (at > (lastEventAt.get(k) ?? Number.NEGATIVE_INFINITY)) lastEventAt.set(k, at);
        }
      }
      computeDue();
      return store;
    },
    start() {
      timers.push(setInterval(guard(tick), 1000).unref());
      timers.push(
        setInterval(
          guard(() => computeDue()),
          50,
        ).unref(),
      );
    },
    async stop() {
      for (const t of timers) clearInterval(t);
      // Snapshots are derived and republished after a restart: a broker that does not answer
      // must not hold up the shutdown.
      await Promise.race([sending, new Promise((r) => setTimeout(r, 5000).unref())]);
    },
  };
}
