import { chunkMessages, type EventProducer } from '@stuurwiel/kafka';

type Message = { key: string; value: string | null };

export interface LatestSenderOptions {
  producer: EventProducer;
  topic: string;
  onPublished?: (count: number) => void;
  onError: (error: unknown) => void;
  /** Wait before a failed send is tried again; default 1000. */
  retryMs?: number;
  /**
   * Most bytes (keys and values) in one send; default 512 KiB. A tenant's messages all go to one
   * partition, whose record batch the broker refuses above its message.max.bytes (1 MiB by default).
   */
  maxBatchBytes?: number;
}

/**
 * Sends states to a compacted topic: while a send is under way (or the broker is away) only the
 * newest message per key waits, so memory stays bounded by the number of keys. A send that fails
 * is tried again for every key no newer message has replaced: a lost tombstone would leave an
 * ended item on the topic for ever.
 */
export interface LatestSender {
  send(messages: readonly Message[]): void;
  /** Resolves when what waits now has been sent (or, broker away, after `timeoutMs`). */
  settle(timeoutMs: number): Promise<void>;
  /** Stops retrying. */
  close(): void;
}

export function createLatestSender(options: LatestSenderOptions): LatestSender {
  const waiting = new Map<string, string | null>();
  let flushing = false;
  let closed = false;
  let sending: Promise<void> = Promise.resolve();
  const retryMs = options.retryMs ?? 1000;
  const maxBytes = options.maxBatchBytes ?? 512 * 1024;

  const flush = () => {
    if (flushing || waiting.size === 0 || closed) return;
    flushing = true;
    sending = (async () => {
      while (waiting.size > 0 && !closed) {
        const batch = [...waiting].map(([key, value]) => ({ key, value }));
        waiting.clear();
        const chunks = chunkMessages(batch, maxBytes);
        for (let i = 0; i < chunks.length; i += 1) {
          try {
            await options.producer.send(options.topic, chunks[i]!);
            options.onPublished?.(chunks[i]!.length);
          } catch (error) {
            options.onError(error);
            for (const m of chunks.slice(i).flat()) if (!waiting.has(m.key)) waiting.set(m.key, m.value);
            await new Promise((r) => setTimeout(r, retryMs).unref());
            break;
          }
        }
      }
      flushing = false;
    })();
  };

  return {
    send(messages) {
      for (const m of messages) {
        // Re-inserted at the end, so that a key's place follows its newest message.
        waiting.delete(m.key);
        waiting.set(m.key, m.value);
      }
      flush();
    },
    async settle(timeoutMs) {
      await Promise.race([sending, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
    },
    close() {
      closed = true;
    },
  };
}
