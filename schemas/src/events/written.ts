import { z } from 'zod';
import { defineEvent } from '../envelope.js';
import { channel, entityId } from '../values.js';

const contactId = entityId.describe(
  'Id of the written contact (mail, letter, form) in the registering system.',
);

export const writtenReceivedPayload = z.strictObject({
  contact_id: contactId,
  channel: channel.extract(['email', 'post', 'web_form', 'chat']),
  team_id: entityId.optional(),
  category: z.string().min(1).max(200).optional().describe('Subject category; never the content itself.'),
});

export const writtenAcknowledgedPayload = z.strictObject({ contact_id: contactId });

export const writtenAnsweredPayload = z.strictObject({ contact_id: contactId });

export const writtenEvents = {
  'written.received': defineEvent(
    'written.received',
    writtenReceivedPayload,
    'An e-mail, letter, web form or chat was registered.',
  ),
  'written.acknowledged': defineEvent(
    'written.acknowledged',
    writtenAcknowledgedPayload,
    'Receipt of a written contact was confirmed to the sender.',
  ),
  'written.answered': defineEvent(
    'written.answered',
    writtenAnsweredPayload,
    'A written contact was answered.',
  ),
} as const;
