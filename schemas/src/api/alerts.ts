import { z } from 'zod';
import { acknowledgement, alertMessage, alertState, mute, silence } from '../alerts.js';
import { timestamp } from '../values.js';

/** One occurrence of an alert in GET /api/v1/alerts: its latest message. */
export const listedAlert = alertMessage.extend({
  last_changed_at: timestamp.describe('When this occurrence last changed.'),
});
export type ListedAlert = z.infer<typeof listedAlert>;

/** GET /api/v1/alerts. */
export const alertListResponse = z.strictObject({ alerts: z.array(listedAlert) });
export type AlertListResponse = z.infer<typeof alertListResponse>;

/** GET /api/v1/alerts/:fingerprint. */
export const alertDetailResponse = z.strictObject({
  alert: alertMessage.describe('The latest state of the alert.'),
  history: z
    .array(z.strictObject({ changed_at: timestamp, state: alertState, message: alertMessage }))
    .describe('Every change of the alert, newest first.'),
  notifications: z
    .array(
      z.strictObject({
        notification_id: z.string(),
        group_key: z.string(),
        receiver: z.string(),
        reason: z.enum(['firing', 'resolved', 'repeat', 'escalation']),
        attempt: z.number().int(),
        outcome: z.enum(['sent', 'failed', 'dead_letter', 'suppressed']),
        outcome_reason: z.string().nullable(),
        fingerprints: z.array(z.string()),
        attempted_at: timestamp,
      }),
    )
    .describe('Every attempt to notify a receiver about it, newest first.'),
});
export type AlertDetailResponse = z.infer<typeof alertDetailResponse>;

/** POST /api/v1/alerts/:fingerprint/acknowledge (202). */
export const acknowledgeResponse = z.strictObject({ acknowledgement });
export type AcknowledgeResponse = z.infer<typeof acknowledgeResponse>;

export const silenceStatus = z.enum(['pending', 'active', 'expired']);
export type SilenceStatus = z.infer<typeof silenceStatus>;

/** A silence as the gateway answers it: with its status at the gateway's clock. */
export const silenceWithStatus = silence.extend({
  status: silenceStatus.describe('pending: starts later; active: silencing now; expired.'),
});
export type SilenceWithStatus = z.infer<typeof silenceWithStatus>;

/** GET /api/v1/silences. */
export const silenceListResponse = z.strictObject({ silences: z.array(silenceWithStatus) });
export type SilenceListResponse = z.infer<typeof silenceListResponse>;

/** GET /api/v1/mutes. */
export const muteListResponse = z.strictObject({ mutes: z.array(mute) });
export type MuteListResponse = z.infer<typeof muteListResponse>;
