/**
 * Patterns for personal data in untrusted text, shared by the last check before Kafka
 * (personal-data.ts) and the redaction of free text (redact.ts).
 *
 * Every pattern runs in time linear in the text on V8's backtracking engine, because input
 * comes from anyone who holds an API key and a scan blocks every other request meanwhile:
 * - an unbounded repetition may only start where its run starts: a lookbehind refuses every
 *   position inside a run in one step, so a run of n characters is walked once, not n times;
 * - every other repetition is bounded by a small constant (a phone number has 9 digits);
 * - after a repetition comes a character it cannot hold, so giving characters back fails at
 *   once instead of trying the rest of the pattern again.
 * test/privacy/linear-time.test.ts feeds each pattern the inputs that made the old ones
 * quadratic; bench:hostile measures what that costs the other requests.
 */

/** Characters of an e-mail local part (RFC 5322's common subset). */
const LOCAL = 'A-Za-z0-9._%+\\-';
export const EMAIL = new RegExp(
  `(?<![${LOCAL}])[${LOCAL}]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}`,
  'g',
);

/**
 * IBAN candidates: country, check digits, 11 to 30 letters or digits, optionally in groups of
 * four. Whether one is an IBAN is decided by its checksum (isIban), which random ids fail.
 */
export const IBAN = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){11,30}(?![A-Za-z0-9])/g;

/**
 * Dutch numbers: 0, +31, 0031 or 31, then nine digits of which the first is no 0 (no area code
 * or mobile prefix starts with one), separated by single spaces, dashes, dots or around an area
 * code in brackets: 06-12345678, 020 624 1111, (020) 6241111, +31 (0)6 1234 5678, 31612345678.
 * Letters may stand right before (tel0612345678). Zero-padded ids (0000081234,
 * ZAAK-2026-0000001234) are no phone numbers.
 */
export const PHONE_NL =
  /(?<![\d+])(?:(?:\+31|0031|31(?=[\s.-]?[1-9]))[\s.-]?(?:\(0\)[\s.-]?)?|\(0|0[\s.-]?)(?=[1-9])(?:\d\)?[\s.-]?){8}\d(?!\d)/g;

/**
 * Other international numbers: + and a country code with 7 to 12 more digits, or 00 and a
 * country code with 8 to 12 more (a zero-padded id such as 0012345678 is no number abroad).
 */
export const PHONE_INTL =
  /(?<![\d+])(?:\+[1-9]\d{0,2}(?:[\s.-]?\d){7,12}|00[1-9]\d{0,2}(?:[\s.-]?\d){8,12})(?!\d)/g;

/**
 * Nine digits, plain or grouped as the BSN is usually written (1234.56.782, 123 456 782).
 * Plain runs count wherever they stand (V111222333 too). Whether one is a BSN is decided by
 * the eleven test (passesElevenTest).
 */
export const NINE_DIGITS =
  /(?<!\d)\d{9}(?!\d)|(?<![\w.])(?:\d{4}[.\s]\d{2}[.\s]\d{3}|\d{3}[.\s]\d{3}[.\s]\d{3})(?![\w]|[.,]\d)/g;

/** The "elfproef" every BSN passes: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is divisible by 11. */
export function passesElevenTest(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0 && digits !== '000000000';
}

/** A nine-digit match of NINE_DIGITS that is a BSN. */
export const isBsn = (match: string): boolean => passesElevenTest(match.replace(/\D/g, ''));

/** ISO 13616 check: the rearranged number, letters as 10..35, is 1 modulo 97. */
function passesIbanChecksum(compact: string): boolean {
  if (compact.length < 15 || compact.length > 34) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let rest = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    const value = code <= 57 ? code - 48 : code - 55;
    rest = (value > 9 ? rest * 100 + value : rest * 10 + value) % 97;
  }
  return rest === 1;
}

/**
 * Whether an IBAN match is an IBAN, also when more groups of digits follow it after a space
 * (the pattern takes them too): the whole match or a prefix ending at a space must pass.
 */
export function isIban(match: string): boolean {
  const text = match.toUpperCase();
  for (let end = text.length; end > 0; end = text.lastIndexOf(' ', end - 1)) {
    if (passesIbanChecksum(text.slice(0, end).replaceAll(' ', ''))) return true;
  }
  return false;
}

/** Whether `pattern` (global) matches somewhere in `text` where `accept` (if given) agrees. */
export function occursIn(pattern: RegExp, text: string, accept?: (match: string) => boolean): boolean {
  pattern.lastIndex = 0;
  if (!accept) {
    const found = pattern.test(text);
    pattern.lastIndex = 0;
    return found;
  }
  for (const match of text.matchAll(pattern)) if (accept(match[0])) return true;
  return false;
}
