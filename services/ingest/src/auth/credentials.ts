import { readFileSync } from 'node:fs';
import { tenantCode } from '@stuurwiel/schemas';
import { z } from 'zod';

/** Sources a key may post to; a key lists the ones it is for. */
export const SOURCE_NAMES = ['canonical', 'zgw', 'asterisk', 'qmatic', 'csv', 'survey'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

const apiKeyEntry = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{3,40}$/, 'must be 3-40 lower-case letters, digits or -'),
  tenant: tenantCode,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be the hex SHA-256 of the whole key'),
  sources: z.array(z.enum(SOURCE_NAMES)).min(1).optional(),
  description: z.string().optional(),
});

const tenantSecrets = z
  .object({
    pseudonym_secret: z.string().min(32, 'must be at least 32 characters'),
    // Adapter-specific settings (ZGW API roots and credentials) are validated by their adapter.
    zgw: z.unknown().optional(),
  })
  .passthrough();

export const credentialsFile = z
  .strictObject({
    keys: z.array(apiKeyEntry).min(1),
    tenants: z.record(tenantCode, tenantSecrets),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.keys.forEach((key, i) => {
      if (seen.has(key.id))
        ctx.addIssue({ code: 'custom', path: ['keys', i, 'id'], message: 'duplicate key id' });
      seen.add(key.id);
      if (!file.tenants[key.tenant]) {
        ctx.addIssue({
          code: 'custom',
          path: ['keys', i, 'tenant'],
          message: 'tenant has no entry in tenants',
        });
      }
    });
  });

export type Credentials = z.output<typeof credentialsFile>;
export type ApiKeyEntry = Credentials['keys'][number];

export function loadCredentials(path: string): Credentials {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`INGEST_CREDENTIALS_FILE ${path}: ${(error as Error).message}`);
  }
  const parsed = credentialsFile.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`INGEST_CREDENTIALS_FILE ${path} is invalid: ${problems.join('; ')}`);
  }
  return parsed.data;
}
