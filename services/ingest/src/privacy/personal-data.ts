import { isObject } from '../is-object.js';
import { cutAt } from './cut.js';
import {
  EMAIL,
  IBAN,
  isBsn,
  isIban,
  NINE_DIGITS,
  occursIn,
  PHONE_INTL,
  PHONE_NL,
  passesElevenTest,
} from './patterns.js';
import { redactPersonalData } from './redact.js';

export { passesElevenTest };

/**
 * Last line of defence before Kafka: finds clear personal data (BSN, e-mail address, phone
 * number, IBAN) in an event's strings and numbers. Adapters pseudonymise or redact what they
 * know to be personal; this catches what a supplier put where it does not belong.
 */

export type PersonalDataKind = 'e-mail address' | 'phone number' | 'BSN' | 'IBAN';

export interface PersonalDataFinding {
  path: string;
  kind: PersonalDataKind;
}

/**
 * Only this many characters of a string are scanned. Every string a canonical event may hold
 * is shorter (the longest, a survey comment, is 2000), so the cap only bounds the cost of
 * input that is refused anyway.
 */
export const SCAN_LIMIT = 4096;

// Every kind above needs an '@' or nine digits with at most two separators between each; most
// strings (ids, names of queues) have neither, and this one test rules them out cheaply.
const CANDIDATE = /@|\d(?:[\s.()-]{0,2}\d){8}/;

// UUIDs and long hex strings (event ids, zaak uuids, keyed hashes) hold digit runs that look
// like phone numbers or BSNs by chance; they are not personal data, so they are blanked first.
const MACHINE_IDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b[0-9a-f]{16,}\b/gi;

export function findPersonalDataInText(raw: string): PersonalDataKind | undefined {
  const capped = raw.length > SCAN_LIMIT ? raw.slice(0, SCAN_LIMIT) : raw;
  if (!CANDIDATE.test(capped)) return undefined;
  if (occursIn(EMAIL, capped)) return 'e-mail address';
  const text = capped.replace(MACHINE_IDS, ' ');
  if (occursIn(IBAN, text, isIban)) return 'IBAN';
  if (occursIn(PHONE_NL, text) || occursIn(PHONE_INTL, text)) return 'phone number';
  if (occursIn(NINE_DIGITS, text, isBsn)) return 'BSN';
  return undefined;
}

/**
 * A whole number as a supplier may have meant it: the mobile number 0612345678 sent as a JSON
 * number arrives as 612345678, so such a number is also read with its leading zero back.
 */
function findPersonalDataInNumber(value: number): PersonalDataKind | undefined {
  if (!Number.isSafeInteger(value) || Math.abs(value) < 1e8) return undefined;
  const digits = String(Math.abs(value));
  return (
    findPersonalDataInText(digits) ??
    (/^6\d{8}$/.test(digits) ? findPersonalDataInText(`0${digits}`) : undefined)
  );
}

// Keyed hashes are hex and may contain digit runs by chance (their form is checked apart).
const PERSON_KEY = /(?:^|\.)(caller_key|staff_key|agent_key)$/;

/**
 * Every string and number in `value` that holds clear personal data, with its dotted path. In a
 * call.offered event, `payload.line` is the municipality's own dialled number, not a person's.
 */
export function findPersonalData(value: unknown, path = ''): PersonalDataFinding[] {
  const ownLine = isObject(value) && value.type === 'call.offered' ? 'payload.line' : undefined;
  return findIn(value, path, ownLine);
}

function findIn(value: unknown, path: string, ownLine: string | undefined): PersonalDataFinding[] {
  if (typeof value === 'string' || typeof value === 'number') {
    if (PERSON_KEY.test(path) || path === ownLine) return [];
    const kind = typeof value === 'string' ? findPersonalDataInText(value) : findPersonalDataInNumber(value);
    return kind ? [{ path, kind }] : [];
  }
  if (Array.isArray(value))
    return value.flatMap((v, i) => findIn(v, path ? `${path}.${i}` : String(i), ownLine));
  if (isObject(value)) {
    return Object.entries(value).flatMap(([k, v]) => findIn(v, path ? `${path}.${k}` : k, ownLine));
  }
  return [];
}

/** Longest string a dead letter keeps; the rest is cut with a marker before it is scanned. */
export const DEAD_LETTER_STRING_LIMIT = 1024;
/** Deepest nesting a dead letter keeps (bodies deeper than the JSON limit never get here). */
const DEAD_LETTER_DEPTH_LIMIT = 40;

function cutText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const head = cutAt(text, limit);
  return `${head}…[cut ${text.length - head.length} characters]`;
}

/** `text` cut to `limit` characters with a marker, then with personal data redacted. */
export function redactText(text: string, limit: number): string {
  const cut = cutText(text, limit);
  // Only where the check above finds something: machine ids stay intact.
  return findPersonalDataInText(cut) ? redactPersonalData(cut) : cut;
}

/**
 * A copy of `value` for a dead letter: every string (and key) cut to its limit, then with
 * personal data redacted; numbers that read as personal data replaced by a marker.
 */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value, DEAD_LETTER_STRING_LIMIT);
  if (typeof value === 'number') return findPersonalDataInNumber(value) ? '[number redacted]' : value;
  if (depth >= DEAD_LETTER_DEPTH_LIMIT) return '[nested too deep]';
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [redactText(k, 128), redactDeep(v, depth + 1)]),
    );
  }
  return value;
}
