import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createConsumer, type EventConsumer, type IncomingMessage } from '@stuurwiel/kafka';
import { alertMessage, kpiSnapshot, TOPICS } from '@stuurwiel/schemas';
import type { Kafka } from 'kafkajs';
import type { z } from 'zod';
import type { WritableLiveCache, WritableLiveCaches } from './cache.js';
import { describeIssues } from './messages.js';

export interface LiveFeedOptions {
  kafka: Kafka;
  caches: WritableLiveCaches;
  topicPrefix?: string;
  /**
   * Consumer group; default one of this process's own, new at every start, so that each replica
   * reads both compacted topics from their beginning and keeps the whole picture itself.
   */
  groupId?: string;
  /** A message that is not a valid snapshot or alert: logged by the caller, never applied. */
  onInvalid: (problem: {
    topic: string;
    partition: number;
    offset: string;
    key: string | null;
    reason: string;
  }) => void;
  onFatal: (error: unknown) => void;
  /** Per applied message, milliseconds from its Kafka timestamp (the producer's) to now. */
  onApplied?: (lagMs: number) => void;
}

export interface LiveFeed {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Whether the feed has read every message that was on its topics when it started. */
  caughtUp(): boolean;
}

interface Stream<T> {
  schema: z.ZodType<T>;
  cache: WritableLiveCache<T>;
}

/** Keeps the caches at the latest snapshot and alert per key of `kpi.v1` and `alerts.v1`. */
export function createLiveFeed(options: LiveFeedOptions): LiveFeed {
  const prefix = options.topicPrefix ?? '';
  const kpiTopic = `${prefix}${TOPICS.kpi}`;
  const alertsTopic = `${prefix}${TOPICS.alerts}`;
  const streams = new Map<string, Stream<unknown>>([
    [kpiTopic, { schema: kpiSnapshot, cache: options.caches.snapshots } as Stream<unknown>],
    [alertsTopic, { schema: alertMessage, cache: options.caches.alerts } as Stream<unknown>],
  ]);
  let consumer: EventConsumer | undefined;
  // Per "topic:partition", the offset of the last message there when the feed started.
  const behind = new Map<string, bigint>();

  const apply = (m: IncomingMessage) => {
    const stream = streams.get(m.topic);
    if (!stream) return;
    const mark = behind.get(`${m.topic}:${m.partition}`);
    if (mark !== undefined && BigInt(m.offset) >= mark) behind.delete(`${m.topic}:${m.partition}`);
    const problem = (reason: string) =>
      options.onInvalid({ topic: m.topic, partition: m.partition, offset: m.offset, key: m.key, reason });
    if (m.value === null) {
      if (m.key === null) problem('a tombstone without a key');
      else stream.cache.remove(m.key);
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(m.value.toString());
    } catch {
      problem('not JSON');
      return;
    }
    const parsed = stream.schema.safeParse(json);
    if (!parsed.success) problem(describeIssues(parsed.error));
    else {
      stream.cache.put(parsed.data);
      options.onApplied?.(Date.now() - Number(m.timestamp));
    }
  };

  return {
    async start() {
      const admin = options.kafka.admin();
      await admin.connect();
      try {
        for (const topic of streams.keys()) {
          for (const p of await admin.fetchTopicOffsets(topic)) {
            if (BigInt(p.high) > BigInt(p.low)) behind.set(`${topic}:${p.partition}`, BigInt(p.high) - 1n);
          }
        }
      } finally {
        await admin.disconnect();
      }
      consumer = createConsumer(options.kafka, {
        groupId: options.groupId ?? `${prefix}gateway-live-${hostname()}-${randomUUID()}`,
        topics: [...streams.keys()],
        fromBeginning: true,
        onFatal: options.onFatal,
      });
      await consumer.connect(async (messages) => {
        for (const m of messages) apply(m);
        return {};
      });
    },
    async stop() {
      await consumer?.disconnect();
    },
    caughtUp: () => consumer !== undefined && behind.size === 0,
  };
}
