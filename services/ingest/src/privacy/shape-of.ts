/**
 * A value of a source record described by its length and the kinds of characters in it, for a
 * reason: reasons go into dead letters and answers, and a field the adapter would have hidden
 * (an agent's name, a caller id, free text) must not come back through them.
 */
export function shapeOf(value: string): string {
  if (value === '') return 'nothing';
  const kinds = [
    [/\p{Nd}/u, 'digits'],
    [/\p{L}/u, 'letters'],
    [/\s/u, 'spaces'],
    [/[^\p{Nd}\p{L}\s]/u, 'other characters'],
  ] as const;
  const found = kinds.filter(([pattern]) => pattern.test(value)).map(([, name]) => name);
  const length = [...value].length;
  return `${length} character${length === 1 ? '' : 's'} (${found.join(', ')})`;
}
