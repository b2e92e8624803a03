import type { Kafka, Producer } from 'kafkajs';
import { tenantPartitioner } from './partitioner.js';

export interface OutgoingMessage {
  key: string;
  /** null is a tombstone: on a compacted topic it removes the key. */
  value: string | Buffer | null;
  headers?: Record<string, string>;
}

/** Durable sends: a call resolves only when every in-sync replica has the messages. */
export interface EventProducer {
  connect(): Promise<void>;
  send(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  /** Several topics' messages in one request per broker. */
  sendMany(batches: readonly { topic: string; messages: readonly OutgoingMessage[] }[]): Promise<void>;
  disconnect(): Promise<void>;
}

export function createProducer(kafka: Kafka): EventProducer {
  const producer: Producer = kafka.producer({
    // Idempotence lets retries after a lost acknowledgement not duplicate messages; one request
    // in flight keeps a key's messages in order across those retries.
    idempotent: true,
    maxInFlightRequests: 1,
    // An idempotent producer must never give up on its own: a send abandoned halfway could be
    // retried by our caller as a new sequence, which the broker can no longer de-duplicate.
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 100, maxRetryTime: 5_000 },
    allowAutoTopicCreation: false,
    createPartitioner: tenantPartitioner,
  });
  return {
    connect: () => producer.connect(),
    async send(topic, messages) {
      if (messages.length === 0) return;
      await producer.send({
        topic,
        acks: -1,
        messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      });
    },
    async sendMany(batches) {
      const topicMessages = batches
        .filter((b) => b.messages.length > 0)
        .map((b) => ({
          topic: b.topic,
          messages: b.messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
        }));
      if (topicMessages.length === 0) return;
      await producer.sendBatch({ acks: -1, topicMessages });
    },
    disconnect: () => producer.disconnect(),
  };
}

/**
 * Consecutive groups of messages of at most `maxBytes` (keys and values) each; a larger message
 * goes alone. A tenant's messages all land in one partition, whose record batch the broker
 * refuses above its message.max.bytes: send such groups one by one.
 */
export function chunkMessages<M extends OutgoingMessage>(messages: readonly M[], maxBytes: number): M[][] {
  const chunks: M[][] = [];
  let chunk: M[] = [];
  let bytes = 0;
  for (const m of messages) {
    const size = Buffer.byteLength(m.key) + (m.value === null ? 0 : Buffer.byteLength(m.value));
    if (chunk.length > 0 && bytes + size > maxBytes) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(m);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
