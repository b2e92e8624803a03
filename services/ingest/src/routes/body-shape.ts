/**
 * How many records and values a JSON or NDJSON body holds and how deep it nests, read in one
 * pass over the text without parsing it: limits are checked before a body costs memory (an 8 MiB
 * NDJSON body of `{}` lines is 2.8 million objects once parsed, one record of 8 MiB `[1,1,…]`
 * is 4 million numbers) or a call to a source system, and before any recursive code could
 * overflow the stack on deep nesting.
 */

/** Deepest nesting of arrays and objects a body may have; deeper gets 400. */
export const MAX_JSON_DEPTH = 32;

export interface BodyShape {
  /**
   * Elements of a top-level array (or of the array under `recordsKey` of a top-level object),
   * 1 for any other value, non-blank lines for NDJSON.
   */
  records: number;
  /** Deepest nesting of arrays and objects (a top-level array of objects is 2). */
  depth: number;
  /**
   * An upper bound of the JSON values the body parses into: every opening bracket and comma
   * outside strings, plus one, and in NDJSON every newline.
   */
  values: number;
}

export interface ShapeOptions {
  /** One JSON value per line. */
  ndjson?: boolean;
  /** Stop reading once more records than this were seen: the body is refused for that alone. */
  maxRecords?: number;
  /** Stop reading once more values than this were seen. */
  maxValues?: number;
  /** The records are the elements of this key's array in a top-level object (CSV `rows`). */
  recordsKey?: string;
}

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;

const isBlank = (code: number) => code === 0x20 || code === 0x09 || code === 0x0d || code === NEWLINE;

/** A key as JSON.parse reads it (escapes included); long keys are no record key anyway. */
function keyText(quoted: string): string | undefined {
  if (quoted.length > 256) return undefined;
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return undefined;
  }
}

/** The shape of a JSON body (or, with `ndjson`, of one JSON value per line). */
export function bodyShape(text: string, options: ShapeOptions = {}): BodyShape {
  const { ndjson = false, recordsKey } = options;
  const maxRecords = options.maxRecords ?? Number.POSITIVE_INFINITY;
  const maxValues = options.maxValues ?? Number.POSITIVE_INFINITY;
  let depth = 0;
  let maxDepth = 0;
  let values = 1;
  let inString = false;
  let escaped = false;
  let stringStart = 0;
  // JSON mode: what the top level is; the array whose elements are the records (its depth once
  // open, 0 when none is open), whether its current element has content, and the last key
  // and significant character seen at depth 1 (to find `recordsKey`'s array).
  let started = false;
  let topObject = false;
  let listDepth = 0;
  let sawList = false;
  let elementHasContent = false;
  let lastKey: string | undefined;
  let previous = 0;
  let records = 0;
  // NDJSON mode: whether the current line has content.
  let lineHasContent = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Before the string check: a JSON string cannot hold a raw newline, so a line that leaves
    // one open ends there, and the lines after it are counted as what they are.
    if (ndjson && code === NEWLINE) {
      if (lineHasContent) records++;
      lineHasContent = false;
      if (records > maxRecords || ++values > maxValues) break;
      // A line that does not close what it opened is its own error, not the next line's.
      depth = 0;
      inString = false;
      escaped = false;
      continue;
    }
    if (inString) {
      if (escaped) escaped = false;
      else if (code === BACKSLASH) escaped = true;
      else if (code === QUOTE) {
        inString = false;
        if (depth === 1 && topObject && recordsKey !== undefined && previous !== COLON)
          lastKey = keyText(text.slice(stringStart, i + 1));
        previous = QUOTE;
      }
      continue;
    }
    if (isBlank(code)) continue;
    lineHasContent = true;
    if (!started && !ndjson) {
      started = true;
      if (code === OPEN_BRACKET) {
        listDepth = 1;
        sawList = true;
      } else topObject = code === OPEN_BRACE;
    }
    // Anything inside the list but its own separators and its closing bracket is an element.
    const listPunctuation = depth === listDepth && (code === COMMA || code === CLOSE_BRACKET);
    if (listDepth > 0 && depth >= listDepth && !listPunctuation) elementHasContent = true;
    if (code === QUOTE) {
      inString = true;
      stringStart = i;
      continue;
    }
    if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (
        code === OPEN_BRACKET &&
        depth === 1 &&
        topObject &&
        previous === COLON &&
        recordsKey !== undefined &&
        lastKey === recordsKey
      ) {
        // A repeated key's last array is the one JSON.parse keeps.
        listDepth = 2;
        sawList = true;
        records = 0;
        elementHasContent = false;
      }
      depth++;
      if (depth > maxDepth) maxDepth = depth;
      if (++values > maxValues) break;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      if (listDepth > 0 && depth === listDepth) {
        if (elementHasContent) records++;
        listDepth = 0;
      }
      depth--;
    } else if (code === COMMA) {
      if (++values > maxValues) break;
      if (listDepth > 0 && depth === listDepth) {
        if (++records > maxRecords) break;
        elementHasContent = false;
      }
    }
    previous = code;
  }
  if (ndjson) return { records: records + (lineHasContent ? 1 : 0), depth: maxDepth, values };
  return { records: sawList ? records : started ? 1 : 0, depth: maxDepth, values };
}
