import type { ROLES } from '../../src/auth/principal.js';
import { LOCATION_A, TENANT_B, tokenFor, WALLSCREEN_A } from './build.js';

/** Every kind of caller the authorisation matrices (routes and socket rooms) try. */
export type Caller =
  | `${(typeof ROLES)[number]}_of_a`
  | 'wallscreen_key_of_a'
  | 'manager_of_b'
  | 'expired'
  | 'wrong_signature'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'wallscreen_key_unknown'
  | 'none';

/** The credential each caller presents; undefined: no Authorization header. */
export async function credentials(): Promise<Record<Caller, string | undefined>> {
  return {
    wallscreen_of_a: await tokenFor('wallscreen', { locations: [LOCATION_A] }),
    wallscreen_key_of_a: WALLSCREEN_A.key,
    teamlead_of_a: await tokenFor('teamlead'),
    manager_of_a: await tokenFor('manager'),
    admin_of_a: await tokenFor('admin'),
    manager_of_b: await tokenFor('manager', { tenant: TENANT_B }),
    expired: await tokenFor('admin', { expiresIn: Math.floor(Date.now() / 1000) - 60 }),
    wrong_signature: await tokenFor('admin', { secret: 'another-secret-that-is-long-enough-for-hs256' }),
    wrong_issuer: await tokenFor('admin', { issuer: 'https://evil.example.com' }),
    wrong_audience: await tokenFor('admin', { audience: 'another-service' }),
    wallscreen_key_unknown: `sww_screen-centrum_${'x'.repeat(32)}`,
    none: undefined,
  };
}

export const REJECTED = {
  expired: 401,
  wrong_signature: 401,
  wrong_issuer: 401,
  wrong_audience: 401,
  wallscreen_key_unknown: 401,
  none: 401,
} as const;
