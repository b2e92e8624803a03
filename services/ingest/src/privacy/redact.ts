import { EMAIL, IBAN, isBsn, isIban, NINE_DIGITS, PHONE_INTL, PHONE_NL } from './patterns.js';

/**
 * Redacts obvious personal data from free text before it leaves the adapter: e-mail addresses,
 * bank accounts (IBAN), phone numbers, BSN-like numbers (nine digits that pass the eleven test,
 * also written 1234.56.782 or 123 456 782) and addresses (a Dutch postcode with or without
 * house number, or a street name ending in a common suffix followed by a house number). Each
 * becomes a token: [e-mail], [IBAN], [phone], [BSN], [address].
 *
 * Names cannot be recognised reliably and are left alone; the comment stays content with its
 * own retention. Order matters: e-mail first (addresses hold digits), then IBAN (holds a long
 * digit run), then phone numbers (ten digits) before the nine-digit BSN test.
 *
 * Linear in the length of the text (see patterns.ts); callers still cut free text to its
 * documented limit first, so that a large body costs little.
 */

// 1234 AB, optionally followed by a house number (12, 12a, 12-3, 12 bis) after a space or comma.
// The letters are capitals: "1000 en" in a sentence is not a postcode.
const POSTCODE =
  /(?<![\w])[1-9]\d{3}[ ]?(?!SA|SD|SS)[A-Z]{2}(?![\w])(?:[ ,]{1,3}\d{1,5}(?:[ -]?[A-Za-z](?![\w])|-\d{1,4})?(?![\w]))?/g;

const STREET_SUFFIX =
  'straat|laan|weg|plein|gracht|kade|dijk|singel|steeg|pad|hof|park|dreef|baan|markt|wal|veld|erf|plantsoen|boulevard|allee|kwartier|ring|haven';
const HOUSE_NUMBER = '[ ]{1,3}\\d{1,5}(?:[ -]?[A-Za-z](?![\\w])|-\\d{1,4})?(?![\\w])';
// A street word starts where a word starts (not inside "A-A-A…" or "AéAé…", which would make
// every capital a new start) and is at most 60 letters long.
const WORD_START = '(?<![\\p{L}\\p{N}_-])';
// Kerkstraat 12, Van Goghlaan 3b, Oude Gracht 101-2: the street word and the number after it.
const STREET = new RegExp(`${WORD_START}[A-Z][\\p{L}-]{0,60}(?:${STREET_SUFFIX})${HOUSE_NUMBER}`, 'gu');
// "Oude Gracht 12": a separate street word after a capitalised word.
const STREET_TWO_WORDS = new RegExp(
  `${WORD_START}[A-Z][\\p{L}-]{0,60}[ ](?:${STREET_SUFFIX.split('|')
    .map((s) => s[0]!.toUpperCase() + s.slice(1))
    .join('|')})${HOUSE_NUMBER}`,
  'gu',
);

export function redactPersonalData(text: string): string {
  let out = text.replace(EMAIL, '[e-mail]');
  out = out.replace(IBAN, (match) => (isIban(match) ? '[IBAN]' : match));
  out = out.replace(PHONE_NL, '[phone]').replace(PHONE_INTL, '[phone]');
  out = out.replace(NINE_DIGITS, (match) => (isBsn(match) ? '[BSN]' : match));
  out = out.replace(STREET, '[address]').replace(STREET_TWO_WORDS, '[address]');
  out = out.replace(POSTCODE, '[address]');
  // "[address], 1234 AB" collapses to one token.
  return out.replace(/\[address\](?:,?[ ]*\[address\])+/g, '[address]');
}
