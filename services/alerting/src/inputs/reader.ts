import { randomUUID } from 'node:crypto';
import { createConsumer, type EventConsumer, type IncomingMessage } from '@stuurwiel/kafka';
import type { Kafka } from 'kafkajs';
import type { Decoder } from './decode.js';

export interface InputTopic<T> {
  /** Short name for logs, metrics and readiness (kpi, deadlines, reference, config). */
  name: string;
  /** Full topic name, prefix included. */
  topic: string;
  decode: Decoder<T>;
}

export interface InputReaderOptions<T> {
  kafka: Kafka;
  topics: readonly InputTopic<T>[];
  /** What the decoded messages are applied to. */
  target: T;
  /** Group id prefix; each process adds its own suffix (see below). */
  groupPrefix: string;
  onInvalid: (input: string, message: IncomingMessage, reason: string) => void;
  onApplied?: (input: string, messages: number) => void;
  onFatal: (error: unknown) => void;
}

export interface InputReader {
  start(): Promise<void>;
  /** Inputs not yet read up to the end they had at start (empty: caught up on every one). */
  behind(): string[];
  stop(): Promise<void>;
}

/**
 * Reads alerting's inputs into the world. Every replica needs all of every input (the present of
 * each municipality), so each process reads as a group of its own from the beginning: compaction
 * keeps the latest message per key, and the reference events are few. It counts as caught up on
 * a topic once it has read up to the end each partition had when it started.
 */
export function createInputReader<T>(options: InputReaderOptions<T>): InputReader {
  const byTopic = new Map(options.topics.map((t) => [t.topic, t]));
  // Per topic, per partition: the offset up to which it must read before it is caught up.
  const pending = new Map<string, Map<number, bigint>>();
  let consumer: EventConsumer | undefined;

  const markRead = (topic: string, partition: number, offset: string) => {
    const partitions = pending.get(topic);
    const target = partitions?.get(partition);
    if (target !== undefined && BigInt(offset) + 1n >= target) partitions!.delete(partition);
  };

  return {
    async start() {
      const admin = options.kafka.admin();
      await admin.connect();
      try {
        for (const input of options.topics) {
          const ends = new Map<number, bigint>();
          for (const p of await admin.fetchTopicOffsets(input.topic))
            if (BigInt(p.high) > BigInt(p.low)) ends.set(p.partition, BigInt(p.high));
          pending.set(input.topic, ends);
        }
      } finally {
        await admin.disconnect();
      }
      consumer = createConsumer(options.kafka, {
        groupId: `${options.groupPrefix}-${randomUUID()}`,
        topics: options.topics.map((t) => t.topic),
        fromBeginning: true,
        onFatal: options.onFatal,
      });
      await consumer.connect(async (messages) => {
        const input = byTopic.get(messages[0]!.topic)!;
        let applied = 0;
        for (const message of messages) {
          const decoded = input.decode(message);
          if (decoded.outcome === 'invalid') options.onInvalid(input.name, message, decoded.reason);
          else if (decoded.outcome === 'apply') {
            decoded.apply(options.target);
            applied++;
          }
          markRead(message.topic, message.partition, message.offset);
        }
        options.onApplied?.(input.name, applied);
        return undefined;
      });
    },
    behind: () => options.topics.filter((t) => (pending.get(t.topic)?.size ?? 1) > 0).map((t) => t.name),
    async stop() {
      await consumer?.disconnect();
    },
  };
}
