import { type Sql, sql } from '@stuurwiel/clickhouse';
import { type Tenants, tenantIs } from './tenants.js';

/**
 * The second half of a day rollup whose facts can move to another day (a corrected end date, an
 * earlier answer arriving late, a rebooked callback): a row of zeros, in the same insert, for
 * every group of `table` on the recomputed days that the recomputation no longer yields, so that
 * it stops counting what moved. Key columns are compared as String, which both server versions
 * can unite with the LowCardinality columns of the table.
 */
export function zerosForGroupsLeftEmpty(options: {
  table: Sql;
  tenants: Tenants;
  /** Array(Date) of the recomputed days. */
  days: Sql;
  /** The key columns of `table` after tenant and day, each as a String expression. */
  keys: readonly Sql[];
  /** The measures of an empty group, in the table's column order. */
  zeros: Sql;
  /** A condition on `table` true for a group that still counts something. */
  counts: Sql;
  /** SELECT of (tenant, day, ...keys) as Strings, of the groups the recomputation yields. */
  groups: Sql;
}): Sql {
  const keys = options.keys.reduce((a, k) => sql`${a}, ${k}`, sql``);
  return sql`
    SELECT CAST(tenant AS String), day${keys}, ${options.zeros}
    FROM ${options.table} FINAL
    WHERE ${tenantIs(options.tenants)} AND has(${options.days}, day) AND ${options.counts}
      AND (CAST(tenant AS String), day${keys}) NOT IN (${options.groups})`;
}
