import type { EventProducer } from '@stuurwiel/kafka';
import { type KpiDomain, kpiSnapshotKey, TOPICS } from '@stuurwiel/schemas';
import { createDayLog, createSnapshotPublisher, type DayLog, type SnapshotPublisher } from '../live/index.js';
import { KPI_DOMAINS, type PartitionState, type PartitionWatcher } from '../pipeline/partition-state.js';
import { createLatestSender } from './latest-sender.js';
import { computeSnapshots, logFacts } from './live-inputs.js';

// Sources slide out of their 15 minutes by the second, as waits grow.
const FAST_DOMAINS: readonly KpiDomain[] = ['counter', 'phone', 'sources'];
const SLOW_TICKS = 30;

export interface SnapshotServiceOptions {
  /** The state it shows; it watches it and never changes it. */
  state: PartitionState;
  producer: EventProducer;
  topicPrefix: string;
  /** The instant snapshots describe (as_of); the wall clock in production. */
  clock: () => Date;
  minIntervalMs: number;
  shortAbandonSeconds: number;
  /** A case suspended longer than this many calendar days is counted as long suspended. */
  caseSuspendedLongDays?: number;
  onPublished?: (count: number) => void;
  onError: (error: unknown) => void;
}

/**
 * Live KPIs of the tenants this replica owns: watches the partition state, keeps today's finished
 * items, and publishes snapshots to the compacted KPI topic when their inputs change (at most once
 * a second per tenant and domain) and on a clock tick, so that growing waits move while nothing
 * happens. Between a rebalance and the rebuild of the new state it publishes nothing.
 */
export interface SnapshotService {
  start(): void;
  stop(): Promise<void>;
}

export function createSnapshotService(options: SnapshotServiceOptions): SnapshotService {
  const { state } = options;
  let log: DayLog = createDayLog();
  let publisher: SnapshotPublisher = createSnapshotPublisher({
    minIntervalMs: options.minIntervalMs,
    now: Date.now,
  });
  const dirty = new Set<string>();
  const lastComputed = new Map<string, number>();
  const tenants = new Set<string>();
  const timers: NodeJS.Timeout[] = [];
  const sender = createLatestSender({
    producer: options.producer,
    topic: `${options.topicPrefix}${TOPICS.kpi}`,
    onPublished: options.onPublished,
    onError: options.onError,
  });

  const key = (tenant: string, domain: KpiDomain) => `${tenant}|${domain}`;

  const computeDue = () => {
    const pipeline = state.pipeline;
    if (!pipeline) return;
    const now = Date.now();
    const asOf = options.clock();
    const out: { key: string; value: string | null }[] = [];
    for (const k of [...dirty]) {
      if (now - (lastComputed.get(k) ?? 0) < options.minIntervalMs) continue;
      dirty.delete(k);
      lastComputed.set(k, now);
      const [tenant, domain] = k.split('|') as [string, KpiDomain];
      const last = state.lastEventAt(tenant, domain);
      const snapshots = computeSnapshots(
        {
          pipeline,
          log,
          sources: state.sources,
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
    sender.send(out);
  };

  let ticks = 0;
  // Waits at the counter and on the phone grow by the second; cases, written contacts and survey
  // windows change by the day or slide slowly, so they are recomputed on the clock less often
  // (events recompute them at once either way). Hundreds of municipalities on one replica must
  // not mean hundreds of full recomputations a second.
  const tick = () => {
    if (!state.pipeline) return;
    log.prune(options.clock().toISOString());
    ticks += 1;
    const domains = ticks % SLOW_TICKS === 0 ? KPI_DOMAINS : FAST_DOMAINS;
    for (const tenant of tenants) for (const domain of domains) dirty.add(key(tenant, domain));
  };

  const guard = (work: () => void) => () => {
    try {
      work();
    } catch (error) {
      options.onError(error);
    }
  };

  const watcher: PartitionWatcher = {
    reset(restoredSources) {
      log = createDayLog();
      publisher = createSnapshotPublisher({ minIntervalMs: options.minIntervalMs, now: Date.now });
      dirty.clear();
      lastComputed.clear();
      tenants.clear();
      for (const tenant of restoredSources) dirty.add(key(tenant, 'sources'));
    },
    applied({ facts, notLive, changed }) {
      logFacts(log, facts, notLive);
      for (const [tenant, domains] of changed) {
        tenants.add(tenant);
        for (const d of domains) dirty.add(key(tenant, d));
      }
      computeDue();
    },
    expired(facts) {
      // The next tick recomputes every tenant, so the ended visits leave the live figures then.
      logFacts(log, facts, new Set());
    },
  };
  state.watch(watcher);

  return {
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
      await sender.settle(5000);
      sender.close();
    },
  };
}
