import { timestamp, unlessMissing } from '@stuurwiel/schemas';
import { z } from 'zod';

/**
 * The Qmatic-Orchestra-style event notification this adapter reads: one flat JSON object per
 * event, as an event broadcaster or connector posts it. Fields besides these are ignored, so
 * a connector may send everything it has. Ids may be numbers or strings.
 */

/** Events that become canonical events. */
export const QMATIC_VISIT_EVENTS = [
  'VISIT_CREATE',
  'VISIT_CALL',
  'VISIT_RECALL',
  'VISIT_TRANSFER_TO_QUEUE',
  'VISIT_TRANSFER_TO_SERVICE_POINT',
  'VISIT_TRANSFER_TO_USER_POOL',
  'VISIT_END',
  'VISIT_NOSHOW',
  'VISIT_REMOVE',
  'SERVICE_POINT_OPEN',
  'SERVICE_POINT_CLOSE',
] as const;

/** Known events that carry nothing stuurwiel measures: counted as ignored, not rejected. */
export const QMATIC_IGNORED_EVENTS = ['VISIT_CONFIRM', 'USER_SESSION_START', 'USER_SESSION_END'] as const;

export type QmaticEventName = (typeof QMATIC_VISIT_EVENTS)[number];

const ID_MESSAGE = 'must be a non-empty string or a whole number';

/** An id as Orchestra gives it (number or string), as the canonical entity id string. */
const qmaticId = z
  .union(
    [
      z.string().trim().min(1, { error: 'must not be empty' }).max(128, { error: 'at most 128 characters' }),
      z.number().int().nonnegative(),
    ],
    { error: unlessMissing(ID_MESSAGE) },
  )
  .transform(String);

const staffName = z.string().trim().min(1, { error: 'must not be empty' }).max(200);

/** A service (product) as an id, or an object with an id and optionally a name. */
const qmaticService = z.union(
  [qmaticId, z.looseObject({ id: qmaticId, name: z.string().optional() }).transform((s) => s.id)],
  { error: unlessMissing('must be a service id or an object with an id') },
);

export const qmaticEvent = z.looseObject({
  event: z.string(),
  /** When it happened, ISO 8601 with offset (Orchestra's local times are rejected). */
  eventTime: timestamp,
  branchId: qmaticId,
  visitId: qmaticId.optional(),
  /** Ticket number on the calling display, e.g. A042. */
  ticketId: z.string().trim().min(1).max(32).optional(),
  /** The queue the visit is in (for transfers: the queue it leaves). */
  queueId: qmaticId.optional(),
  servicePointId: qmaticId.optional(),
  /** The staff member's user name: personal, only its keyed hash leaves the adapter. */
  staffUserName: staffName.optional(),
  services: z.array(qmaticService).max(50).optional(),
  appointmentId: qmaticId.optional(),
  appointmentTime: timestamp.optional(),
  /** Set by connectors that know a VISIT_CALL repeats an earlier call of the same visit. */
  recall: z.boolean().optional(),
  /** How many times this visit has been called, this call included (1 = first call). */
  callCount: z
    .number({ error: unlessMissing('must be a whole number ≥ 1') })
    .int({ error: 'must be a whole number ≥ 1' })
    .min(1, { error: 'must be a whole number ≥ 1' })
    .optional(),
  targetQueueId: qmaticId.optional(),
  targetServicePointId: qmaticId.optional(),
  targetStaffUserName: staffName.optional(),
  /** SERVICE_POINT_OPEN: the queues the service point serves while open. */
  queueIds: z.array(qmaticId).max(100).optional(),
  /** VISIT_END / VISIT_REMOVE: overrides the outcome (default served / removed). */
  outcome: z.enum(['served', 'no_show', 'removed', 'left']).optional(),
});
export type QmaticEvent = z.output<typeof qmaticEvent>;

type Field = keyof QmaticEvent;

/** Fields each event needs besides event, eventTime and branchId. */
export const REQUIRED_FIELDS: Record<QmaticEventName, readonly Field[]> = {
  VISIT_CREATE: ['visitId', 'queueId'],
  VISIT_CALL: ['visitId', 'queueId', 'servicePointId'],
  VISIT_RECALL: ['visitId', 'queueId', 'servicePointId'],
  VISIT_TRANSFER_TO_QUEUE: ['visitId', 'queueId', 'targetQueueId'],
  VISIT_TRANSFER_TO_SERVICE_POINT: ['visitId', 'queueId', 'targetServicePointId'],
  VISIT_TRANSFER_TO_USER_POOL: ['visitId', 'queueId', 'targetStaffUserName'],
  VISIT_END: ['visitId'],
  VISIT_NOSHOW: ['visitId'],
  VISIT_REMOVE: ['visitId'],
  SERVICE_POINT_OPEN: ['servicePointId'],
  SERVICE_POINT_CLOSE: ['servicePointId'],
};
