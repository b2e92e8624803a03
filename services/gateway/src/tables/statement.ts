import { HISTORY_DIMENSIONS, HISTORY_GRANULARITIES, HISTORY_GROUPINGS, tenantCode } from '@stuurwiel/schemas';
import { z } from 'zod';

/**
 * The frame every history statement runs in: a name, zod parameters and rows, a server-side time
 * limit and a row limit. The tenant is a parameter of every statement and is bound into its WHERE
 * clause; callers take it from the authenticated principal, never from a request.
 */

/** Seconds a history statement may run before the server stops it. */
export const STATEMENT_TIMEOUT_SECONDS = 20;
/** Rows a history statement may return; one more means the question was too wide. */
export const MAX_STATEMENT_ROWS = 10_000;

export const GRANULARITIES = HISTORY_GRANULARITIES;
export const granularity = z.enum(GRANULARITIES);
export type Granularity = z.infer<typeof granularity>;

/** Dimensions a history question can filter on and group by. */
export const DIMENSIONS = HISTORY_DIMENSIONS;
export const dimension = z.enum(DIMENSIONS);
export type Dimension = z.infer<typeof dimension>;

/** What a history question can group by: the dimensions plus the local hour of day and weekday. */
export const GROUPINGS = HISTORY_GROUPINGS;
export const grouping = z.enum(GROUPINGS);
export type Grouping = z.infer<typeof grouping>;

/**
 * A filter value: an identifier as the sources send them (letters, digits and . _ : -), no SQL
 * comment. The values are bound, never spliced, so this is not what keeps a statement safe; it
 * answers a hostile or mistyped value with a reason instead of an empty result.
 */
export const filterValue = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, {
    error: 'must be an identifier of letters, digits, dots, underscores, colons and hyphens',
  })
  .refine((v) => !v.includes('--'), { error: 'must not contain --' });

/** The parameters every history statement takes. */
export const historyRead = z.strictObject({
  tenant: tenantCode,
  /** Bucket width; 'hour' only on a table of hours. */
  granularity,
  /** Half-open period [from, to); on a table of days both are Europe/Amsterdam midnights. */
  from: z.date(),
  to: z.date(),
  filters: z.partialRecord(dimension, filterValue),
  /** The caller's scope: only rows of these locations or teams (the principal's, never a request's). */
  scopes: z.partialRecord(dimension, z.array(z.string().min(1).max(128)).max(10_000)),
  groupBy: z.array(grouping).max(GROUPINGS.length),
  limit: z.number().int().positive().max(MAX_STATEMENT_ROWS),
});
export type HistoryRead = z.infer<typeof historyRead>;

/** More rows than the statement's limit: the caller must narrow the period or the grouping. */
export class TooManyRowsError extends Error {
  constructor(
    readonly statement: string,
    readonly limit: number,
  ) {
    super(`${statement}: more than ${limit} rows; narrow the period, the granularity or the grouping`);
    this.name = 'TooManyRowsError';
  }
}

/** Numbers as ClickHouse writes them in JSON: 64-bit integers as strings on some versions. */
export const count = z.coerce.number();
export const nullableCount = z.union([z.null(), count]);
/** A summed histogram (sumForEach of UInt32 arrays: UInt64, quoted by some versions). */
export const counts = z.array(count);
/** The distinct bounds of the histograms that were summed (one set when all rows agree). */
export const boundsSeen = z.array(z.array(z.number().finite()));
