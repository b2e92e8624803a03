import type { AdapterContext } from '../adapters/types.js';
import {
  createZgwClientFromConfig,
  translateZgwNotifications,
  type ZgwClient,
  zgwTenantConfig,
} from '../adapters/zgw/index.js';
import { parseJsonBody } from './json-body.js';
import { BodyError, type SourceRoute } from './source-route.js';

// The credentials file was checked with the scheme rule in force (https outside tests) when it
// was loaded; here the settings are only read back into their type.
const loadedSettings = zgwTenantConfig({ allowInsecureHttp: true });

// One client per tenant, kept for the process's life: it caches the tenant's case types.
const clients = new Map<string, { settings: unknown; client: ZgwClient; vendor?: string }>();

function clientFor(context: AdapterContext): { client: ZgwClient; vendor?: string } {
  const settings = context.settings?.zgw;
  const known = clients.get(context.tenant);
  if (known && known.settings === settings) return known;
  if (settings === undefined) {
    throw new BodyError(
      `no ZGW APIs are configured for ${context.tenant}; ask the stuurwiel operator to add them`,
    );
  }
  const parsed = loadedSettings.safeParse(settings);
  if (!parsed.success)
    throw new Error(`zgw settings of ${context.tenant} are invalid: ${parsed.error.message}`);
  const entry = {
    settings,
    client: createZgwClientFromConfig(parsed.data),
    ...(parsed.data.vendor ? { vendor: parsed.data.vendor } : {}),
  };
  clients.set(context.tenant, entry);
  return entry;
}

/**
 * POST /v1/sources/zgw/notifications: the Notificaties API callback (or Open Zaak's CloudEvents),
 * one object or an array. Notifications carry only URLs; the adapter reads the zaak, its status
 * and its zaaktype from the municipality's own Zaken and Catalogi APIs.
 */
export const zgwRoute: SourceRoute = {
  url: '/v1/sources/zgw/notifications',
  name: 'zgw',
  source: { system: 'case_system', vendor: 'openzaak' },
  async translate(body, context) {
    const parsed = parseJsonBody(body);
    const { client, vendor } = clientFor(context);
    return translateZgwNotifications(parsed, { ...context, zgw: client, ...(vendor ? { vendor } : {}) });
  },
};
