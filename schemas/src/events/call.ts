import { z } from 'zod';
import { defineEvent } from '../envelope.js';
import { entityId, keyedHash, nonNegativeSeconds, norm, staffKey } from '../values.js';

const callId = entityId.describe('Call id in the telephony platform (e.g. Asterisk linkedid).');

export const callOfferedPayload = z.strictObject({
  call_id: callId,
  line: entityId.describe("Number or line dialled, e.g. '14+' or '14020'."),
  caller_key: keyedHash
    .optional()
    .describe('Keyed hash of the caller number for the call ratio; never the phone number itself.'),
});

export const callMenuChoicePayload = z.strictObject({
  call_id: callId,
  menu: entityId.describe('IVR menu id.'),
  choice: z.string().min(1).max(64).describe('Option chosen, e.g. "2".'),
});

export const callQueuedPayload = z.strictObject({
  call_id: callId,
  queue_id: entityId.describe(
    'Queue entered after the last menu choice; the service-level wait starts here.',
  ),
});

export const callAnsweredPayload = z.strictObject({
  call_id: callId,
  queue_id: entityId,
  agent_key: staffKey,
  wait_seconds: nonNegativeSeconds.describe('Seconds from entering the queue to the answer.'),
});

export const callAbandonedPayload = z
  .strictObject({
    call_id: callId,
    stage: z.enum(['menu', 'queue']).describe('Where the caller hung up: in the IVR menu or in the queue.'),
    queue_id: entityId.optional().describe('Required when stage is queue.'),
    wait_seconds: nonNegativeSeconds.describe('Seconds spent in the menu or queue before hanging up.'),
  })
  .refine((p) => p.stage !== 'queue' || p.queue_id !== undefined, {
    path: ['queue_id'],
    message: 'required when stage is queue',
  });

export const callBlockedPayload = z.strictObject({
  call_id: callId,
  line: entityId,
  reason: z.enum(['busy', 'closed', 'capacity']).describe('Why the call was not let in.'),
});

export const callTransferredPayload = z.strictObject({
  call_id: callId,
  from_queue_id: entityId.optional(),
  to: z.strictObject({
    kind: z.enum(['queue', 'agent', 'external']),
    id: entityId.describe('Queue id, pseudonymous agent key, or an external destination label.'),
  }),
});

export const callEndedPayload = z.strictObject({
  call_id: callId,
  talk_seconds: nonNegativeSeconds.describe('Seconds talking with an agent.'),
  hold_seconds: nonNegativeSeconds.describe('Seconds on hold after the answer.'),
  after_call_work_seconds: nonNegativeSeconds.describe('Seconds of wrap-up work after the call.'),
  ended_by: z.enum(['agent', 'caller', 'system']).optional(),
  resolved: z.boolean().optional().describe('First-contact resolution: answered without follow-up.'),
});

export const callbackRequestedPayload = z.strictObject({
  callback_id: entityId,
  call_id: callId.optional(),
  queue_id: entityId.optional(),
  promise: norm.describe('Promised callback term, e.g. {"target": 2, "unit": "working_days"}.'),
});

export const callbackCompletedPayload = z.strictObject({
  callback_id: entityId,
  outcome: z.enum(['reached', 'not_reached', 'cancelled']),
});

export const callEvents = {
  'call.offered': defineEvent('call.offered', callOfferedPayload, 'A call reached the platform.'),
  'call.menu_choice': defineEvent(
    'call.menu_choice',
    callMenuChoicePayload,
    'The caller chose an IVR option.',
  ),
  'call.queued': defineEvent('call.queued', callQueuedPayload, 'The call entered an agent queue.'),
  'call.answered': defineEvent('call.answered', callAnsweredPayload, 'An agent answered the call.'),
  'call.abandoned': defineEvent(
    'call.abandoned',
    callAbandonedPayload,
    'The caller hung up before an agent answered.',
  ),
  'call.blocked': defineEvent(
    'call.blocked',
    callBlockedPayload,
    'The call was refused (busy, closed, capacity).',
  ),
  'call.transferred': defineEvent('call.transferred', callTransferredPayload, 'The call was transferred.'),
  'call.ended': defineEvent(
    'call.ended',
    callEndedPayload,
    'An answered call ended; carries the handling times.',
  ),
  'callback.requested': defineEvent(
    'callback.requested',
    callbackRequestedPayload,
    'A callback (terugbelverzoek) was promised.',
  ),
  'callback.completed': defineEvent(
    'callback.completed',
    callbackCompletedPayload,
    'A callback request was closed.',
  ),
} as const;
