import { tenantCode } from '@stuurwiel/schemas';
import { z } from 'zod';

/** The optional `tenant` parameter every tenant-bound route accepts: only the caller's own. */
export const ownTenantParameter = tenantCode
  .optional()
  .describe('Your own municipality (optional); naming another one is refused with 403.');

// Ids of locations, queues, teams, case types and sources as source systems make them: letters
// and digits of any script, then also single inner spaces and . _ : / @ + % - (source ids are
// URI-encoded).
// Quotes, backslashes, semicolons, control and invisible characters are no part of any id.
const ID = /^[\p{L}\p{N}][\p{L}\p{N}._:/@+%-]*(?: [\p{L}\p{N}._:/@+%-]+)*$/u;

/** A filter on an entity or source id; anything that is no plausible id is refused with a reason. */
export const idParameter = z
  .string()
  .min(1, 'must not be empty')
  .max(512, 'must be at most 512 characters')
  .regex(
    ID,
    'must be an id: a letter or digit, then letters, digits, single inner spaces and . _ : / @ + % -',
  )
  .refine((value) => value === value.normalize('NFC'), 'must be in Unicode normal form NFC');
