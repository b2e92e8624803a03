import { redactPersonalData } from './redact.js';

/**
 * Last line of defence before Kafka: finds clear personal data (BSN, e-mail address, phone
 * number) in an event's strings. Adapters pseudonymise or redact what they know to be personal;
 * this catches what a supplier put where it does not belong.
 */

export type PersonalDataKind = 'e-mail address' | 'phone number' | 'BSN';

export interface PersonalDataFinding {
  path: string;
  kind: PersonalDataKind;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
// Dutch numbers: 0 or +31/0031, then 9 digits, with optional spaces or dashes between.
const PHONE = /(?:^|[^\d+])(?:\+31|0031|0)[\s-]?(?:\d[\s-]?){8}\d(?!\d)/;
const NINE_DIGITS = /(?:^|\D)(\d{9})(?!\d)/g;

/** The "elfproef" every BSN passes: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is divisible by 11. */
export function passesElevenTest(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0 && digits !== '000000000';
}

// Every kind above needs an '@' or nine digits with at most one separator between them; most
// strings (ids, names of queues) have neither, and this one test rules them out cheaply.
const CANDIDATE = /@|(?:\d[\s-]?){9}/;

// UUIDs and long hex strings (event ids, zaak uuids, keyed hashes) hold digit runs that look
// like phone numbers or BSNs by chance; they are not personal data, so they are blanked first.
const MACHINE_IDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b[0-9a-f]{16,}\b/gi;

export function findPersonalDataInText(raw: string): PersonalDataKind | undefined {
  if (!CANDIDATE.test(raw)) return undefined;
  if (EMAIL.test(raw)) return 'e-mail address';
  const text = raw.replace(MACHINE_IDS, ' ');
  if (PHONE.test(text)) return 'phone number';
  for (const match of text.matchAll(NINE_DIGITS)) {
    if (passesElevenTest(match[1]!)) return 'BSN';
  }
  return undefined;
}

// Keyed hashes are hex and may contain digit runs by chance; the dialled line is the
// municipality's own number, not a person's.
const EXEMPT = [/\.(caller_key|staff_key|agent_key)$/, /^payload\.line$/];

/** Every string in `value` that holds clear personal data, with its dotted path. */
export function findPersonalData(value: unknown, path = ''): PersonalDataFinding[] {
  if (typeof value === 'string') {
    if (EXEMPT.some((re) => re.test(path))) return [];
    const kind = findPersonalDataInText(value);
    return kind ? [{ path, kind }] : [];
  }
  if (Array.isArray(value))
    return value.flatMap((v, i) => findPersonalData(v, path ? `${path}.${i}` : String(i)));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => findPersonalData(v, path ? `${path}.${k}` : k));
  }
  return [];
}

/**
 * A copy of `value` with personal data in every string redacted. Dead letters keep the input
 * as received so the supplier can fix it, but never with a clear BSN, e-mail or phone number.
 */
export function redactDeep(value: unknown): unknown {
  // Only where the check above finds something: machine ids stay intact.
  if (typeof value === 'string') return findPersonalDataInText(value) ? redactPersonalData(value) : value;
  if (Array.isArray(value)) return value.map(redactDeep);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)]));
  }
  return value;
}
