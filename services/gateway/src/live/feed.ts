import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  createConsumer,
  type createKafka,
  type EventConsumer,
  type IncomingMessage,
  topicLastOffsets,
} from '@stuurwiel/kafka';
import { alertMessage, kpiSnapshot, TOPICS } from '@stuurwiel/schemas';
import type { z } from 'zod';
import { describeIssues } from '../push/messages.js';
import type { WritableLiveCache, WritableLiveCaches } from './cache.js';

export interface LiveFeedOptions {
  kafka: ReturnType<typeof createKafka>;
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
  /** Whether it has joined and is reading. */
  consuming(): boolean;
  /**
   * Whether it has read every message that was on its topics when it started (readiness): until
   * then the caches hold only part of the present, and a new replica must not answer with it.
   */
  caughtUp(): boolean;
}

interface Stream<T> {
  schema: z.ZodType<T>;
  cache: WritableLiveCache<T>;
}

/**
 * Keeps the caches at the latest snapshot and alert per key of `kpi.v1` and `alerts.v1`: the one
 * feed of a replica, read by REST and live push alike. Every replica reads both compacted topics
 * itself (so replicas share no store), in a group of its own from their beginning.
 */
export function createLiveFeed(options: LiveFeedOptions): LiveFeed {
  const prefix = options.topicPrefix ?? '';
  const kpiTopic = `${prefix}${TOPICS.kpi}`;
  const alertsTopic = `${prefix}${TOPICS.alerts}`;
  const streams = new Map<string, Stream<unknown>>([
    [kpiTopic, { schema: kpiSnapshot, cache: options.caches.snapshots } as Stream<unknown>],
    [alertsTopic, { schema: alertMessage, cache: options.caches.alerts } as Stream<unknown>],
  ]);
  let consumer: EventConsumer | undefined;
  let consuming = false;
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
      // Compaction keeps the newest record of a partition (the latest of its key), so its offset
      // at start is read; only a tombstone past delete.retention.ms could be gone, and then the
      // partition's next message (any later offset) ends the wait.
      for (const topic of streams.keys()) {
        for (const [partition, last] of await topicLastOffsets(options.kafka, topic)) {
          behind.set(`${topic}:${partition}`, last);
        }
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
      consuming = true;
    },
    async stop() {
      consuming = false;
      await consumer?.disconnect();
    },
    consuming: () => consuming,
    caughtUp: () => consuming && behind.size === 0,
  };
}
