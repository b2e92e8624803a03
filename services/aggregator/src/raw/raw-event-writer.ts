import type { BatchResult, EventProducer, IncomingMessage } from '@stuurwiel/kafka';
import { type CanonicalEvent, TOPICS } from '@stuurwiel/schemas';
import type { Decoder } from './decoder.js';

export interface RawEventWriterDeps {
  decoder: Decoder;
  deadLetters: EventProducer;
  topicPrefix: string;
  onStored?: (count: number) => void;
  /** Stores a batch's raw_events_v1 rows (see DecodedMessages.rawBody), `count` of them. */
  storeRaw: (rows: { body: string; count: number }) => Promise<void>;
  /**
   * The next stage (the partition state): gets each batch's valid events, batches in order, when
   * they were received (epoch ms, as stored in ingested_at), and the insert of their raw rows,
   * which what it stores must wait for; resolves when its work is done.
   */
  next?: (events: readonly CanonicalEvent[], receivedAtMs: number, rawStored: Promise<void>) => Promise<void>;
}

/**
 * Stores every canonical event of a batch in raw_events_v1 and dead-letters what is not one
 * (see decodeEvents). The handler returns at once: decoding runs beside the consumer, and the
 * batch's offsets wait for all of its work (see BatchResult).
 */
export function rawEventWriter(deps: RawEventWriterDeps) {
  return async (messages: IncomingMessage[]): Promise<BatchResult> => {
    const work = deps.decoder.decode(messages).then(({ events, letters, rawBody, receivedAt }) => {
      const count = events.length;
      const stored = deps.storeRaw({ body: rawBody, count }).then(() => deps.onStored?.(count));
      // Decoded batches resolve in the order they were handed over, so state sees them in order.
      // Nothing below holds on to the events: kept until the insert, they would outlive the young
      // generation and make every garbage collection dearer.
      const derived = deps.next?.(events, Date.parse(receivedAt), stored);
      return Promise.all([
        stored,
        derived,
        deps.deadLetters.send(
          `${deps.topicPrefix}${TOPICS.deadLetter}`,
          letters.map((l) => ({ key: l.tenant ?? 'unknown', value: JSON.stringify(l) })),
        ),
      ]);
    });
    return { backgroundTask: work };
  };
}
