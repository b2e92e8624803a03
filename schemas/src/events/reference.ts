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
} as const;
