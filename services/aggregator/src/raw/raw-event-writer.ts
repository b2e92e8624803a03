import { type Db, insertRawEvents } from '@stuurwiel/clickhouse';
import type { BatchResult, EventProducer, IncomingMessage } from '@stuurwiel/kafka';
import { type CanonicalEvent, type DeadLetter, TOPICS, validateEvent } from '@stuurwiel/schemas';

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
 * Stores every canonical event of a batch in raw_events_v1. Ingest validated them already; a
 * message that still does not parse (another producer, an old version) is dead-lettered, never
 * dropped and never allowed to stop the stream.
 */
export function rawEventWriter(deps: RawEventWriterDeps) {
  return async (messages: IncomingMessage[]): Promise<BatchResult> => {
    const events: CanonicalEvent[] = [];
    const letters: DeadLetter[] = [];
    const receivedAt = new Date().toISOString();
    for (const message of messages) {
      const text = message.value?.toString() ?? '';
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        letters.push(
          deadLetter(text, [{ path: '', reason: `not JSON: ${(error as Error).message}` }], receivedAt),
        );
        continue;
      }
      const result = validateEvent(parsed);
      if (result.ok) events.push(result.event);
      else letters.push(deadLetter(parsed, result.errors, receivedAt));
    }
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

function deadLetter(original: unknown, errors: DeadLetter['errors'], receivedAt: string): DeadLetter {
  const tenant = (original as { tenant?: unknown } | null)?.tenant;
  return {
    original,
    source: { system: 'canonical', vendor: 'aggregator' },
    ...(typeof tenant === 'string' ? { tenant } : {}),
    errors,
    received_at: receivedAt,
  };
}
