import { z } from 'zod';
import { createZgwClient, type ZgwClient, type ZgwClientOptions } from './client.js';

/** Which URL schemes a configuration may name. */
export interface UrlRules {
  /**
   * Also plain http. For tests and local development only (INGEST_ALLOW_INSECURE_HTTP): over
   * http the ZGW JWT and every case document would cross the network readable by anyone.
   */
  allowInsecureHttp: boolean;
}

function apiRoot(rules: UrlRules) {
  const url = rules.allowInsecureHttp
    ? z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    : z.url({
        protocol: /^https$/,
        error: 'must be an https URL (http only with INGEST_ALLOW_INSECURE_HTTP=true, for tests)',
      });
  return url.refine((text) => {
    const parsed = new URL(text);
    return !parsed.username && !parsed.password && !parsed.search && !parsed.hash;
  }, 'must be the API root, without credentials, query or fragment');
}

/**
 * A municipality's ZGW connection, for the credentials file: the API roots (every URL in a
 * notification must lie below them), the application's client_id and secret for the ZGW JWT,
 * and optionally the vendor name used in `source.vendor` (default 'openzaak').
 */
export function zgwTenantConfig(rules: UrlRules) {
  return z.strictObject({
    zaken_api_url: apiRoot(rules).describe(
      'Root of the Zaken API, e.g. https://openzaak.example.nl/zaken/api/v1',
    ),
    catalogi_api_url: apiRoot(rules).describe(
      'Root of the Catalogi API, e.g. https://openzaak.example.nl/catalogi/api/v1',
    ),
    client_id: z.string().min(1).describe('Client ID of the application registered in the ZGW autorisaties.'),
    secret: z.string().min(1).describe('Secret for signing the ZGW JWT (HS256).'),
    vendor: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe("source.vendor of the events (default 'openzaak')."),
  });
}

/** The production rule: https roots only. */
export const ZgwTenantConfig = zgwTenantConfig({ allowInsecureHttp: false });
export type ZgwTenantConfig = z.output<typeof ZgwTenantConfig>;

/** A client for one tenant's configuration. */
export function createZgwClientFromConfig(
  config: ZgwTenantConfig,
  options: Omit<ZgwClientOptions, 'zakenApiUrl' | 'catalogiApiUrl' | 'clientId' | 'secret'> = {},
): ZgwClient {
  return createZgwClient({
    ...options,
    zakenApiUrl: config.zaken_api_url,
    catalogiApiUrl: config.catalogi_api_url,
    clientId: config.client_id,
    secret: config.secret,
  });
}
