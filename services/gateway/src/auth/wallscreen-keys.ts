import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { tenantCode } from '@stuurwiel/schemas';
import { z } from 'zod';
import type { Principal } from './principal.js';

// Keys look like `sww_<id>_<secret>`: the id finds the entry without a scan, the secret is compared
// by hash. They are random (not passwords), so a plain SHA-256 is the right hash (as ingest's keys).
const KEY_FORMAT = /^sww_([a-z0-9-]{3,40})_([A-Za-z0-9_-]{32,})$/;
const ID = /^[a-z0-9-]{3,40}$/;
const LOCATION = /^[^\s:,]{1,128}$/;
/** The location of a key that may show every location of its municipality. */
export const ALL_LOCATIONS = '*';

/** One configured key, `key_id:sha256 hex:tenant:location`, parsed. */
export const wallscreenKeyEntry = z.string().transform((text, ctx) => {
  const [id = '', sha256 = '', tenant = '', location = '', ...rest] = text.split(':');
  const problem = !ID.test(id)
    ? 'key_id must be 3 to 40 of a-z, 0-9 and -'
    : !/^[0-9a-f]{64}$/.test(sha256)
      ? 'the hash must be 64 lower-case hex characters (sha256 of the key)'
      : !tenantCode.safeParse(tenant).success
        ? 'tenant must be a CBS municipality code such as GM0363'
        : !LOCATION.test(location) || rest.length > 0
          ? 'location must be one location id without spaces, colons or commas, or * for every location'
          : undefined;
  if (problem) {
    ctx.addIssue({ code: 'custom', message: `each key must be key_id:sha256:tenant:location; ${problem}` });
    return z.NEVER;
  }
  return { id, sha256, tenant, location };
});
export type WallscreenKeyEntry = z.output<typeof wallscreenKeyEntry>;

export function hashWallscreenKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A new key for `id` and its configuration entry (what GATEWAY_WALLSCREEN_KEYS holds). */
export function generateWallscreenKey(
  id: string,
  tenant: string,
  location: string,
): { key: string; entry: string } {
  const key = `sww_${id}_${randomBytes(24).toString('base64url')}`;
  return { key, entry: `${id}:${hashWallscreenKey(key)}:${tenant}:${location}` };
}

/** Whether a presented credential has the shape of a wall-screen key (and not of a JWT). */
export function looksLikeWallscreenKey(credential: string): boolean {
  return credential.startsWith('sww_');
}

/**
 * Checks wall-screen keys: long-lived, read-only, bound to one tenant and one location (or all). Returns
 * the caller, or undefined for an unknown or wrong key.
 */
export function wallscreenKeys(
  entries: readonly WallscreenKeyEntry[],
): (key: string) => Principal | undefined {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  return (key) => {
    const match = KEY_FORMAT.exec(key);
    const entry = match ? byId.get(match[1]!) : undefined;
    if (!entry) return undefined;
    const given = Buffer.from(hashWallscreenKey(key), 'hex');
    if (!timingSafeEqual(given, Buffer.from(entry.sha256, 'hex'))) return undefined;
    return {
      subject: `wallscreen:${entry.id}`,
      tenant: entry.tenant,
      role: 'wallscreen',
      // `*`: a screen that rotates through every location of its municipality (and shows its phone line).
      locations: entry.location === ALL_LOCATIONS ? null : [entry.location],
      teams: entry.location === ALL_LOCATIONS ? null : [],
      via: 'wallscreen_key',
    };
  };
}
