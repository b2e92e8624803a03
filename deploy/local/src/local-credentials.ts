import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { CACHE_DIR } from './paths.js';

/**
 * For `npm start` on a developer's machine only: an ingest credentials file with one key for a
 * demo municipality, made once and kept in the git-ignored cache. Production passes its own
 * INGEST_CREDENTIALS_FILE.
 */
export function localIngestCredentials(tenant = 'GM0363') {
  const dir = `${CACHE_DIR}/local`;
  const file = `${dir}/ingest-credentials.json`;
  const keyFile = `${dir}/ingest-api-key.txt`;
  if (existsSync(file) && existsSync(keyFile)) {
    return { file, keyFile, tenant, key: readFileSync(keyFile, 'utf8').trim() };
  }
  mkdirSync(dir, { recursive: true });
  // Same format as `stuurwiel-ingest keys create` makes (services/ingest/src/auth/api-keys.ts).
  const id = 'local-dev';
  const key = `swk_${id}_${randomBytes(24).toString('base64url')}`;
  const sha256 = createHash('sha256').update(key).digest('hex');
  writeFileSync(
    file,
    JSON.stringify(
      {
        keys: [{ id, tenant, sha256, description: 'made by npm start for local use' }],
        tenants: { [tenant]: { pseudonym_secret: randomBytes(32).toString('hex') } },
      },
      null,
      2,
    ),
    { mode: 0o600 },
  );
  writeFileSync(keyFile, `${key}\n`, { mode: 0o600 });
  return { file, keyFile, tenant, key };
}
