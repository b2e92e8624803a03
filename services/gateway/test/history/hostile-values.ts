/** Hostile query values (acceptance 2 of the gateway), shared by every route's hostile-input test. */
export const HOSTILE_VALUES: readonly string[] = [
  // Quotes and escapes.
  "'",
  '"',
  "centrum'",
  "' OR '1'='1",
  "centrum' OR tenant != '",
  '" OR ""="',
  '\\',
  "\\'",
  'centrum\\',
  '`tenant`',
  // SQL comments and statements.
  '--',
  'centrum--',
  'centrum -- x',
  '/* x */',
  'centrum/**/',
  '#',
  "'; DROP TABLE visits_per_day_v1; --",
  'centrum; SELECT 1',
  '1 UNION ALL SELECT * FROM system.tables',
  '{p0:String}',
  // Unicode tricks.
  'centrum\u202Eexe.txt', // right-to-left override
  'c\u0435ntrum', // Cyrillic e, a homoglyph
  'сentrum', // Cyrillic s
  'centrum\u200B', // zero-width space
  '\uFEFFcentrum', // byte-order mark
  'ｃｅｎｔｒｕｍ', // full-width letters
  'centrum\u0301', // combining accent
  '\uD83D\uDE00',
  '١٢٣', // Arabic-Indic digits
  // Control characters.
  'centrum\u0000',
  '\u0000',
  'centrum\n',
  'centrum\r\nX-Injected: 1',
  '\t',
  // Numbers that are no numbers, or too big.
  '-1',
  '-0',
  '+1',
  '1e+309',
  '-9007199254740993',
  '9'.repeat(400),
  '-NaN',
  '+Infinity',
  '-Infinity',
  '0x1p+1024',
  // Overlong and empty.
  'a'.repeat(129),
  'a'.repeat(10_000),
  '',
  ' ',
  // Formula starts (a spreadsheet would run them).
  '=HYPERLINK("http://evil")',
  '@SUM(1)',
  // Paths and markup.
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '%27',
];
