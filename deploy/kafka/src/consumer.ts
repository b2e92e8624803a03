import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { coPartitionedAssigner } from './co-partitioned-assigner.js';

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  timestamp: string;
  headers: Record<string, string>;
}

/**
 * What a batch handler returns. Work that the handler started but did not await (a ClickHouse
 * insert, a produce) goes in `backgroundTask`: the batch's offsets are committed only when it
 * has settled, and only after every earlier batch's offsets.
 */
export interface BatchResult {
  backgroundTask?: Promise<unknown>;
}

export type EachBatch = (messages: IncomingMessage[]) => Promise<BatchResult | undefined>;

export interface ConsumerOptions {
  groupId: string;
  topics: readonly string[];
  /** Where a group without committed offsets starts. */
  fromBeginning?: boolean;
  /** Batches whose background work may be unsettled at once before the loop waits. */
  maxInFlightBatches?: number;
  /**
   * Messages whose batches' background work may be unsettled at once before the loop waits. A
   * quiet stream comes in many small batches, so a bound on batches alone would make consumption
   * wait for every flush; this bounds memory instead.
   */
  maxInFlightMessages?: number;
  sessionTimeoutMs?: number;
  /**
   * Called once when background work fails. Offsets after the failed batch are never
   * committed; the owner should stop the process so that the batch is read again.
   */
  onFatal: (error: unknown) => void;
  /**
   * Called after each rebalance with this member's partitions per topic, once the work of every
   * earlier batch has settled and before any batch of the new assignment is handled: the place to
   * rebuild state for the partitions now owned and drop the rest.
   */
  onAssignment?: (assignment: Readonly<Record<string, readonly number[]>>) => Promise<void>;
  /** Told when committing failed; the offsets are kept and committed again shortly. */
  onCommitError?: (error: unknown) => void;
  /** Wait before committing again after a failed commit. */
  commitRetryMs?: number;
  /** Longest disconnect() waits for kafkajs to leave the group (default 10 s). */
  leaveTimeoutMs?: number;
}

export interface EventConsumer {
  connect(eachBatch: EachBatch): Promise<void>;
  /** Stops fetching, waits for in-flight work, commits what settled, leaves the group. */
  disconnect(): Promise<void>;
  /** Offsets committed so far by this process, per "topic:partition" (the next offset to read). */
  committed(): ReadonlyMap<string, string>;
  /** Messages whose batches' work has not settled (and been committed) yet. */
  inFlightMessages(): number;
}

interface InFlight {
  messages: number;
  topic: string;
  partition: number;
  nextOffset: string;
  settled: Promise<void>;
  failed: boolean;
  done: boolean;
}

const NO_HEADERS: Record<string, string> = Object.freeze({}) as Record<string, string>;

function headersOf(raw: EachBatchPayload['batch']['messages'][number]['headers']): Record<string, string> {
  // Most messages carry none; this runs for every message.
  let out: Record<string, string> | undefined;
  for (const name in raw) {
    const value = raw[name];
    if (value === undefined) continue;
    out ??= {};
    out[name] = Array.isArray(value) ? String(value[0]) : String(value);
  }
  return out ?? NO_HEADERS;
}

/** Waits for `work`, heartbeating every `everyMs` meanwhile; a heartbeat's failure ends the wait. */
async function whileHeartbeating(work: Promise<void>, heartbeat: () => Promise<void>, everyMs = 1000) {
  let finished = false;
  const done = work.finally(() => {
    finished = true;
  });
  while (!finished) {
    const tick = new Promise<void>((resolve) => setTimeout(resolve, everyMs).unref());
    await Promise.race([done, tick]);
    if (!finished) await heartbeat();
  }
  await done;
}

