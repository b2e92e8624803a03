/** A query's optional period [from, to) must not be empty: use as `.refine(...fromBeforeTo)`. */
export const fromBeforeTo: [
  (q: { from?: string | undefined; to?: string | undefined }) => boolean,
  { path: string[]; message: string },
] = [
  (q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to),
  { path: ['to'], message: 'must be later than from' },
];
