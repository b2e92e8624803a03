/** V8 quotes about this many characters on each side of an unexpected token. */
const CONTEXT = 10;
const UNEXPECTED = /^Unexpected token '.+?', (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/;

/**
 * Where JSON.parse gave up on `text`, as ` (at character N)`, without V8's message: that quotes
 * the text around the error, which may be a source system's personal data or a file's secrets.
 */
export function whereJsonFails(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : '';
  const at = /position (\d+)/.exec(message)?.[1];
  if (at !== undefined) return ` (at character ${at})`;
  if (/end of JSON input/.test(message)) return ' (it ends too early)';
  // Node 20 names no position for an unexpected token, only the text around it: find that.
  const quoted = UNEXPECTED.exec(message);
  if (!quoted) return '';
  const [, cutBefore, context = '', cutAfter] = quoted;
  if (!cutBefore && !cutAfter) return '';
  const start = cutBefore ? text.indexOf(context) : 0;
  if (start === -1) return '';
  return ` (at character ${cutBefore ? start + CONTEXT : context.length - CONTEXT})`;
}