export function createConsumer(kafka: Kafka, options: ConsumerOptions): EventConsumer {
  const consumer: Consumer = kafka.consumer({
    groupId: options.groupId,
    sessionTimeout: options.sessionTimeoutMs ?? 30_000,
    allowAutoTopicCreation: false,
    partitionAssigners: [coPartitionedAssigner],
  });
  const maxInFlight = options.maxInFlightBatches ?? 4;
  const maxInFlightMessages = options.maxInFlightMessages ?? Number.POSITIVE_INFINITY;
  const queue: InFlight[] = [];
  let queuedMessages = 0;
  const committed = new Map<string, string>();
  // Settled offsets not yet committed: a commit can fail without a rebalance (a timeout, a
  // coordinator moving), and with no new batch coming nothing would ever commit them again, so
  // the group would stay behind for good.
  const pending = new Map<string, { topic: string; partition: number; offset: string }>();
  let retryTimer: NodeJS.Timeout | undefined;
  let runningBatches = 0;
  let fatal = false;
  let commitChain: Promise<void> = Promise.resolve();
  let assigning: Promise<void> = Promise.resolve();

  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    // Offsets of partitions now owned by another member are theirs to commit.
    for (const [key, value] of pending) {
      if (!payload.memberAssignment[value.topic]?.includes(value.partition)) pending.delete(key);
    }
    const onAssignment = options.onAssignment;
    if (!onAssignment) return;
    assigning = assigning.then(async () => {
      if (fatal) return;
      await Promise.allSettled(queue.map((q) => q.settled));
      try {
        await onAssignment(payload.memberAssignment);
      } catch (error) {
        fatal = true;
        options.onFatal(error);
      }
    });
  });

  // Commits the longest settled prefix of the queue, so offsets only ever move over batches
  // whose work is durable.
  const commitSettledPrefix = (): Promise<void> => {
    commitChain = commitChain.then(async () => {
      while (queue.length > 0 && queue[0]!.done && !queue[0]!.failed) {
        const head = queue.shift()!;
        queuedMessages -= head.messages;
        pending.set(`${head.topic}:${head.partition}`, {
          topic: head.topic,
          partition: head.partition,
          offset: head.nextOffset,
        });
      }
      if (pending.size === 0 || fatal) return;
      const offsets = new Map(pending);
      try {
        await consumer.commitOffsets([...offsets.values()]);
        for (const [key, value] of offsets) {
          committed.set(key, value.offset);
          if (pending.get(key) === value) pending.delete(key);
        }
      } catch (error) {
        options.onCommitError?.(error);
        retryTimer ??= setTimeout(() => {
          retryTimer = undefined;
          void commitSettledPrefix();
        }, options.commitRetryMs ?? 1000);
        retryTimer.unref();
      }
    });
    return commitChain;
  };

  const track = (
    topic: string,
    partition: number,
    nextOffset: string,
    messages: number,
    work: Promise<unknown>,
  ) => {
    const entry: InFlight = {
      messages,
      topic,
      partition,
      nextOffset,
      failed: false,
      done: false,
      settled: undefined!,
    };
    entry.settled = work.then(
      () => {
        entry.done = true;
        return commitSettledPrefix();
      },
      (error: unknown) => {
        entry.done = true;
        entry.failed = true;
        if (!fatal) {
          fatal = true;
          options.onFatal(error);
        }
      },
    );
    queue.push(entry);
    queuedMessages += messages;
  };

  return {
    async connect(eachBatch) {
      await consumer.connect();
      await consumer.subscribe({ topics: [...options.topics], fromBeginning: options.fromBeginning ?? true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset }) => {
          if (fatal) throw new Error('consumer stopped after a failed batch');
          // Rebuilding state for a new assignment can take longer than the session: kafkajs only
          // heartbeats between batches, so a silent wait here would get this member expelled.
          await whileHeartbeating(assigning, heartbeat);
          if (fatal) throw new Error('consumer stopped after a failed batch');
          if (!isRunning() || isStale() || batch.messages.length === 0) return;
          runningBatches++;
          try {
            const messages: IncomingMessage[] = batch.messages.map((m) => ({
              topic: batch.topic,
              partition: batch.partition,
              offset: m.offset,
              key: m.key ? m.key.toString() : null,
              value: m.value,
              timestamp: m.timestamp,
              headers: headersOf(m.headers),
            }));
            const result = await eachBatch(messages);
            // Resolving only moves this process's fetch position; with autoCommit off, nothing
            // reaches the group's committed offsets until the background work settled.
            resolveOffset(batch.lastOffset());
            const next = (BigInt(batch.lastOffset()) + 1n).toString();
            track(
              batch.topic,
              batch.partition,
              next,
              messages.length,
              result?.backgroundTask ?? Promise.resolve(),
            );
            // Backpressure: with too much unsettled work, wait for the oldest before fetching more.
            while ((queue.length > maxInFlight || queuedMessages > maxInFlightMessages) && !fatal) {
              await whileHeartbeating(queue[0]!.settled, heartbeat);
            }
          } finally {
            runningBatches--;
          }
        },
      });
    },
    async disconnect() {
      consumer.pause(options.topics.map((topic) => ({ topic })));
      while (runningBatches > 0) await new Promise((r) => setTimeout(r, 10));
      await Promise.allSettled(queue.map((q) => q.settled));
      await commitSettledPrefix();
      clearTimeout(retryTimer);
      // Leaving the group is a courtesy (the broker expires a silent member anyway); a member that
      // was expelled and is rejoining can hang here, and must not keep its owner from stopping.
      let gaveUp: NodeJS.Timeout | undefined;
      await Promise.race([
        consumer.disconnect(),
        new Promise<void>((resolve) => {
          gaveUp = setTimeout(resolve, options.leaveTimeoutMs ?? 10_000);
        }),
      ]);
      clearTimeout(gaveUp);
    },
    committed: () => committed,
    inFlightMessages: () => queuedMessages,
  };
}
