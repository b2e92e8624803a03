import { generateApiKey } from '../src/auth/api-keys.js';
import type { Credentials } from '../src/auth/credentials.js';

export const TENANT = 'GM0363';
export const OTHER_TENANT = 'GM0599';

/** Fresh keys for two municipalities, plus a key of GM0363 that may only post canonical events. */
/** A tenant's settings as written in the credentials file (defaults may be left out). */
export type TenantSettings = Record<string, unknown>;

export function testCredentials(extra: TenantSettings = {}) {
  const main = generateApiKey('gm0363-main');
  const other = generateApiKey('gm0599-main');
  const narrow = generateApiKey('gm0363-canonical');
  // As a credentials file holds them: the app reads settings with their defaults filled in.
  const credentials = {
    keys: [
      { id: 'gm0363-main', tenant: TENANT, sha256: main.sha256 },
      { id: 'gm0599-main', tenant: OTHER_TENANT, sha256: other.sha256 },
      { id: 'gm0363-canonical', tenant: TENANT, sha256: narrow.sha256, sources: ['canonical'] },
    ],
    tenants: {
      [TENANT]: { pseudonym_secret: 'test-secret-gm0363-0123456789abcdef', ...extra },
      [OTHER_TENANT]: { pseudonym_secret: 'test-secret-gm0599-0123456789abcdef' },
    },
  } as Credentials;
  return {
    credentials,
    keys: { [TENANT]: main.key, [OTHER_TENANT]: other.key, 'GM0363-canonical-only': narrow.key },
  };
}
