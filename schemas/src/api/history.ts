import { z } from 'zod';
import { tenantCode } from '../envelope.js';

/**
 * GET /api/v1/history and /api/v1/history/kpis as their clients read them. The gateway narrows
 * the KPI names to its registry (services/gateway/src/history/kpis.ts, the one place a KPI is
 * defined) and the echoed query to its query schema.
 */

export const HISTORY_UNITS = [
  'count',
  'seconds',
  'share',
  'calendar_days',
  'working_days',
  'normalised_score',
] as const;
export const historyUnit = z.enum(HISTORY_UNITS);
export type HistoryUnit = z.infer<typeof historyUnit>;

export const HISTORY_GRANULARITIES = ['hour', 'day', 'week', 'month', 'quarter', 'year'] as const;
export type HistoryGranularity = (typeof HISTORY_GRANULARITIES)[number];

/** Dimensions a history question can filter on and group by. */
export const HISTORY_DIMENSIONS = [
  'location',
  'queue',
  'product',
  'channel',
  'team',
  'case_type',
  'visit_type',
] as const;
export type HistoryDimension = (typeof HISTORY_DIMENSIONS)[number];

/** What a history question can group by: the dimensions plus the local hour of day and weekday. */
export const HISTORY_GROUPINGS = [...HISTORY_DIMENSIONS, 'hour_of_day', 'weekday'] as const;
export type HistoryGrouping = (typeof HISTORY_GROUPINGS)[number];

/** One entry of GET /api/v1/history/kpis. */
export const historyKpiInfo = z.strictObject({
  name: z.string(),
  unit: historyUnit,
  definition: z.string().describe('What the KPI counts or measures, in English.'),
  definition_nl: z.string().min(1).describe('The same definition in Dutch.'),
  norm: z
    .strictObject({
      unit: z.string(),
      max: z.number(),
      in_force: z.string().describe('The norm a share is within unless the question gives one, in English.'),
      in_force_nl: z.string().min(1).describe('The same in Dutch.'),
    })
    .optional(),
  dimensions: z
    .array(z.enum(HISTORY_DIMENSIONS))
    .describe('What the KPI can be filtered on and grouped by (besides hour_of_day and weekday).'),
  hours: z.boolean().describe('Whether the KPI is kept per hour (granularity hour, group by hour_of_day).'),
});
export type HistoryKpiInfo = z.infer<typeof historyKpiInfo>;

const groupValues = z
  .partialRecord(z.enum(HISTORY_GROUPINGS), z.union([z.string(), z.number().int()]))
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
  unit: historyUnit,
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

export const historyResult = z.strictObject({
  tenant: tenantCode.describe("The caller's municipality, the only one the figures are of."),
  query: z.record(z.string(), z.string()).describe('The query as understood, defaults filled in.'),
  kpi: z.strictObject({
    name: z.string(),
    unit: historyUnit,
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
});
export type HistoryResult = z.infer<typeof historyResult>;
