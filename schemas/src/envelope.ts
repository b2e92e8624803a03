import { z } from 'zod';
import { timestamp, unlessMissing } from './values.js';

export const SPEC_VERSION = 1;

export const sourceSystem = z
  .enum(['queue_management', 'appointments', 'telephony', 'case_system', 'survey', 'written', 'reference'])
  .describe('Kind of source system the event was translated from.');

/** CBS municipality code; the tenant of every event. */
export const tenantCode = z
  .string()
  .regex(/^GM\d{4}$/, { error: 'must be a CBS municipality code such as GM0363' })
  .describe('CBS municipality code (gemeentecode), e.g. GM0363 for Amsterdam.');

export const eventId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/, { error: 'may only contain letters, digits and . _ : -' })
  .describe(
    'Unique, deterministic id of this event, derived from the source system identifiers (UUID v5, see deriveEventId). ' +
      'Re-sending the same source record yields the same id, so duplicates are dropped.',
  );

export const source = z
  .strictObject({
    system: sourceSystem,
    vendor: z
      .string()
      .min(1)
      .max(64)
      .describe("Supplier or product, e.g. 'qmatic', 'jcc', 'asterisk', 'openzaak'."),
    instance: z
      .string()
      .min(1)
      .max(128)
      .optional()
      .describe('Which installation, when a tenant runs several.'),
  })
  .describe('Where the event came from.');

/** The fields every event carries besides `type` and `payload`. */
export const envelopeFields = {
  spec_version: z
    .literal(SPEC_VERSION, { error: unlessMissing('must be 1') })
    .describe('Version of this standard: 1.'),
  event_id: eventId,
  tenant: tenantCode,
  source,
  occurred_at: timestamp.describe(
    'When it happened in the source system (not when it was sent); ISO 8601 with offset or Z.',
  ),
};

/** Any event's envelope with an unchecked payload, for routing before the type is known. */
export const eventEnvelope = z.object({
  ...envelopeFields,
  type: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
});
export type EventEnvelope = z.infer<typeof eventEnvelope>;

/** One canonical event: the envelope, its `type` literal and its strict payload. */
export function defineEvent<const T extends string, P extends z.ZodType>(
  type: T,
  payload: P,
  description: string,
) {
  return z.strictObject({ ...envelopeFields, type: z.literal(type), payload }).meta({ description });
}
