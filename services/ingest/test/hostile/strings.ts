/**
 * Strings that made backtracking patterns take time quadratic in their length: long runs of
 * what a pattern's repetition accepts, ending in what it almost needs. Shared by the unit test
 * of the patterns (which asserts what is found) and the hostile corpus (posted by
 * bench:hostile, which measures what each costs the other requests).
 */
const MiB = 1024 * 1024;

const fill = (unit: string, length: number, tail = ''): string =>
  unit.repeat(Math.ceil((length - tail.length) / unit.length)).slice(0, length - tail.length) + tail;

export interface HostileString {
  name: string;
  text: string;
}

export const hostileStrings = (size = MiB): HostileString[] => [
  { name: "80,000 × 'a' + '@'", text: fill('a', 80_001, '@') },
  { name: "1 MiB of 'a' + '@'", text: fill('a', size, '@') },
  { name: "1 MiB of 'a.' + '@x.'", text: fill('a.', size, '@x.') },
  { name: "'a@' + 1 MiB of 'b' (domain without dot)", text: `a@${fill('b', size)}` },
  { name: "1 MiB of 'a@'", text: fill('a@', size) },
  { name: "1 MiB of 'A-' (street words)", text: fill('A-', size, ' 1') },
  { name: "1 MiB of 'Aé' (street words)", text: fill('Aé', size, 'straat') },
  { name: "1 MiB of 'Ab ' (street words)", text: fill('Ab ', size) },
  { name: '1 MiB of digits', text: fill('0', size) },
  { name: "1 MiB of '0 6 ' (phone numbers)", text: fill('0 6 ', size) },
  { name: "1 MiB of '0 ' (zero-padded, no phone numbers)", text: fill('0 ', size) },
  { name: "1 MiB of '00 ' (international prefixes)", text: fill('00 ', size) },
  { name: "1 MiB of '1234 AB ' (postcodes)", text: fill('1234 AB,   ', size) },
  { name: "1 MiB of 'NL91' (IBANs)", text: fill('NL91 ', size) },
  { name: '1 MiB of hex', text: fill('abcdef0123', size) },
  { name: "1 MiB of '+3' (international numbers)", text: fill('+3', size) },
];
