import type { CanonicalEventInput, ValidationError } from '@stuurwiel/schemas';

/**
 * What an adapter made of one record of a source's input (one JSON object, one queue_log
 * line, one CSV row, one notification). The pipeline validates every event against the
 * canonical schema, checks its tenant and time, pseudonymises nothing further, produces it
 * and answers; records with errors go to the dead-letter topic with `original`.
 */
export interface TranslatedRecord {
  /** Position of the record in the request (0-based), reported back for rejects. */
  index: number;
  /** The record as received, kept for the dead-letter topic. */
  original: unknown;
  /**
   * The record exactly as received, when `original` is a copy the adapter altered (staff names
   * hashed, a comment redacted, cells mapped): a dead letter's length and keyed hash are of this,
   * so that the supplier can match them to what it sent.
   */
  received?: unknown;
  /** Canonical events this record becomes (may be several, or none when `ignored`). */
  events: CanonicalEventInput[];
  /** Why the record could not be translated; non-empty means rejected. */
  errors: ValidationError[];
  /** Set when the record is valid but carries nothing we measure (counted, not stored). */
  ignored?: string;
}

/** What every adapter gets besides the input itself. */
export interface AdapterContext {
  /** The municipality the API key is bound to. */
  tenant: string;
  /** Request time; adapters use it only where the source gives no time of its own. */
  now: Date;
  /**
   * Keyed hash (HMAC-SHA256, hex, with the tenant's own secret) for caller numbers, staff
   * and person identifiers: the clear value must never reach Kafka.
   */
  pseudonymise(value: string): string;
  /**
   * Keyed hash (HMAC-SHA256, hex, same secret) of an exact text, such as a whole body: lets a
   * dead letter name what it was about without holding it.
   */
  fingerprint(text: string): string;
  /** The tenant's entry of the credentials file; each route reads its own part (e.g. `zgw`). */
  settings?: Readonly<Record<string, unknown>>;
}

export function rejected(index: number, original: unknown, path: string, reason: string): TranslatedRecord {
  return { index, original, events: [], errors: [{ path, reason }] };
}

export function translated(
  index: number,
  original: unknown,
  events: CanonicalEventInput[],
): TranslatedRecord {
  return { index, original, events, errors: [] };
}

export function ignoredRecord(index: number, original: unknown, why: string): TranslatedRecord {
  return { index, original, events: [], errors: [], ignored: why };
}
