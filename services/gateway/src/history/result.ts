import type { Db } from '@stuurwiel/clickhouse';
import { historyResult as historyResultShape, historyRow } from '@stuurwiel/schemas';
import { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import { fromClickHouseUtc, localIso } from './amsterdam.js';
import { KPI_NAMES } from './kpis.js';
import { planHistory } from './plan.js';
import { type HistoryQuery, historyQuery } from './query.js';

/** A history answer: the query echoed, what the KPI is, the period, and one row per bucket and group. */

export { historyRow };
export type HistoryRow = z.infer<typeof historyRow>;

// The shape is the clients' (schemas); here the KPI name and the echoed query are the registry's.
export const historyResult = historyResultShape
  .extend({
    query: historyQuery.describe('The query as understood, defaults filled in.'),
    kpi: historyResultShape.shape.kpi.extend({ name: z.enum(KPI_NAMES) }),
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
