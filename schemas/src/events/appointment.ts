import { z } from 'zod';
import { defineEvent } from '../envelope.js';
import { entityId, timestamp } from '../values.js';

export const appointmentBookedPayload = z
  .strictObject({
    appointment_id: entityId,
    location_id: entityId,
    products: z.array(entityId).min(1, { error: 'at least one product is required' }),
    start: timestamp.describe('Booked start, ISO 8601 with offset.'),
    end: timestamp.optional().describe('Booked end, ISO 8601 with offset.'),
    booked_via: z.enum(['online', 'phone', 'counter']).optional(),
  })
  .refine((p) => p.end === undefined || Date.parse(p.end) > Date.parse(p.start), {
    path: ['end'],
    message: 'must be after start',
  });

export const appointmentCancelledPayload = z.strictObject({
  appointment_id: entityId,
  cancelled_by: z.enum(['customer', 'municipality']).optional(),
});

export const appointmentNoShowPayload = z.strictObject({
  appointment_id: entityId,
});

export const appointmentEvents = {
  'appointment.booked': defineEvent(
    'appointment.booked',
    appointmentBookedPayload,
    'An appointment was booked (or rebooked with the same id).',
  ),
  'appointment.cancelled': defineEvent(
    'appointment.cancelled',
    appointmentCancelledPayload,
    'An appointment was cancelled.',
  ),
  'appointment.no_show': defineEvent(
    'appointment.no_show',
    appointmentNoShowPayload,
    'The customer did not turn up for the appointment.',
  ),
} as const;
