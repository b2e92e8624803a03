import type { DeadLetter } from '@stuurwiel/schemas';
import type { z } from 'zod';
import { isObject } from '../is-object.js';
import { cutAt, longestStartWithin } from '../privacy/cut.js';
import { redactDeep, redactText } from '../privacy/personal-data.js';
import { shapeOf } from '../privacy/shape-of.js';

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
  if (!isObject(value)) return undefined;
  return Object.fromEntries(keys.filter((k) => value[k] !== undefined).map((k) => [k, value[k]]));
}

/**
 * The fields of an object that `schemas` names, each as its own schema reads it (a service
 * object becomes its id); a value its schema refuses may be anything (an object holding a
 * customer's name under an id's key) and is left out with a marker.
 */
export function pickValid(
  value: unknown,
  schemas: Readonly<Record<string, z.ZodType>>,
): Record<string, unknown> | undefined {
  if (!isObject(value)) return undefined;
  return Object.fromEntries(
    Object.entries(schemas)
      .filter(([k]) => value[k] !== undefined)
      .map(([k, schema]) => {
        const parsed = schema.safeParse(value[k]);
        return [k, parsed.success ? parsed.data : leftOut(value[k])];
      }),
  );
}

/**
 * What a dead letter holds instead of a field whose value does not have the form the adapter
 * reads: such a value may be anything (a name, a phone number), so only its shape is told.
 */
export function leftOut(value: unknown): string {
  const what =
    typeof value === 'string'
      ? shapeOf(value)
      : value === null
        ? 'null'
        : Array.isArray(value)
          ? `an array of ${value.length}`
          : typeof value === 'object'
            ? 'an object'
            : `a ${typeof value}`;
  return `(left out: ${what})`;
}

const MAX_ERRORS = 20;
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const jsonBytes = (text: string) => bytes(JSON.stringify(text));
/** A path or reason cut to `maxBytes` of JSON, with a mark when it was cut. */
const cutJson = (text: string, maxBytes: number) => {
  const start = longestStartWithin(text, maxBytes, jsonBytes);
  return start.length < text.length ? `${start}…` : start;
};

/**
 * The dead letter as it goes on the topic, its errors' paths and reasons redacted (they may quote
 * the input): its JSON when within `maxBytes`; else `original` is replaced by
 * `{truncated: true, bytes, errors, head}` (head: the start of the original's JSON), only the
 * first errors are kept, each cut, and as many of those dropped as needed, so that no dead
 * letter exceeds `maxBytes` bytes of UTF-8 whatever its characters escape to.
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
  let errors = letter.errors
    .slice(0, MAX_ERRORS)
    .map((e) => ({ path: cutJson(e.path, 256), reason: cutJson(e.reason, 1024) }));
  const shell = (head: string): string =>
    JSON.stringify({
      ...letter,
      original: { truncated: true, bytes: bytes(original), errors: letter.errors.length, head },
      errors,
    });
  while (errors.length > 0 && bytes(shell('')) > maxBytes) errors = errors.slice(0, -1);
  // No head of more than maxBytes characters can fit: each is at least a byte.
  return shell(longestStartWithin(cutAt(original, maxBytes), maxBytes, (head) => bytes(shell(head))));
}
