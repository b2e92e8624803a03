import { z } from 'zod';
import { createZgwClient, type ZgwClient, type ZgwClientOptions } from './client.js';

const apiRoot = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).refine((text) => {
  const url = new URL(text);
  return !url.username && !url.password && !url.search && !url.hash;
}, 'must be the API root, without credentials, query or fragment');

/**
 * A municipality's ZGW connection, for the credentials file: the API roots (every URL in a
 * notification must lie below them), the application's client_id and secret for the ZGW JWT,
 * and optionally the vendor name used in `source.vendor` (default 'openzaak').
 */
export const ZgwTenantConfig = z.strictObject({
  zaken_api_url: apiRoot.describe('Root of the Zaken API, e.g. https://openzaak.example.nl/zaken/api/v1'),
  catalogi_api_url: apiRoot.describe(
    'Root of the Catalogi API, e.g. https://openzaak.example.nl/catalogi/api/v1',
  ),
  client_id: z.string().min(1).describe('Client ID of the application registered in the ZGW autorisaties.'),
  secret: z.string().min(1).describe('Secret for signing the ZGW JWT (HS256).'),
  vendor: z.string().min(1).max(64).optional().describe("source.vendor of the events (default 'openzaak')."),
});
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
