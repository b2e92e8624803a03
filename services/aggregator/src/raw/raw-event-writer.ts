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
   * Sees each batch's valid events and when they were received (epoch ms, as stored in
   * ingested_at), batches in order; its work runs once they are stored.
   */
  afterStored?: (events: readonly CanonicalEvent[], receivedAtMs: number) => () => Promise<void>;
}

/**
 * Stores every canonical event of a batch in raw_events_v1 and dead-letters what is not one
 * (see decodeEvents). The handler returns at once: decoding runs beside the consumer, and the
 * batch's offsets wait for all of its work (see BatchResult).
 */
export function rawEventWriter(deps: RawEventWriterDeps) {
  return async (messages: IncomingMessage[]): Promise<BatchResult> => {
    const work = deps.decoder.decode(messages).then(({ events, letters, rawBody, receivedAt }) => {
      // Decoded batches resolve in the order they were handed over, so state sees them in order.
      const derived = deps.afterStored?.(events, Date.parse(receivedAt));
      // Nothing below holds on to the events: kept until the insert, they would outlive the young
      // generation and make every garbage collection dearer.
      const count = events.length;
      return Promise.all([
        deps
          .storeRaw({ body: rawBody, count })
          .then(() => deps.onStored?.(count))
          .then(() => derived?.()),
        deps.deadLetters.send(
          `${deps.topicPrefix}${TOPICS.deadLetter}`,
          letters.map((l) => ({ key: l.tenant ?? 'unknown', value: JSON.stringify(l) })),
        ),
      ]);
    });
    return { backgroundTask: work };
  };
}
