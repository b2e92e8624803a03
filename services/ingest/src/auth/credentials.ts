import { tenantCode } from '@stuurwiel/schemas';
import { z } from 'zod';
import { queueLogOptionsSchema } from '../adapters/asterisk/index.js';
import { type UrlRules, zgwTenantConfig } from '../adapters/zgw/config.js';
import { whereJsonFails } from '../pipeline/json-error.js';

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

function tenantSecrets(rules: UrlRules) {
  return z
    .object({
      pseudonym_secret: z.string().min(32, 'must be at least 32 characters'),
      // Checked here rather than at the first notification, so that a bad root (or plain http
      // in production) refuses the file at start or reload instead of failing requests later.
      zgw: zgwTenantConfig(rules).optional(),
      asterisk: queueLogOptionsSchema.optional(),
    })
    .passthrough();
}

/** The credentials file; `rules` say whether URLs in it may be plain http (tests only). */
export function credentialsFileSchema(rules: UrlRules) {
  return z
    .strictObject({
      keys: z.array(apiKeyEntry).min(1),
      tenants: z.record(tenantCode, tenantSecrets(rules)),
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
}

export type Credentials = z.output<ReturnType<typeof credentialsFileSchema>>;
export type ApiKeyEntry = Credentials['keys'][number];

/** Validates credentials (read from `origin`); the error names every invalid field. */
function parseCredentials(raw: unknown, origin: string, rules: UrlRules): Credentials {
  const parsed = credentialsFileSchema(rules).safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`INGEST_CREDENTIALS_FILE ${origin} is invalid: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** Validates the text of the credentials file at `path`. */
export function parseCredentialsText(text: string, path: string, rules: UrlRules): Credentials {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`INGEST_CREDENTIALS_FILE ${path} is not valid JSON${whereJsonFails(error, text)}`);
  }
  return parseCredentials(raw, path, rules);
}
