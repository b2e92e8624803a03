import { randomUUID } from 'node:crypto';
import {
  createConsumer,
  type createKafka,
  type EventConsumer,
  type IncomingMessage,
  topicLastOffsets,
} from '@stuurwiel/kafka';
import { KPI_TOPIC, kpiSnapshot } from '@stuurwiel/schemas';
import type { SnapshotCache } from './snapshot-cache.js';

export interface KpiConsumerOptions {
  kafka: ReturnType<typeof createKafka>;
  topicPrefix: string;
  cache: SnapshotCache;
  /** A message that is no valid snapshot: skipped (one bad message must not blank every screen). */
  onInvalid: (details: { partition: number; offset: string; reason: string }) => void;
  onFatal: (error: unknown) => void;
}

export interface KpiConsumer {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Whether it has joined and is reading. */
  consuming(): boolean;
  /**
   * Whether it has read everything the topic held when it started (readiness): until then the
   * cache holds only part of the present, and a new replica must not answer with it.
   */
  caughtUp(): boolean;
}

/** Applies one batch of kpi.v1 messages to the cache; exported for the consumer's unit test. */
export function applyKpiMessages(
  cache: SnapshotCache,
  messages: readonly Pick<IncomingMessage, 'key' | 'value' | 'partition' | 'offset'>[],
  onInvalid: KpiConsumerOptions['onInvalid'],
): void {
  for (const message of messages) {
    if (message.value === null) {
      if (message.key !== null) cache.remove(message.key);
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(message.value.toString('utf8'));
    } catch {
      onInvalid({ partition: message.partition, offset: message.offset, reason: 'not JSON' });
      continue;
    }
    const parsed = kpiSnapshot.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      onInvalid({
        partition: message.partition,
        offset: message.offset,
        reason: `${issue.path.join('.') || '(snapshot)'}: ${issue.message}`,
      });
      continue;
    }
    cache.put(parsed.data);
  }
}

/**
 * Fills the snapshot cache from kpi.v1. Every gateway replica reads the whole topic itself (so
 * replicas share no store): each consumer joins a group of its own that starts at the beginning
 * of the compacted topic, which holds the latest snapshot per key, and then follows it.
 */
export function createKpiConsumer(options: KpiConsumerOptions): KpiConsumer {
  let consumer: EventConsumer | undefined;
  let consuming = false;
  const topic = `${options.topicPrefix}${KPI_TOPIC}`;
  // Partitions still to read up to the offset they ended at when this replica started. Compaction
  // keeps the newest record of a partition (it is the latest of its key), so that offset is read;
  // only a tombstone past delete.retention.ms in a rolled segment could be gone, and then the
  // partition's next message (any later offset) ends the wait.
  let behind = new Map<number, bigint>();
  let ready = false;
  return {
    async start() {
      behind = await topicLastOffsets(options.kafka, topic);
      ready = behind.size === 0;
      consumer = createConsumer(options.kafka, {
        groupId: `stuurwiel-gateway-live-${randomUUID()}`,
        topics: [topic],
        fromBeginning: true,
        onFatal: options.onFatal,
      });
      await consumer.connect(async (messages) => {
        applyKpiMessages(options.cache, messages, options.onInvalid);
        if (!ready) {
          for (const message of messages) {
            const last = behind.get(message.partition);
            if (last !== undefined && BigInt(message.offset) >= last) behind.delete(message.partition);
          }
          ready = behind.size === 0;
        }
        return undefined;
      });
      consuming = true;
    },
    async stop() {
      consuming = false;
      await consumer?.disconnect();
    },
    consuming: () => consuming,
    caughtUp: () => consuming && ready,
  };
}
