import { z } from 'zod';
import { defineEvent } from '../envelope.js';
import { entityId, staffKey, timestamp } from '../values.js';

const products = z
  .array(entityId)
  .default([])
  .describe('Product ids (e.g. passport, driving licence) handled or requested in this visit.');

export const visitArrivedPayload = z
  .strictObject({
    visit_id: entityId.describe('Visit (ticket) id in the queue management system.'),
    location_id: entityId,
    queue_id: entityId,
    kind: z
      .enum(['walk_in', 'appointment'])
      .describe('Walk-in or appointment; their waits are reported apart.'),
    appointment_id: entityId.optional(),
    appointment_start: timestamp
      .optional()
      .describe('Booked start; required for appointments, since their wait counts from max(arrival, start).'),
    products,
    ticket: z
      .string()
      .min(1)
      .max(32)
      .optional()
      .describe('Ticket number shown on the calling display, e.g. A042.'),
  })
  .refine((p) => p.kind !== 'appointment' || p.appointment_start !== undefined, {
    path: ['appointment_start'],
    message: 'required when kind is appointment',
  });

export const visitCalledPayload = z.strictObject({
  visit_id: entityId,
  location_id: entityId,
  queue_id: entityId,
  desk_id: entityId,
  staff_key: staffKey.optional(),
  recall: z
    .boolean()
    .default(false)
    .describe('True when the same ticket is called again; the wait ended at the first call.'),
});

export const visitFinishedPayload = z.strictObject({
  visit_id: entityId,
  location_id: entityId,
  queue_id: entityId.optional(),
  desk_id: entityId.optional(),
  outcome: z
    .enum(['served', 'no_show', 'left', 'removed'])
    .describe('served; no_show (called, did not come); left (gave up waiting); removed (by staff).'),
  products,
});

export const visitTransferredPayload = z.strictObject({
  visit_id: entityId,
  location_id: entityId,
  from_queue_id: entityId,
  to: z.strictObject({ kind: z.enum(['queue', 'desk', 'staff']), id: entityId }),
});

export const deskOpenedPayload = z.strictObject({
  location_id: entityId,
  desk_id: entityId,
  queue_ids: z.array(entityId).default([]).describe('Queues this desk serves while open.'),
  staff_key: staffKey.optional(),
});

export const deskClosedPayload = z.strictObject({
  location_id: entityId,
  desk_id: entityId,
});

export const visitEvents = {
  'visit.arrived': defineEvent(
    'visit.arrived',
    visitArrivedPayload,
    'A visitor took a ticket or checked in.',
  ),
  'visit.called': defineEvent(
    'visit.called',
    visitCalledPayload,
    'A visitor was called to a desk; the wait ends.',
  ),
  'visit.finished': defineEvent('visit.finished', visitFinishedPayload, 'A visit ended; service time ends.'),
  'visit.transferred': defineEvent(
    'visit.transferred',
    visitTransferredPayload,
    'A visit was moved to another queue, desk or staff member.',
  ),
  'desk.opened': defineEvent('desk.opened', deskOpenedPayload, 'A desk (counter) opened for service.'),
  'desk.closed': defineEvent('desk.closed', deskClosedPayload, 'A desk (counter) closed.'),
} as const;
