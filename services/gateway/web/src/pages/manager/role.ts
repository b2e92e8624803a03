import { type Role, role, roleAtLeast } from '@stuurwiel/schemas';

/**
 * The role a token claims, read (not verified) only to offer the right controls: the gateway
 * checks every call itself and refuses what the role does not allow.
 */
export function claimedRole(token: string): Role | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    const parsed = role.safeParse(json.role);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Norms and rules may be changed from manager up (services/gateway/src/settings). */
export const mayEditSettings = (token: string): boolean => {
  const held = claimedRole(token);
  return held !== null && roleAtLeast(held, 'manager');
};
