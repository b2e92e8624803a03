import type { Db, Sql } from '@stuurwiel/clickhouse';
import { z } from 'zod';

/**
 * A named read (trigger.dev's ClickHouse package): zod for its parameters and for its rows, so a
 * caller's mistake and a row the table no longer matches both fail with the statement's name.
 */
export interface NamedQuery<P extends z.ZodType, R extends z.ZodType> {
  readonly name: string;
  readonly params: P;
  readonly row: R;
  readonly statement: (params: z.output<P>) => Sql;
}

/** Parses `value`, or throws an error naming the statement, what was parsed and every field. */
export function parseFor<S extends z.ZodType>(
  name: string,
  what: string,
  schema: S,
  value: unknown,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${[what, ...i.path].join('.')}: ${i.message}`);
  throw new Error(`${name}: ${problems.join('; ')}`);
}

export async function runQuery<P extends z.ZodType, R extends z.ZodType>(
  db: Db,
  query: NamedQuery<P, R>,
  input: z.input<P>,
): Promise<z.output<R>[]> {
  const params = parseFor(query.name, 'params', query.params, input);
  const rows = await db.query<unknown>(query.statement(params));
  return rows.map((row, i) => parseFor(query.name, `row ${i}`, query.row, row));
}

/** 2^53 - 1 - ms: the version that lets the earliest copy of a record win a merge (see 0010). */
export function precedence(epochMs: number): number {
  return Number.MAX_SAFE_INTEGER - epochMs;
}

/** Declares a named query, typing its statement's parameters from the params schema. */
export function namedQuery<P extends z.ZodType, R extends z.ZodType>(
  query: NamedQuery<P, R>,
): NamedQuery<P, R> {
  return query;
}

/** Epoch milliseconds as a query returns them (18.16 quotes 64-bit integers), read as an ISO instant. */
export const epochIso = z.coerce
  .number()
  .int()
  .nonnegative()
  .transform((ms) => new Date(ms).toISOString());

/** How many rows a read returns at the most. */
export const rowLimit = z.number().int().min(1).max(10_000).default(1000);

/** A JSON text column, parsed (pipe it into the schema of what it holds). */
export const jsonText = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not JSON' });
    return z.NEVER;
  }
});
