import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type CredentialStore, derived } from './credential-store.js';
import type { ApiKeyEntry } from './credentials.js';

// Keys look like `swk_<id>_<secret>`: the id finds the entry without a scan, the secret is
// compared by hash. Keys are random (not passwords), so a plain SHA-256 is the right hash.
const KEY_FORMAT = /^swk_([a-z0-9-]{3,40})_([A-Za-z0-9_-]{32,})$/;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A new key for `id`, and the hash to put in the credentials file. */
export function generateApiKey(id: string): { key: string; sha256: string } {
  const key = `swk_${id}_${randomBytes(24).toString('base64url')}`;
  return { key, sha256: hashApiKey(key) };
}

/** Checks keys against the credentials in force at the moment of each check (they may be reloaded). */
export class ApiKeys {
  private readonly byId: () => Map<string, ApiKeyEntry>;

  constructor(store: Pick<CredentialStore, 'current'>) {
    this.byId = derived(store, (credentials) => new Map(credentials.keys.map((k) => [k.id, k])));
  }

  /** The entry the key belongs to, or undefined for an unknown, wrong or revoked key. */
  verify(key: string): ApiKeyEntry | undefined {
    const match = KEY_FORMAT.exec(key);
    if (!match) return undefined;
    const entry = this.byId().get(match[1]!);
    if (!entry) return undefined;
    const given = Buffer.from(hashApiKey(key), 'hex');
    const stored = Buffer.from(entry.sha256, 'hex');
    return timingSafeEqual(given, stored) ? entry : undefined;
  }
}
