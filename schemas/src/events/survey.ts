import { z } from 'zod';
import { defineEvent } from '../envelope.js';
import { channel, entityId } from '../values.js';

export const surveyRespondedPayload = z
  .strictObject({
    response_id: entityId,
    channel: channel.describe('Channel of the contact the survey asked about.'),
    product_id: entityId.optional(),
    location_id: entityId.optional(),
    team_id: entityId.optional(),
    score: z.number().describe('Score on the scale below.'),
    scale: z
      .strictObject({ min: z.literal([0, 1]), max: z.literal([5, 10]) })
      .describe('Scale of the score, e.g. {"min": 1, "max": 5}.'),
    comment: z
      .string()
      .max(2000)
      .optional()
      .describe(
        'Free-text answer; content: redact personal data before sending. Stored apart, own retention.',
      ),
  })
  .refine((p) => p.score >= p.scale.min && p.score <= p.scale.max, {
    path: ['score'],
    message: 'score must lie within the scale',
  });

export const surveyEvents = {
  'survey.responded': defineEvent(
    'survey.responded',
    surveyRespondedPayload,
    'A customer answered the satisfaction survey (KTO).',
  ),
} as const;
