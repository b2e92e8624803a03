import { z } from 'zod';

/** A query's optional period [from, to) must not be empty: use as `.refine(...fromBeforeTo)`. */
export const fromBeforeTo: [
  (q: { from?: string | undefined; to?: string | undefined }) => boolean,
  { path: string[]; message: string },
] = [
  (q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to),
  { path: ['to'], message: 'must be later than from' },
];

/** A row limit as a query parameter: digits only (no sign, exponent or spaces), at most `max`. */
export const limitParam = (max: number, fallback: number) =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,5}$/, { error: 'must be a whole number from 1' })
    .transform(Number)
    .pipe(z.number().max(max, { error: `must be at most ${max}` }))
    .default(fallback)
    .describe(`How many rows at the most (default ${fallback}, at most ${max}).`);
