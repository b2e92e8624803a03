import { z } from 'zod';

/** One reason an input was rejected, in a form suppliers can read from a dead letter. */
export const validationError = z.strictObject({
  path: z
    .string()
    .describe('Dotted path of the offending field, e.g. payload.wait_seconds; empty for the root.'),
  reason: z.string().min(1),
});
export type ValidationError = z.infer<typeof validationError>;

export function toValidationErrors(error: z.ZodError): ValidationError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), reason: issue.message }));
}

/**
 * Parse-wide fallback messages: zod reports an absent field as "expected string, received undefined",
 * which reads like a type error to a supplier who simply forgot the field.
 */
export const parseMessages: z.core.$ZodErrorMap = (issue) =>
  issue.input === undefined ? 'required' : undefined;
