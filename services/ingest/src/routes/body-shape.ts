/**
 * How many records a JSON or NDJSON body holds and how deep it nests, read in one pass over the
 * text without parsing it: limits are checked before a body costs memory (an 8 MiB NDJSON body
 * of `{}` lines is 2.8 million objects once parsed) or a call to a source system, and before
 * any recursive code could overflow the stack on deep nesting.
 */

/** Deepest nesting of arrays and objects a body may have; deeper gets 400. */
export const MAX_JSON_DEPTH = 32;

export interface BodyShape {
  /** Elements of a top-level array, 1 for any other value, non-blank lines for NDJSON. */
  records: number;
  /** Deepest nesting of arrays and objects (a top-level array of objects is 2). */
  depth: number;
}

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const NEWLINE = 0x0a;

const isBlank = (code: number) => code === 0x20 || code === 0x09 || code === 0x0d || code === NEWLINE;

/**
 * The shape of a JSON body (or, with `ndjson`, of one JSON value per line). Stops reading once
 * more than `maxRecords` records were seen: the body is refused for that alone.
 */
export function bodyShape(text: string, ndjson = false, maxRecords = Number.POSITIVE_INFINITY): BodyShape {
  let depth = 0;
  let maxDepth = 0;
  let inString = false;
  let escaped = false;
  // JSON mode: whether the top level is an array, and whether its current element has content.
  let topArray = false;
  let started = false;
  let elementHasContent = false;
  let records = 0;
  // NDJSON mode: whether the current line has content.
  let lineHasContent = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (code === BACKSLASH) escaped = true;
      else if (code === QUOTE) inString = false;
      continue;
    }
    if (ndjson && code === NEWLINE) {
      if (lineHasContent) records++;
      lineHasContent = false;
      if (records > maxRecords) break;
      // A line that does not close what it opened is its own error, not the next line's depth.
      depth = 0;
      continue;
    }
    if (isBlank(code)) continue;
    lineHasContent = true;
    if (!started) {
      started = true;
      topArray = code === OPEN_BRACKET;
    }
    if (code === QUOTE) inString = true;
    else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth++;
      if (depth > maxDepth) maxDepth = depth;
      if (depth === 1) continue;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth--;
      if (depth === 0 && topArray && elementHasContent) records++;
      continue;
    } else if (code === COMMA && depth === 1 && topArray) {
      if (++records > maxRecords) break;
      elementHasContent = false;
      continue;
    }
    if (depth >= 1) elementHasContent = true;
  }
  if (ndjson) return { records: records + (lineHasContent ? 1 : 0), depth: maxDepth };
  return { records: topArray ? records : started ? 1 : 0, depth: maxDepth };
}
