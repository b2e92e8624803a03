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
    statusCode: z.number().int(),
    error: z.string(),
    message: z.string(),
    issues: z.array(z.strictObject({ field: z.string().nullable(), reason: z.string() })),
  })
  .describe('Why the request was refused, per field.');
export type Problem = z.infer<typeof problem>;
