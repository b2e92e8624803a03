import { type Sql, sql } from '@stuurwiel/clickhouse';

/** One tenant or several: a recomputation round covers every tenant it touched at once. */
export type Tenants = string | readonly string[];

/**
 * `tenant = a OR tenant = b ...`, in parentheses: the facts are ordered by tenant first, and an
 * equality (unlike `has(array, tenant)` on 18.16) lets the primary key skip other tenants' rows.
 */
export function tenantIs(tenants: Tenants): Sql {
  const list = typeof tenants === 'string' ? [tenants] : [...new Set(tenants)];
  if (list.length === 0) throw new Error('no tenant to recompute');
  const [first, ...rest] = list;
  const any = rest.reduce((acc, t) => sql`${acc} OR tenant = ${t}`, sql`tenant = ${first}`);
  return sql`(${any})`;
}
