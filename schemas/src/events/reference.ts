import { z } from 'zod';
import { defineEvent } from '../envelope.js';
import {
  channel,
  entityId,
  isoDate,
  label,
  norm,
  normUnit,
  targetFitsUnit,
  WHOLE_DAYS_MESSAGE,
} from '../values.js';

export const province = z
  .enum([
    'groningen',
    'fryslan',
    'drenthe',
    'overijssel',
    'flevoland',
    'gelderland',
    'utrecht',
    'noord-holland',
    'zuid-holland',
    'zeeland',
    'noord-brabant',
    'limburg',
  ])
  .describe('Province, lower-case kebab id (Fryslân is fryslan).');

export const sizeClass = z
  .enum(['lt_20k', '20k_50k', '50k_100k', '100k_250k', 'gte_250k'])
  .describe('Size class by number of inhabitants, for comparison groups.');

export const normKpi = z
  .enum([
    'counter_wait',
    'counter_service_time',
    'phone_service_level',
    'phone_answer_time',
    'callback_due',
    'written_acknowledge',
    'written_answer',
    'case_lead_time',
  ])
  .describe('The KPI a norm applies to.');

export const normScope = z
  .strictObject({
    kind: z.enum(['tenant', 'location', 'queue', 'channel', 'team', 'product', 'case_type']),
    id: entityId.optional().describe('Id of the location, queue, channel, team, product or case type.'),
  })
  // A norm for "a queue" without saying which one cannot be applied.
  .refine((s) => s.kind === 'tenant' || s.id !== undefined, {
    path: ['id'],
    message: 'required unless kind is tenant',
  })
  .describe('What the norm applies to; kind tenant means the whole municipality.');

export const referenceTenantPayload = z.strictObject({
  name: label.describe('Municipality name.'),
  population: z
    .number()
    .int()
    .positive()
    .describe('Number of inhabitants, for visitors per 1,000 inhabitants.'),
  province,
  size_class: sizeClass,
});

export const referenceLocationPayload = z.strictObject({
  location_id: entityId,
  name: label,
  municipality_area: label.optional().describe('District or town within the municipality.'),
});

export const referenceQueuePayload = z.strictObject({
  queue_id: entityId,
  name: label,
  channel,
  location_id: entityId.optional(),
});

export const referenceDeskPayload = z.strictObject({
  desk_id: entityId,
  location_id: entityId,
  name: label,
});

export const referenceProductPayload = z.strictObject({
  product_id: entityId,
  name: label,
});

export const referenceCaseTypePayload = z.strictObject({
  case_type_id: entityId,
  name: label,
  lead_time_norm: norm.describe('Legal lead time (doorlooptijd).'),
  service_norm: norm.optional().describe('Stricter service norm (servicenorm).'),
  extension_allowed: z.boolean().describe('Whether the lead time may be extended (verlenging).'),
  max_extension: norm.optional(),
});

export const referenceNormPayload = z
  .strictObject({
    norm_id: entityId,
    kpi: normKpi,
    target: z
      .number()
      .positive()
      .describe('Target amount of `unit`, e.g. 30 for "answered within 30 seconds".'),
    unit: normUnit,
    warning_horizon: norm.describe('Warn when an open item is this close to its norm, e.g. 2 working days.'),
    share: z
      .number()
      .gt(0)
      .max(1)
      .optional()
      .describe('Share that must meet the target, in (0, 1], e.g. 0.8 for "80% within 30 s".'),
    scope: normScope,
  })
  .refine(targetFitsUnit, { path: ['target'], message: WHOLE_DAYS_MESSAGE });

export const referenceClosingDayPayload = z.strictObject({
  date: isoDate.describe('The day, YYYY-MM-DD (Europe/Amsterdam).'),
  name: label.optional().describe('What the day is, e.g. "Dag na Hemelvaart" or "Kerstavond".'),
  closed: z.boolean().default(true).describe('False withdraws a closing day set before for this date.'),
});

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: 'must be a time of day as HH:MM (24:00 ends a day)' });

export const weekday = z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
export type Weekday = z.infer<typeof weekday>;

export const openingPeriod = z
  .strictObject({ from: clockTime, to: clockTime })
  .refine((p) => p.from < p.to, { path: ['to'], message: 'must be later than from' })
  .describe('An opening period of one day, Europe/Amsterdam local time: from (included) to (excluded).');

export const referenceOpeningHoursPayload = z
  .strictObject({
    opening_hours_id: entityId.describe('Id of this schedule; the latest event per id counts.'),
    scope: z
      .strictObject({
        kind: z.enum(['tenant', 'location', 'queue', 'source']),
        id: z
          .string()
          .min(1)
          .max(512)
          .optional()
          .describe('Location or queue id, or the source scope id (system/vendor[/instance]).'),
      })
      .refine((s) => s.kind === 'tenant' || s.id !== undefined, {
        path: ['id'],
        message: 'required unless kind is tenant',
      })
      .describe(
        'What the hours apply to. A queue without hours of its own follows its location, a ' +
          'location or source the tenant; without any hours a scope counts as always open.',
      ),
    week: z
      .strictObject(
        Object.fromEntries(
          weekday.options.map((d) => [d, z.array(openingPeriod).max(8).default([])]),
        ) as Record<Weekday, z.ZodDefault<z.ZodArray<typeof openingPeriod>>>,
      )
      .refine(
        (week) =>
          Object.values(week).every((periods) =>
            [...periods]
              .sort((a, b) => (a.from < b.from ? -1 : 1))
              .every((p, i, all) => i === 0 || all[i - 1]!.to <= p.from),
          ),
        { message: 'periods of one day must not overlap' },
      )
      .describe('Opening periods per weekday; a day left out or empty is closed.'),
    closed_on_closing_days: z
      .boolean()
      .default(true)
      .describe("Closed on the municipality's closing days (reference.closing_day) and public holidays."),
  })
  .describe('Opening hours of the municipality, a location, a queue or a source.');

export const referenceEvents = {
  'reference.tenant': defineEvent(
    'reference.tenant',
    referenceTenantPayload,
    'Facts about the municipality (the envelope tenant).',
  ),
  'reference.location': defineEvent('reference.location', referenceLocationPayload, 'A service location.'),
  'reference.queue': defineEvent('reference.queue', referenceQueuePayload, 'A counter or telephone queue.'),
  'reference.desk': defineEvent('reference.desk', referenceDeskPayload, 'A desk (counter) at a location.'),
  'reference.product': defineEvent('reference.product', referenceProductPayload, 'A product or service.'),
  'reference.case_type': defineEvent(
    'reference.case_type',
    referenceCaseTypePayload,
    'A case type (zaaktype) with its norms.',
  ),
  'reference.norm': defineEvent(
    'reference.norm',
    referenceNormPayload,
    'A service norm of the municipality, with its warning horizon and scope.',
  ),
  'reference.closing_day': defineEvent(
    'reference.closing_day',
    referenceClosingDayPayload,
    "A day the municipality is closed. It is not a working day for the municipality's service " +
      'norms; legal terms (Algemene termijnenwet) count it as a working day. The latest event for a date counts.',
  ),
  'reference.opening_hours': defineEvent(
    'reference.opening_hours',
    referenceOpeningHoursPayload,
    'Weekly opening hours of the municipality, a location, a queue or a source: alerting mutes ' +
      'counter alerts outside them and expects sources to send during them.',
  ),
} as const;
