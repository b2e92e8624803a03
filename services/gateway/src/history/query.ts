import { channel, isoDate, timestamp } from '@stuurwiel/schemas';
import { z } from 'zod';
import { DIMENSIONS, filterValue, GROUPINGS, granularity } from '../tables/statement.js';
import { kpiName } from './kpis.js';

/**
 * The history question as a query string, strictly: every field known, every value of its kind,
 * scalars only (a repeated parameter arrives as an array and is refused). Entity filters are
 * identifiers, kinds are enums. What depends on the KPI (which filters and groups its tables
 * have, the norm's unit and range, whole days or hours) is checked by the planner, which names the
 * field too.
 */

const GROUP_LIST = new RegExp(`^(${GROUPINGS.join('|')})(,(${GROUPINGS.join('|')})){0,3}$`);

const dateOrInstant = z
  .union([isoDate, timestamp], {
    error: 'must be a date (YYYY-MM-DD, Europe/Amsterdam) or an ISO 8601 instant with an offset',
  })
  .describe(
    'A date (YYYY-MM-DD, a whole Europe/Amsterdam day) or an instant with an offset (2026-04-28T09:00:00+02:00).',
  );

export const historyQuery = z.strictObject({
  kpi: kpiName,
  from: dateOrInstant.describe(
    'Start of the period: a date (from its local midnight) or an instant (inclusive).',
  ),
  to: dateOrInstant.describe(
    'End of the period: a date (through the end of that day) or an instant (exclusive).',
  ),
  granularity: granularity
    .default('day')
    .describe('Bucket width in Europe/Amsterdam time; weeks start on Monday.'),
  location: filterValue.optional().describe('Only this location (its id).'),
  queue: filterValue.optional().describe('Only this queue (its id; for telephone the ACD queue).'),
  product: filterValue.optional().describe('Only this product (its id).'),
  channel: channel.optional(),
  team: filterValue.optional().describe('Only this team (its id).'),
  case_type: filterValue.optional().describe('Only this case type (zaaktype identificatie).'),
  visit_type: z.enum(['walk_in', 'appointment']).optional().describe('Only walk-ins or only appointments.'),
  group_by: z
    .string()
    .regex(GROUP_LIST, { error: `must be up to four of ${GROUPINGS.join(', ')}, separated by commas` })
    .optional()
    .describe(
      `Comma-separated: ${GROUPINGS.join(', ')}. hour_of_day and weekday are local (weekday 1 = Monday).`,
    ),
  norm: z
    .string()
    .regex(/^\d{1,7}(\.\d{1,6})?$/, { error: 'must be a positive decimal number such as 30 or 2.5' })
    .optional()
    .describe(
      "For a share within the norm: the norm to apply instead of the one in force, in the KPI's norm unit (seconds, working days or calendar days).",
    ),
});
export type HistoryQuery = z.output<typeof historyQuery>;

/** The filter fields of a query: one per dimension, named as it. */
export const FILTER_FIELDS = DIMENSIONS;

export const exportQuery = historyQuery.extend({
  format: z.enum(['csv', 'xlsx']).describe('csv (UTF-8, comma-separated) or xlsx (Excel workbook).'),
});
export type ExportQuery = z.output<typeof exportQuery>;
