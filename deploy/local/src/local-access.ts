import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { generateWallscreenKey, ROLES, type Role, signToken } from '@stuurwiel/gateway';

const ISSUER = 'stuurwiel-local';
const AUDIENCE = 'stuurwiel-gateway';

/** The location the local wall-screen key shows; the demo replaces it with one of its own. */
export const LOCAL_WALLSCREEN_LOCATION = 'stadsloket-centrum';

export interface LocalAccess {
  /** Environment the gateway needs to accept the tokens and key below. */
  gatewayEnv: Record<string, string>;
  tokens: Record<Role, string>;
  wallscreenKey: { key: string; location: string };
  otherTenant: { tenant: string; managerToken: string };
}

/**
 * For `npm start` on a developer's machine only: a fresh standalone signing secret per run, a
 * token per role of the demo municipality (valid for a working day), a wall-screen key for one of
 * its locations, and a manager token of a second municipality, to see that it gets only its own.
 */
export async function localAccess(
  tenant: string,
  otherTenant = 'GM0599',
  location = LOCAL_WALLSCREEN_LOCATION,
): Promise<LocalAccess> {
  const secret = randomBytes(32).toString('base64url');
  const sign = (role: Role, of: string) =>
    signToken(
      { sub: `local-${role}-${of}`, tenant: of, role },
      { secret, issuer: ISSUER, audience: AUDIENCE, expiresIn: '12h' },
    );
  const tokens = Object.fromEntries(
    await Promise.all(ROLES.map(async (role) => [role, await sign(role, tenant)])),
  ) as Record<Role, string>;
  const screen = generateWallscreenKey('local-screen', tenant, location);
  return {
    gatewayEnv: {
      GATEWAY_JWT_SECRET: secret,
      GATEWAY_JWT_ISSUER: ISSUER,
      GATEWAY_JWT_AUDIENCE: AUDIENCE,
      GATEWAY_WALLSCREEN_KEYS: screen.entry,
    },
    tokens,
    wallscreenKey: { key: screen.key, location },
    otherTenant: { tenant: otherTenant, managerToken: await sign('manager', otherTenant) },
  };
}

/** The gateway's pages, each opened with the credential it needs (a key in the query, a token in the fragment). */
export function pageUrls(gatewayUrl: string, access: Pick<LocalAccess, 'tokens' | 'wallscreenKey'>) {
  return {
    wall: `${gatewayUrl}/wall?key=${encodeURIComponent(access.wallscreenKey.key)}`,
    // In the fragment, the token never reaches a server log or a Referer header.
    inbox: `${gatewayUrl}/inbox#token=${access.tokens.teamlead}`,
    manager: `${gatewayUrl}/manager#token=${access.tokens.manager}`,
    docs: `${gatewayUrl}/docs`,
  };
}

export interface AccessFile {
  gateway: { url: string; docs: string };
  pages: ReturnType<typeof pageUrls>;
  ingest: { url: string };
  clickhouse: { url: string; username: string; password: string; database: string };
  tenant: { code: string; ingest_key: string | null };
  tokens: Record<Role, string>;
  wallscreen_key: { key: string; location: string };
  other_tenant: { code: string; manager_token: string };
}

/** Writes `.cache/local/access.json`: everything a person or a script needs to try the running system. */
export function writeAccessFile(file: string, content: AccessFile): void {
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
}
