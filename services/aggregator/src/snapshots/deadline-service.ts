import type { EventProducer } from '@stuurwiel/kafka';
import { deadlineItem, deadlineItemKey, TOPICS } from '@stuurwiel/schemas';
import { z } from 'zod';
import {
  createDeadlineTracker,
  type DeadlineMessage,
  type DeadlineTracker,
} from '../live/deadline-tracker.js';
import type { BatchFacts } from '../pipeline/fact-pipeline.js';
import type { PartitionState, PartitionWatcher } from '../pipeline/partition-state.js';
import { amsterdamDateOf } from '../time/instants.js';
import { computeDeadlineItems, DEADLINE_DOMAINS, type DeadlineDomain } from './deadline-inputs.js';
import { createLatestSender } from './latest-sender.js';

export interface DeadlineServiceOptions {
  /** The state whose open items it publishes; it watches it and never changes it. */
  state: PartitionState;
  producer: EventProducer;
  topicPrefix: string;
  /** The instant items describe (as_of); the wall clock in production, the demo's in the demo. */
  clock: () => Date;
  /** Least wall time between two computations of one tenant's domain; default 1000. */
  minIntervalMs?: number;
  /**
   * Every tenant's items are computed again this often (wall time) and whenever the clock passes
   * midnight, so that status moves while nothing happens; default 30 000.
   */
  fullIntervalMs?: number;
  onPublished?: (count: number) => void;
  onError: (error: unknown) => void;
}

/**
 * Deadline items of the tenants this replica owns, on the compacted topic deadlines.v1 (keyed by
 * deadlineItemKey, so partitioned by tenant like kpi.v1): an item when it is new or changed, once
 * a day after midnight, and a tombstone when it ends.
 *
 * After a rebalance the state is rebuilt by replaying stored events: every open item is then
 * sent again, and every item the replay shows ended gets a tombstone (one sent before a crash may
 * have been lost). An item ended longer ago than the replay reaches back
 * (AGGREGATOR_STATE_LOOKBACK_HOURS) had its tombstone sent then, or, if the replica died before
 * that send, stays until a reader drops it: the daily republish gives every open item an `as_of`
 * after the last midnight.
 */
export interface DeadlineService {
  start(): void;
  stop(): Promise<void>;
}

/** Keys of the items a batch's facts say ended: closed cases, completed callbacks, answers. */
function endedKeys(facts: BatchFacts): string[] {
  const keys: string[] = [];
  for (const f of facts.cases)
    if (f.status === 'closed')
      keys.push(deadlineItemKey({ tenant: f.tenant, kind: 'case', item_id: f.case_id }));
  for (const f of facts.callbacks)
    if (f.status === 'completed')
      keys.push(deadlineItemKey({ tenant: f.tenant, kind: 'callback', item_id: f.callback_id }));
  for (const f of facts.written) {
    const id = { tenant: f.tenant, item_id: f.contact_id };
    if (f.answered_at !== null) keys.push(deadlineItemKey({ ...id, kind: 'written_answer' }));
    if (f.acknowledged_at !== null || f.answered_at !== null)
      keys.push(deadlineItemKey({ ...id, kind: 'written_acknowledge' }));
  }
  return keys;
}

const TICK_MS = 1000;

export function createDeadlineService(options: DeadlineServiceOptions): DeadlineService {
  const { state } = options;
  const minInterval = options.minIntervalMs ?? 1000;
  const fullTicks = Math.max(1, Math.round((options.fullIntervalMs ?? 30_000) / TICK_MS));
  let tracker: DeadlineTracker = createDeadlineTracker();
  const dirty = new Set<string>();
  const lastComputed = new Map<string, number>();
  const tenants = new Set<string>();
  const timers: NodeJS.Timeout[] = [];
  let ticks = 0;
  let lastDate: string | null = null;
  const sender = createLatestSender({
    producer: options.producer,
    topic: `${options.topicPrefix}${TOPICS.deadlines}`,
    onPublished: options.onPublished,
    onError: options.onError,
  });

  const group = (tenant: string, domain: DeadlineDomain) => `${tenant}|${domain}`;

  // Every message leaves through the published schema: an item that fails it is a defect, named
  // with its key and the reason, not sent.
  const send = (messages: readonly DeadlineMessage[]) => {
    const out: { key: string; value: string | null }[] = [];
    for (const m of messages) {
      if (m.item === null) {
        out.push({ key: m.key, value: null });
        continue;
      }
      const checked = deadlineItem.safeParse(m.item);
      if (checked.success) out.push({ key: m.key, value: JSON.stringify(checked.data) });
      else
        options.onError(
          new Error(`deadline item ${m.key} does not fit deadlines.v1: ${z.prettifyError(checked.error)}`),
        );
    }
    sender.send(out);
  };

  const computeDue = () => {
    const pipeline = state.pipeline;
    if (!pipeline) return;
    const now = Date.now();
    const asOf = options.clock();
    const out: DeadlineMessage[] = [];
    for (const k of [...dirty]) {
      if (now - (lastComputed.get(k) ?? 0) < minInterval) continue;
      dirty.delete(k);
      lastComputed.set(k, now);
      const [tenant, domain] = k.split('|') as [string, DeadlineDomain];
      out.push(...tracker.offer(k, computeDeadlineItems(pipeline, tenant, domain, asOf)));
    }
    send(out);
  };

  const tick = () => {
    if (!state.pipeline) return;
    ticks += 1;
    const date = amsterdamDateOf(options.clock().getTime());
    if (ticks % fullTicks !== 0 && date === lastDate) return;
    lastDate = date;
    for (const tenant of tenants) for (const domain of DEADLINE_DOMAINS) dirty.add(group(tenant, domain));
  };

  const guard = (work: () => void) => () => {
    try {
      work();
    } catch (error) {
      options.onError(error);
    }
  };

  const watcher: PartitionWatcher = {
    reset() {
      tracker = createDeadlineTracker();
      dirty.clear();
      lastComputed.clear();
      tenants.clear();
    },
    applied({ facts, changed }) {
      // Before the recomputation: a key the tracker still holds is retired by it instead.
      send(tracker.ended(endedKeys(facts)));
      for (const [tenant, domains] of changed) {
        for (const domain of DEADLINE_DOMAINS) {
          if (!domains.has(domain)) continue;
          tenants.add(tenant);
          dirty.add(group(tenant, domain));
        }
      }
      computeDue();
    },
    expired() {
      // Only visits and calls expire, and orphans that never had a deadline.
    },
  };
  state.watch(watcher);

  return {
    start() {
      timers.push(setInterval(guard(tick), TICK_MS).unref());
      timers.push(setInterval(guard(computeDue), 100).unref());
    },
    async stop() {
      for (const t of timers) clearInterval(t);
      // Items are derived and sent again after a restart: a broker that does not answer must not
      // hold up the shutdown.
      await sender.settle(5000);
      sender.close();
    },
  };
}
