import { isObject } from '../is-object.js';
/**
 * Fields of a canonical payload that identify a person and so must be keyed hashes: staff,
 * agents and callers, and a transfer to a staff member or agent.
 */

// A keyed hash is hex (HMAC-SHA256 gives 64 characters); a name or employee number is not. Hex
// of digits only is a number (0612345678123456 is a phone number with something after it)
// unless it has the full length of an HMAC-SHA256, which our pseudonymiser gives.
export const KEYED_HASH = /^(?:(?=\d*[a-f])[0-9a-f]{16,128}|[0-9a-f]{64})$/i;

const PERSON_FIELDS = ['staff_key', 'agent_key', 'caller_key'] as const;

/** Person keys of a payload, as [path below the payload, value]. */
export function personKeys(payload: unknown): [string, unknown][] {
  if (!isObject(payload)) return [];
  const keys: [string, unknown][] = [];
  for (const field of PERSON_FIELDS) if (payload[field] !== undefined) keys.push([field, payload[field]]);
  const to = payload.to;
  if (isObject(to) && (to.kind === 'staff' || to.kind === 'agent')) keys.push(['to.id', to.id]);
  return keys;
}

export const isKeyedHash = (value: unknown): boolean => typeof value === 'string' && KEYED_HASH.test(value);

/**
 * A canonical record for a dead letter with every person key that is not a keyed hash replaced
 * by its keyed hash (a string) or a marker (anything else): a name sent where a hash belongs is
 * rejected, and must not then be kept in clear.
 */
export function hidePersonKeys(record: unknown, pseudonymise: (value: string) => string): unknown {
  if (!isObject(record) || !isObject(record.payload)) return record;
  const payload: Record<string, unknown> = { ...record.payload };
  const hide = (value: unknown) =>
    isKeyedHash(value) ? value : typeof value === 'string' ? pseudonymise(value) : '[not a keyed hash]';
  for (const [path, value] of personKeys(payload)) {
    if (path === 'to.id') payload.to = { ...(payload.to as object), id: hide(value) };
    else payload[path] = hide(value);
  }
  return { ...record, payload };
}
