import { z } from 'zod';
import { sourceSystem } from './envelope.js';
import { validationError } from './issues.js';
import { timestamp } from './values.js';

/** A record on the dead-letter topic: input that could not be turned into a canonical event. */
export const deadLetter = z
  .strictObject({
    original: z
      .unknown()
      .describe('The input exactly as received (parsed JSON, or the raw text if not JSON).'),
    source: z
      .strictObject({
        system: z.union([sourceSystem, z.literal('canonical')]),
        vendor: z.string().min(1).max(64),
      })
      .describe(
        "The endpoint's source; 'canonical' for POST /v1/events, where the vendor is the one the input claimed, if any.",
      ),
    tenant: z
      .string()
      .optional()
      .describe('Tenant as claimed by the input, when it could be read; unchecked.'),
    errors: z.array(validationError).min(1),
    received_at: timestamp.describe('When stuurwiel received the input.'),
  })
  .meta({ description: 'Input rejected by stuurwiel ingest, with the reasons, for the supplier to fix.' });

export type DeadLetter = z.infer<typeof deadLetter>;
