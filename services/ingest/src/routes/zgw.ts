import type { AdapterContext } from '../adapters/types.js';
import {
  createZgwClientFromConfig,
  translateZgwNotifications,
  type ZgwClient,
  zgwTenantConfig,
} from '../adapters/zgw/index.js';
import { leftOut, pick } from '../pipeline/dead-letter.js';
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
  async translate(body, context, _contentType, limits) {
    // Counted before any notification is looked up in the municipality's Zaken API.
    const parsed = parseJsonBody(body, limits);
    const { client, vendor } = clientFor(context);
    return translateZgwNotifications(parsed, { ...context, zgw: client, ...(vendor ? { vendor } : {}) });
  },
  // The fields of a notification or CloudEvent the adapter reads, each a URL, code or time
  // (anything else, such as a value with spaces or an object, may be the case's content and is
  // left out with a marker); of kenmerken and data only the case's metadata (zaaktype,
  // bronorganisatie), never the case's content.
  deadLetterFields(original) {
    const fields = pick(original, [...NOTIFICATION_FIELDS, ...CLOUD_EVENT_FIELDS]);
    if (!fields) return undefined;
    return Object.fromEntries(
      Object.entries(fields).map(([k, v]) => [k, k === 'kenmerken' || k === 'data' ? metadata(v) : token(v)]),
    );
  },
};

const TOKEN = /^[\w.:/?=&%#+@~-]{1,512}$/;

/** A URL, code or time as it is; anything else by its shape only. */
const token = (value: unknown): unknown =>
  (typeof value === 'string' && TOKEN.test(value)) || typeof value === 'number' || typeof value === 'boolean'
    ? value
    : leftOut(value);

/** The metadata fields of kenmerken or data, each a token. */
function metadata(value: unknown): unknown {
  const fields = pick(value, METADATA_FIELDS);
  return fields ? Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, token(v)])) : leftOut(value);
}

const NOTIFICATION_FIELDS = [
  'kanaal',
  'hoofdObject',
  'resource',
  'resourceUrl',
  'actie',
  'aanmaakdatum',
  'kenmerken',
];
const CLOUD_EVENT_FIELDS = [
  'specversion',
  'id',
  'source',
  'type',
  'subject',
  'time',
  'dataref',
  'datacontenttype',
  'data',
];
const METADATA_FIELDS = ['zaaktype', 'bronorganisatie', 'vertrouwelijkheidaanduiding'];
