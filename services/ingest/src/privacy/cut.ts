/** `text` cut to at most `limit` UTF-16 code units, never inside a surrogate pair. */
export function cutAt(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const head = text.slice(0, Math.max(0, limit));
  return /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
}

/**
 * The longest start of `text` (never ending inside a surrogate pair) for which `size` of it is
 * at most `maxBytes`; `size` grows with the text (a JSON document the start is part of: JSON
 * escaping makes a control character six bytes, so characters do not tell bytes).
 */
export function longestStartWithin(text: string, maxBytes: number, size: (start: string) => number): string {
  if (size(text) <= maxBytes) return text;
  let low = 0;
  let high = text.length;
  // Invariant: a start of `low` units fits (or low = 0), one of `high` does not.
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (size(cutAt(text, middle)) <= maxBytes) low = middle;
    else high = middle;
  }
  return cutAt(text, low);
}
