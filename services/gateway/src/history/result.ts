import type { Db } from '@stuurwiel/clickhouse';
import { tenantCode } from '@stuurwiel/schemas';
import { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import { GROUPINGS } from '../tables/statement.js';
import { fromClickHouseUtc, localIso } from './amsterdam.js';
import { KPI_NAMES, UNITS } from './kpis.js';
import { planHistory } from './plan.js';
import { type HistoryQuery, historyQuery } from './query.js';

/** A history answer: the query echoed, what the KPI is, the period, and one row per bucket and group. */

const groupValues = z
  .partialRecord(z.enum(GROUPINGS), z.union([z.string(), z.number().int()]))
  .describe('The group of the row, by the groupings asked for ("" where a source left a dimension empty).');

export const historyRow = z.strictObject({
  bucket: z
    .string()
    .describe(
      'Start of the bucket: a local instant with offset for hours, else the first local day (YYYY-MM-DD).',
    ),
  group: groupValues,
  value: z
    .number()
    .nullable()
    .describe('The KPI; null when its denominator is 0 or its norm cannot be applied.'),
  unit: z.enum(UNITS),
  basis: z
    .number()
    .describe('What the value was formed from: the count, or the denominator of a share or mean.'),
  norm: z
    .number()
    .nullable()
    .optional()
    .describe(
      'For a share within a norm: the norm applied (null: the norms in force differed within the row).',
    ),
  estimate: z
    .strictObject({ low: z.number(), high: z.number().nullable(), exact: z.boolean() })
    .optional()
    .describe('For a value read from a histogram: the edges the exact figure lies between.'),
});
export type HistoryRow = z.infer<typeof historyRow>;

export const historyResult = z
  .strictObject({
    tenant: tenantCode.describe("The caller's municipality, the only one the figures are of."),
    query: historyQuery.describe('The query as understood, defaults filled in.'),
    kpi: z.strictObject({
      name: z.enum(KPI_NAMES),
      unit: z.enum(UNITS),
      definition: z.string(),
      norm: z
        .strictObject({ unit: z.enum(['seconds', 'working_days', 'calendar_days']), in_force: z.string() })
        .optional(),
    }),
    period: z.strictObject({
      from: z.string().describe('Inclusive start, local instant with offset.'),
      to: z.string().describe('Exclusive end, local instant with offset.'),
      time_zone: z.literal('Europe/Amsterdam'),
    }),
    tables: z.array(z.string()).describe('The tables the figures were read from.'),
    rows: z.array(historyRow),
  })
  .meta({
    example: {
      tenant: 'GM0363',
      query: {
        kpi: 'counter_visits',
        from: '2026-03-02',
        to: '2026-03-02',
        granularity: 'day',
        group_by: 'location',
      },
      kpi: {
        name: 'counter_visits',
        unit: 'count',
        definition: 'Visits that arrived at the counter (walk-ins and appointments).',
      },
      period: {
        from: '2026-03-02T00:00:00+01:00',
        to: '2026-03-03T00:00:00+01:00',
        time_zone: 'Europe/Amsterdam',
      },
      tables: ['visits_per_day_v1'],
      rows: [
        {
          bucket: '2026-03-02',
          group: { location: 'stadsloket-centrum' },
          value: 412,
          unit: 'count',
          basis: 412,
        },
      ],
    },
  });
export type HistoryResult = z.infer<typeof historyResult>;

/** Answers a validated history question for the caller (throws HistoryQueryError for a bad one). */
export async function answerHistory(
  db: Db,
  principal: Principal,
  query: HistoryQuery,
): Promise<HistoryResult> {
  const plan = planHistory(query, principal);
  const rows = await plan.answer.read(db, plan.read);
  const hourly = plan.read.granularity === 'hour';
  return {
    tenant: principal.tenant,
    query,
    kpi: {
      name: query.kpi,
      unit: plan.kpi.unit,
      definition: plan.kpi.definition,
      ...(plan.kpi.norm ? { norm: { unit: plan.kpi.norm.unit, in_force: plan.kpi.norm.inForce } } : {}),
    },
    period: { from: localIso(plan.read.from), to: localIso(plan.read.to), time_zone: 'Europe/Amsterdam' },
    tables: plan.answer.tables,
    rows: rows.map((row) => {
      const { value, basis, norm, estimate } = plan.answer.value(row as never, plan.norm);
      return {
        bucket: hourly ? localIso(fromClickHouseUtc(row.bucket)) : row.bucket,
        group: row.group,
        value,
        unit: plan.kpi.unit,
        basis,
        ...(norm !== undefined ? { norm } : {}),
        ...(estimate ? { estimate } : {}),
      };
    }),
  };
}
