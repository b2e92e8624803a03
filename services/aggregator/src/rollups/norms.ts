import { type Sql, sql, typed } from '@stuurwiel/clickhouse';
import type { NormKpi, NormPayload } from '../reference/reference-store.js';

/**
 * The norms in force for a rollup round, bound into its statements, so that every row stores a
 * within-norm count for the norm that applied when it was computed (and that norm). A histogram
 * beside it answers any other norm.
 */

/** The norms of a tenant (reference data), as the reference store holds them now. */
export type NormsOf = (tenant: string) => readonly NormPayload[];

// A norm in force whose unit the histogram cannot express (a counter norm in days): stored NULL.
const OTHER_UNIT = -1;

const SECONDS: Partial<Record<NormPayload['unit'], number>> = { seconds: 1, minutes: 60, hours: 3600 };

/** The defaults the live figures use when a municipality set no norm. */
export const DEFAULT_NORMS = {
  /** The domain's typical counter norm: waited at most 10 minutes. */
  counterWaitSeconds: 600,
  /** Answered within 30 s (live phone default). */
  phoneAnswerSeconds: 30,
  /** Answered within 2 working days (live written default). */
  writtenAnswerWorkingDays: 2,
} as const;

interface Lookup {
  keys: string[];
  values: number[];
}

function lookup(
  tenants: readonly string[],
  normsOf: NormsOf,
  kpi: NormKpi,
  scopes: readonly NormPayload['scope']['kind'][],
  amountOf: (n: NormPayload) => number,
): Lookup {
  const out: Lookup = { keys: [], values: [] };
  for (const tenant of new Set(tenants)) {
    for (const n of normsOf(tenant)) {
      if (n.kpi !== kpi || !scopes.includes(n.scope.kind)) continue;
      out.keys.push(`${tenant}|${n.scope.kind}|${n.scope.kind === 'tenant' ? '' : (n.scope.id ?? '')}`);
      out.values.push(amountOf(n));
    }
  }
  return out;
}

const inSeconds = (n: NormPayload) => {
  const factor = SECONDS[n.unit];
  return factor === undefined ? OTHER_UNIT : n.target * factor;
};
const inWorkingDays = (n: NormPayload) => (n.unit === 'working_days' ? n.target : OTHER_UNIT);

/**
 * The norm of a group, as SQL: the first scope (most specific first, given as key expressions of
 * the group's columns) with a norm, else the tenant's, else `fallback`.
 */
function normExpression(found: Lookup, scopes: { kind: string; id: Sql }[], fallback: number): Sql {
  // No norm set: the default (18.16 also reads an empty bound array as Array(Nothing)).
  if (found.keys.length === 0) return sql`toFloat64(${fallback})`;
  const keys = typed('Array(String)', found.keys);
  const values = typed('Array(Float64)', found.values);
  const branches = [...scopes, { kind: 'tenant', id: sql`''` }].map(({ kind, id }) => {
    const key = sql`concat(CAST(tenant AS String), ${`|${kind}|`}, ${id})`;
    return sql`has(${keys}, ${key}), arrayElement(${values}, indexOf(${keys}, ${key})), `;
  });
  return sql`multiIf(${branches.reduce((a, b) => sql`${a}${b}`)}toFloat64(${fallback}))`;
}

/** A norm per group and what to store for it: the norm (NULL in another unit) and the count within. */
export interface GroupNorm {
  /** The norm as stored: NULL when it is in another unit than the histogram. */
  stored: Sql;
  /** countIf(value ≤ norm AND condition), NULL when the norm is in another unit. */
  within(value: Sql, condition: Sql): Sql;
  /** The within count of a group left empty: 0, or NULL in another unit (the same type as `within`). */
  none: Sql;
}

function groupNorm(expression: Sql): GroupNorm {
  return {
    stored: sql`if(${expression} < 0, NULL, ${expression})`,
    within: (value, condition) =>
      sql`if(${expression} < 0, NULL, toUInt32(countIf(${condition} AND ${value} <= ${expression})))`,
    none: sql`if(${expression} < 0, NULL, toUInt32(0))`,
  };
}

/** Counter waits: the queue's norm, else the location's, else the tenant's, else 10 minutes. */
export function counterWaitNorm(tenants: readonly string[], normsOf: NormsOf): GroupNorm {
  const found = lookup(tenants, normsOf, 'counter_wait', ['queue', 'location', 'tenant'], inSeconds);
  return groupNorm(
    normExpression(
      found,
      [
        { kind: 'queue', id: sql`CAST(queue_id AS String)` },
        { kind: 'location', id: sql`CAST(location_id AS String)` },
      ],
      DEFAULT_NORMS.counterWaitSeconds,
    ),
  );
}

/** Phone answer waits: the queue's service-level norm, else the tenant's, else 30 s (as live). */
export function phoneAnswerNorm(tenants: readonly string[], normsOf: NormsOf): GroupNorm {
  const found = lookup(tenants, normsOf, 'phone_service_level', ['queue', 'tenant'], inSeconds);
  return groupNorm(
    normExpression(
      found,
      [{ kind: 'queue', id: sql`ifNull(queue_id, '')` }],
      DEFAULT_NORMS.phoneAnswerSeconds,
    ),
  );
}

/** Written answers: the tenant's answer norm (as live), else 2 working days. */
export function writtenAnswerNorm(tenants: readonly string[], normsOf: NormsOf): GroupNorm {
  const found = lookup(tenants, normsOf, 'written_answer', ['tenant'], inWorkingDays);
  return groupNorm(normExpression(found, [], DEFAULT_NORMS.writtenAnswerWorkingDays));
}
