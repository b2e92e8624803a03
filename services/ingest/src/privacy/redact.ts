import { passesElevenTest } from './personal-data.js';

/**
 * Redacts obvious personal data from a free-text survey answer before it leaves the adapter:
 * e-mail addresses, bank accounts (IBAN), phone numbers, BSN-like numbers (nine digits that
 * pass the eleven test, also written 1234.56.782 or 123 456 782) and addresses (a Dutch
 * postcode with or without house number, or a street name ending in a common suffix followed
 * by a house number). Each becomes a token: [e-mail], [IBAN], [phone], [BSN], [address].
 *
 * Names cannot be recognised reliably and are left alone; the comment stays content with its
 * own retention. Order matters: e-mail first (addresses hold digits), then IBAN (holds a long
 * digit run), then phone numbers (ten digits) before the nine-digit BSN test.
 */

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

// NL91 ABNA 0417 1643 00, also without spaces; other countries' IBANs have the same shape.
const IBAN = /\b[A-Z]{2}\d{2}[ ]?[A-Z]{4}(?:[ ]?\d){10}\b/gi;

// Dutch numbers: 0, +31 or 0031, then nine digits, separated by single spaces, dashes, dots or
// around an area code in brackets: 06-12345678, 020 624 1111, (020) 6241111, +31 (0)6 1234 5678.
const PHONE_NL =
  /(?<![\d+])(?:(?:\+31|0031)[\s.-]?(?:\(0\)[\s.-]?)?|\(0|0[\s.-]?)(?:\d\)?[\s.-]?){8}\d(?!\d)/g;

// Other international numbers: + or 00, a country code, 7 to 12 more digits.
const PHONE_INTL = /(?<![\d+])(?:\+|00)[1-9]\d{0,2}(?:[\s.-]?\d){7,12}(?!\d)/g;

// Nine digits, plain or grouped as the BSN is usually written.
// Plain runs count wherever they stand (V111222333 too), as the check before Kafka sees them.
const NINE_DIGITS =
  /(?<!\d)\d{9}(?!\d)|(?<![\w.])(?:\d{4}[.\s]\d{2}[.\s]\d{3}|\d{3}[.\s]\d{3}[.\s]\d{3})(?![\w]|[.,]\d)/g;

// 1234 AB, optionally followed by a house number (12, 12a, 12-3, 12 bis) after a space or comma.
// The letters are capitals: "1000 en" in a sentence is not a postcode.
const POSTCODE =
  /(?<![\w])[1-9]\d{3}[ ]?(?!SA|SD|SS)[A-Z]{2}(?![\w])(?:[ ,]+\d{1,5}(?:[ -]?[A-Za-z](?![\w])|-\d{1,4})?(?![\w]))?/g;

const STREET_SUFFIX =
  'straat|laan|weg|plein|gracht|kade|dijk|singel|steeg|pad|hof|park|dreef|baan|markt|wal|veld|erf|plantsoen|boulevard|allee|kwartier|ring|haven';
// Kerkstraat 12, Van Goghlaan 3b, Oude Gracht 101-2: the street word and the number after it.
const STREET = new RegExp(
  `(?<![\\w])[A-Z][\\p{L}-]*(?:${STREET_SUFFIX})[ ]+\\d{1,5}(?:[ -]?[A-Za-z](?![\\w])|-\\d{1,4})?(?![\\w])`,
  'gu',
);
// "Oude Gracht 12": a separate street word after a capitalised word.
const STREET_TWO_WORDS = new RegExp(
  `(?<![\\w])[A-Z][\\p{L}-]*[ ](?:${STREET_SUFFIX.split('|')
    .map((s) => s[0]!.toUpperCase() + s.slice(1))
    .join('|')})[ ]+\\d{1,5}(?:[ -]?[A-Za-z](?![\\w])|-\\d{1,4})?(?![\\w])`,
  'gu',
);

export function redactPersonalData(text: string): string {
  let out = text.replace(EMAIL, '[e-mail]');
  out = out.replace(IBAN, '[IBAN]');
  out = out.replace(PHONE_NL, '[phone]').replace(PHONE_INTL, '[phone]');
  out = out.replace(NINE_DIGITS, (match) => (passesElevenTest(match.replace(/\D/g, '')) ? '[BSN]' : match));
  out = out.replace(STREET, '[address]').replace(STREET_TWO_WORDS, '[address]');
  out = out.replace(POSTCODE, '[address]');
  // "[address], 1234 AB" collapses to one token.
  return out.replace(/\[address\](?:,?[ ]*\[address\])+/g, '[address]');
}
