import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { MunicipalityConfig } from './config.js';
import type { TenantSecrets } from './simulator.js';

/**
 * The simulator's secrets file: per municipality the ingest API key it posts with and the
 * client id and secret of the ZGW JWT that ingest signs and the simulator's ZGW server checks.
 * Kept outside the repository, like ingest's credentials file.
 */
export const secretsFile = z.strictObject({
  tenants: z.record(
    z.string().regex(/^GM\d{4}$/, 'must be a CBS municipality code such as GM0363'),
    z.strictObject({
      api_key: z
        .string()
        .regex(/^swk_[A-Za-z0-9-]+_[A-Za-z0-9_-]+$/, 'must be an ingest API key swk_<id>_<secret>'),
      zgw_client_id: z.string().min(1),
      zgw_secret: z.string().min(16, 'must be at least 16 characters'),
    }),
  ),
});
export type SecretsFile = z.output<typeof secretsFile>;

export async function loadSecrets(path: string): Promise<Record<string, TenantSecrets>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`--secrets: cannot read ${path} as JSON: ${(error as Error).message}`);
  }
  const parsed = secretsFile.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`--secrets: ${path} is invalid:\n  ${lines.join('\n  ')}`);
  }
  return toTenantSecrets(parsed.data);
}

export const toTenantSecrets = (file: SecretsFile): Record<string, TenantSecrets> =>
  Object.fromEntries(
    Object.entries(file.tenants).map(([tenant, t]) => [
      tenant,
      { apiKey: t.api_key, zgw: { clientId: t.zgw_client_id, secret: t.zgw_secret } },
    ]),
  );

/**
 * Fresh secrets for the municipalities, and the matching ingest credentials file: one key per
 * municipality (allowed every source, reference data included), a pseudonym secret each, and the
 * ZGW connection to the simulator's server at `zgwServerUrl`.
 */
export function makeCredentials(municipalities: MunicipalityConfig[], zgwServerUrl: string) {
  const root = zgwServerUrl.replace(/\/+$/, '');
  const secrets: SecretsFile = { tenants: {} };
  const keys: { id: string; tenant: string; sha256: string; description: string }[] = [];
  const tenants: Record<string, unknown> = {};
  for (const { tenant } of municipalities) {
    const id = `simulator-${tenant.toLowerCase()}`;
    // The format `stuurwiel-ingest keys create` makes (services/ingest/src/auth/api-keys.ts).
    const apiKey = `swk_${id}_${randomBytes(24).toString('base64url')}`;
    const zgwSecret = randomBytes(24).toString('base64url');
    secrets.tenants[tenant] = {
      api_key: apiKey,
      zgw_client_id: `stuurwiel-${tenant.toLowerCase()}`,
      zgw_secret: zgwSecret,
    };
    keys.push({
      id,
      tenant,
      sha256: createHash('sha256').update(apiKey).digest('hex'),
      description: 'the stuurwiel simulator',
    });
    tenants[tenant] = {
      pseudonym_secret: randomBytes(32).toString('hex'),
      zgw: {
        zaken_api_url: `${root}/${tenant}/zaken/api/v1`,
        catalogi_api_url: `${root}/${tenant}/catalogi/api/v1`,
        client_id: `stuurwiel-${tenant.toLowerCase()}`,
        secret: zgwSecret,
      },
    };
  }
  return { secrets, ingestCredentials: { keys, tenants } };
}
