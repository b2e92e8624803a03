import { z } from 'zod';
import { tenantCode } from '../envelope.js';

/**
 * Who is calling, as every route and socket room sees it after authentication. Roles are
 * cumulative (domain.md users): wallscreen < teamlead < manager < admin.
 * - wallscreen: live figures, for its locations only.
 * - teamlead: plus alerts, acknowledge, silence, mute.
 * - manager: plus history, norms, rules, export.
 * - admin: plus source keys and users' scopes.
 */
export const ROLES = ['wallscreen', 'teamlead', 'manager', 'admin'] as const;
export const role = z.enum(ROLES);
export type Role = z.infer<typeof role>;

export const principal = z.strictObject({
  subject: z
    .string()
    .min(1)
    .max(200)
    .describe('Token subject (user id) or the wall-screen key id; never a name.'),
  tenant: tenantCode.describe('The one municipality every statement of this caller is bound to.'),
  role,
  locations: z
    .array(z.string().min(1).max(128))
    .nullable()
    .describe('Locations the caller may see; null: all of the municipality.'),
  teams: z.array(z.string().min(1).max(128)).nullable().describe('Teams the caller leads; null: all.'),
  via: z.enum(['jwt', 'wallscreen_key']),
});
export type Principal = z.infer<typeof principal>;

/** Whether `held` includes everything `needed` may do. */
export function roleAtLeast(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed);
}
