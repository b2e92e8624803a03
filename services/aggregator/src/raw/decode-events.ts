import { type CanonicalEvent, type DeadLetter, validateEvent } from '@stuurwiel/schemas';

export interface DecodedBatch {
  events: CanonicalEvent[];
  /** For each event, the index of its message and the message as parsed, before validation. */
  sources: { index: number; parsed: unknown }[];
  /** Messages that are not canonical events, with the reason per field. */
  letters: DeadLetter[];
}

/**
 * Parses and validates a batch of Kafka message values. Ingest validated them already; a message
 * that still does not parse (another producer, an old version) becomes a dead letter, never
 * dropped and never allowed to stop the stream.
 */
export function decodeEvents(
  messages: readonly { value: Buffer | null }[],
  /** When the batch was received, on the service's clock (see createDecoder). */
  receivedAt: string,
): DecodedBatch {
  const events: CanonicalEvent[] = [];
  const sources: DecodedBatch['sources'] = [];
  const letters: DeadLetter[] = [];
  for (const [index, message] of messages.entries()) {
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
    if (result.ok) {
      events.push(result.event);
      sources.push({ index, parsed });
    } else letters.push(deadLetter(storable(parsed, text), result.errors, receivedAt));
  }
  return { events, sources, letters };
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

// Far deeper than any event; deep enough that the parsed value still crosses threads and is
// serialized again everywhere (JSON.parse accepts depths that postMessage and JSON.stringify refuse).
const MAX_KEPT_DEPTH = 64;

function deeperThan(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: v, depth } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(v)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

/**
 * The parsed message, or its text when it is nested too deep to be sent on whole as a value:
 * the letter must still go out, or its batch would be read and refused again for ever.
 */
function storable(parsed: unknown, text: string): unknown {
  return deeperThan(parsed, MAX_KEPT_DEPTH) ? text : parsed;
}
