import { type Db, insertRawEvents } from '@stuurwiel/clickhouse';
import type { BatchResult, EventProducer, IncomingMessage } from '@stuurwiel/kafka';
import { type CanonicalEvent, TOPICS } from '@stuurwiel/schemas';
import { decodeEvents } from './decode-events.js';

export interface RawEventWriterDeps {
  db: Db;
  deadLetters: EventProducer;
  topicPrefix: string;
  onStored?: (count: number) => void;
  /** How events reach raw_events_v1; default one insert per batch. */
  storeRaw?: (events: readonly CanonicalEvent[]) => Promise<void>;
  /** Sees each batch's valid events in order; its work runs once they are stored. */
  afterStored?: (events: readonly CanonicalEvent[]) => () => Promise<void>;
}

/**
 * Stores every canonical event of a batch in raw_events_v1 and dead-letters what is not one
 * (see decodeEvents).
 */
export function rawEventWriter(deps: RawEventWriterDeps) {
  return async (messages: IncomingMessage[]): Promise<BatchResult> => {
    const { events, letters } = decodeEvents(messages);
    const derived = deps.afterStored?.(events);
    const storeRaw = deps.storeRaw ?? ((list: readonly CanonicalEvent[]) => insertRawEvents(deps.db, list));
    const work = Promise.all([
      storeRaw(events)
        .then(() => deps.onStored?.(events.length))
        .then(() => derived?.()),
      deps.deadLetters.send(
        `${deps.topicPrefix}${TOPICS.deadLetter}`,
        letters.map((l) => ({ key: l.tenant ?? 'unknown', value: JSON.stringify(l) })),
      ),
    ]);
    return { backgroundTask: work };
  };
}
