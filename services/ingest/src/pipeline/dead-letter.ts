import type { DeadLetter } from '@stuurwiel/schemas';
import { redactDeep, redactText } from '../privacy/personal-data.js';

/**
 * Dead letters of adapter routes never hold what the source system sent: a body or a record is
 * described by its length and a keyed hash (HMAC-SHA256 with the tenant's pseudonymisation
 * secret, so the supplier can tell which of its messages it was without the dead letter
 * revealing it) and at most the fields the adapter itself would have passed, after its own
 * pseudonymisation, cut and redacted.
 */

/** Largest dead letter on the topic (JSON, bytes); larger ones are cut with a marker. */
export const DEAD_LETTER_MAX_BYTES = 64 * 1024;

/** Keyed hash of an exact text, with the tenant's pseudonymisation secret. */
export type Fingerprint = (text: string) => string;

export interface DescribedInput {
  /** Characters of the body or record as received (a record: its JSON). */
  length: number;
  /** HMAC-SHA256 (hex) of the same text with the tenant's pseudonymisation secret. */
  body_hmac: string;
  /** What the adapter would have passed of it, pseudonymised, cut and redacted. */
  fields?: unknown;
}

const asText = (value: unknown): string =>
  typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));

/** A body or record described for a dead letter, with the fields the adapter keeps of it. */
export function describeInput(received: unknown, fingerprint: Fingerprint, fields?: unknown): DescribedInput {
  const text = asText(received);
  return {
    length: text.length,
    body_hmac: fingerprint(text),
    ...(fields === undefined ? {} : { fields: redactDeep(fields) }),
  };
}

/** The named keys of an object whose values are there; anything else is left out. */
export function pick(value: unknown, keys: readonly string[]): Record<string, unknown> | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(keys.filter((k) => record[k] !== undefined).map((k) => [k, record[k]]));
}

const MAX_ERRORS = 20;
const cut = (text: string, limit: number) => (text.length <= limit ? text : `${text.slice(0, limit)}…`);
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * The dead letter as it goes on the topic, its errors' paths and reasons redacted (they may quote
 * the input): its JSON when within `maxBytes`; else `original` is
 * replaced by `{truncated: true, bytes, errors, head}` (head: the start of the original's JSON)
 * and only the first errors are kept, so that no dead letter can exceed the broker's limit.
 */
export function serialiseDeadLetter(received: DeadLetter, maxBytes = DEAD_LETTER_MAX_BYTES): string {
  // Reasons may quote the input ("cannot read '06 1234 5678' as a date").
  const letter = {
    ...received,
    errors: received.errors.map((e) => ({
      path: redactText(e.path, 1024),
      reason: redactText(e.reason, 4096),
    })),
  };
  const whole = JSON.stringify(letter);
  if (bytes(whole) <= maxBytes) return whole;
  const original = asText(letter.original);
  const errors = letter.errors
    .slice(0, MAX_ERRORS)
    .map((e) => ({ path: cut(e.path, 200), reason: cut(e.reason, 500) }));
  const shell = (head: string): string =>
    JSON.stringify({
      ...letter,
      original: { truncated: true, bytes: bytes(original), errors: letter.errors.length, head },
      errors,
    });
  // Escaping in JSON can grow the head up to six-fold; shrink until it fits.
  let room = maxBytes - bytes(shell(''));
  let text = shell(original.slice(0, Math.max(0, room)));
  while (bytes(text) > maxBytes && room > 0) {
    room = Math.floor(room / 2);
    text = shell(original.slice(0, room).replace(/[\uD800-\uDBFF]$/, ''));
  }
  return text;
}
