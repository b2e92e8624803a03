import { z } from 'zod';

/** A question history cannot answer as asked, naming the field and why. */
export class HistoryQueryError extends Error {
  constructor(
    readonly field: string | null,
    readonly reason: string,
    readonly statusCode: 400 | 403 = 400,
  ) {
    super(field === null ? reason : `${field}: ${reason}`);
    this.name = 'HistoryQueryError';
  }
}

export const problem = z
  .strictObject({
    error: z
      .string()
      .describe('bad_request, forbidden, not_found or conflict, as every stuurwiel error names itself.'),
    reason: z.string().describe('Every issue in one line: "field: reason; …".'),
    issues: z
      .array(z.strictObject({ field: z.string().nullable(), reason: z.string() }))
      .optional()
      .describe('Per field (absent when the refusal is about the caller, not a field).'),
  })
  .describe('Why the request was refused, per field.');
export type Problem = z.infer<typeof problem>;
