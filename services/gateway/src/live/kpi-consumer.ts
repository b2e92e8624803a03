import { randomUUID } from 'node:crypto';
import { createConsumer, type createKafka, type EventConsumer, type IncomingMessage } from '@stuurwiel/kafka';
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
  /** Whether it has joined and is reading (readiness). */
  consuming(): boolean;
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
  return {
    async start() {
      consumer = createConsumer(options.kafka, {
        groupId: `stuurwiel-gateway-live-${randomUUID()}`,
        topics: [`${options.topicPrefix}${KPI_TOPIC}`],
        fromBeginning: true,
        onFatal: options.onFatal,
      });
      await consumer.connect(async (messages) => {
        applyKpiMessages(options.cache, messages, options.onInvalid);
        return undefined;
      });
      consuming = true;
    },
    async stop() {
      consuming = false;
      await consumer?.disconnect();
    },
    consuming: () => consuming,
  };
}
