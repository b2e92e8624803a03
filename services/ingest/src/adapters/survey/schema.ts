import { channel, timestamp, unlessMissing } from '@stuurwiel/schemas';
import { z } from 'zod';

/**
 * stuurwiel's supplier-neutral survey (KTO) response: one JSON object per answered survey.
 *
 * | field         | rule                                                                      |
 * | ------------- | ------------------------------------------------------------------------- |
 * | `response_id` | the supplier's id of the response (string or whole number), required      |
 * | `answered_at` | ISO 8601 with offset or Z, required                                       |
 * | `channel`     | counter, phone, email, post, web_form, chat or video, required            |
 * | `product`     | product id the contact was about, optional                                |
 * | `location`    | location id (counters), optional                                          |
 * | `team`        | team id, optional                                                         |
 * | `score`       | number within the scale, required                                         |
 * | `scale`       | `{ "min": 0 or 1, "max": 5 or 10 }`, required                             |
 * | `comment`     | free text, optional; personal data is redacted, cut at 2000 characters    |
 * | `supplier`    | the survey tool's name (`source.vendor`), optional, default `survey`      |
 *
 * Unknown fields are rejected, so that a respondent's name or e-mail address sent along in a
 * field of its own is refused instead of silently passed over.
 */
const idText = z
  .union(
    [
      z.string().trim().min(1, { error: 'must not be empty' }).max(128, { error: 'at most 128 characters' }),
      z.number().int().nonnegative(),
    ],
    { error: unlessMissing('must be a string or a whole number') },
  )
  .transform(String);

export const surveyResponse = z.strictObject({
  response_id: idText,
  answered_at: timestamp,
  channel: z.enum(channel.options, {
    error: unlessMissing(`must be one of ${channel.options.join(', ')}`),
  }),
  product: idText.optional(),
  location: idText.optional(),
  team: idText.optional(),
  score: z.number({ error: unlessMissing('must be a number') }),
  scale: z.strictObject(
    {
      min: z.literal([0, 1], { error: unlessMissing('must be 0 or 1') }),
      max: z.literal([5, 10], { error: unlessMissing('must be 5 or 10') }),
    },
    { error: unlessMissing('must be an object such as {"min": 1, "max": 5}') },
  ),
  comment: z.string({ error: unlessMissing('must be a string') }).optional(),
  supplier: z.string().trim().min(1).max(64).optional(),
});
export type SurveyResponse = z.output<typeof surveyResponse>;

/** The canonical comment limit; longer answers are cut, not rejected (the score matters more). */
export const COMMENT_LIMIT = 2000;
