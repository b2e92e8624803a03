/**
 * Hostile values for any filter parameter (issue 11, acceptance 2), already percent-encoded for
 * a query string: quotes, backslashes, SQL comments, unicode tricks, huge numbers, templates.
 */
const raw = [
  "'",
  '"',
  '\\',
  '`',
  "'; DROP TABLE kpi --",
  "' OR '1'='1",
  '1; SELECT 1',
  '/* comment */',
  '-- comment',
  '# comment',
  'a\u0000b',
  'line\nbreak',
  'carriage\r\nreturn',
  'tab\tbed',
  'zero\u200bwidth',
  '\u202eright-to-left',
  '\ufeffbom',
  'e\u0301', // decomposed é: not NFC
  '\u2028separator',
  'emoji🙂',
  ' leading space',
  'trailing space ',
  'double  space',
  '1e309',
  '9'.repeat(600),
  'x'.repeat(513),
  '{"$gt":""}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection attempt, on purpose
  '${7*7}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  'a,b',
  'a;b',
  'a=b',
  'a&b',
  '(SELECT 1)',
  '*',
  'a|b',
  'a!b',
  'a?b',
  "quote'inside",
  'back\\slash',
  'dollar$sign',
  '',
] as const;

export const HOSTILE_VALUES: readonly { label: string; encoded: string }[] = [
  ...raw.map((value) => ({ label: JSON.stringify(value).slice(0, 40), encoded: encodeURIComponent(value) })),
  // A lone surrogate cannot be encoded by encodeURIComponent: its UTF-8 bytes as a client may send them.
  { label: 'lone surrogate', encoded: '%ED%A0%80' },
  { label: 'invalid percent escape', encoded: '%E0%A4%A' },
];
