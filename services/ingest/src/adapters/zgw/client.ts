import { SignJWT } from 'jose';
import { z } from 'zod';

/**
 * A small client for the two ZGW APIs the adapter reads: the Zaken API (zaak, status,
 * resultaat) and the Catalogi API (zaaktype, statustype, resultaattype).
 *
 * - Authentication: the ZGW JWT, HS256 signed with the application's secret, with the claims
 *   iss = client_id, client_id, iat, user_id and user_representation (the last two land in the
 *   audit trail of the source). A token is reused for at most a minute.
 * - Every URL is checked against the configured API roots before it is requested, also the URLs
 *   found inside fetched documents: we never fetch an arbitrary URL (SSRF). Redirects are not
 *   followed for the same reason.
 * - Catalogi documents (zaaktype, statustype, resultaattype) are cached per URL for `cacheTtlMs`
 *   (10 minutes by default): they rarely change and every notification needs them. Concurrent
 *   look-ups of one URL share one request; a failed look-up is not cached.
 * - Every response is validated (only the fields we use; the rest passes through).
 * - Failures are thrown as {@link ZgwError}, whose message is fit to be a record's reason.
 */

export type ZgwApi = 'zaken' | 'catalogi';

export type ZgwErrorKind =
  /** The URL is not below the configured root of its API; nothing was requested. */
  | 'outside_root'
  /** 401: the JWT was refused (wrong client_id or secret). */
  | 'unauthorized'
  /** 403: the application lacks the authorisation (scope, zaaktype, vertrouwelijkheid). */
  | 'forbidden'
  /** 404: the document does not exist (or is not visible to this client). */
  | 'not_found'
  /** No answer, a timeout or a 5xx: worth retrying later. */
  | 'unreachable'
  /** Any other answer we cannot use: another 4xx, a redirect, no JSON, or a document of the wrong shape. */
  | 'bad_response';

export class ZgwError extends Error {
  override readonly name = 'ZgwError';
  constructor(
    readonly kind: ZgwErrorKind,
    readonly api: ZgwApi,
    readonly url: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = z.string().regex(UUID, { error: 'must be a uuid' });
const ref = z.string().min(1);

/** Zaken API 1.x ZAAK: the fields the adapter reads. */
export const zaakDocument = z.looseObject({
  url: ref,
  uuid: uuid.optional(),
  identificatie: z.string().min(1),
  bronorganisatie: z.string().optional(),
  zaaktype: ref,
  startdatum: z.iso.date(),
  einddatum: z.iso.date().nullish(),
  status: ref.nullish(),
  resultaat: ref.nullish(),
  opschorting: z
    .looseObject({
      indicatie: z.boolean(),
      reden: z.string().nullish(),
      /** Zaken API 1.5+: the zaak has been suspended before. */
      eerdereOpschorting: z.boolean().nullish(),
    })
    .nullish(),
  verlenging: z
    .looseObject({
      reden: z.string().nullish(),
      /** ISO-8601 duration: `P…D` working days (werkbare dagen), `P…W` calendar weeks. */
      duur: z.string().nullish(),
    })
    .nullish(),
});
export type ZaakDocument = z.output<typeof zaakDocument>;

/** Zaken API 1.x STATUS. */
export const statusDocument = z.looseObject({
  url: ref,
  uuid: uuid.optional(),
  zaak: ref,
  statustype: ref,
  datumStatusGezet: z.string().optional(),
});
export type StatusDocument = z.output<typeof statusDocument>;

/** Zaken API 1.x RESULTAAT. */
export const resultaatDocument = z.looseObject({
  url: ref,
  uuid: uuid.optional(),
  zaak: ref,
  resultaattype: ref,
  toelichting: z.string().nullish(),
});
export type ResultaatDocument = z.output<typeof resultaatDocument>;

/** Catalogi API 1.x ZAAKTYPE. */
export const zaaktypeDocument = z.looseObject({
  url: ref,
  identificatie: z.string().min(1),
  omschrijving: z.string().optional(),
  /** ISO-8601 duration, calendar days (e.g. P8W). */
  doorlooptijd: z.string().min(1),
  /** ISO-8601 duration, calendar days; null or '' when the case type has none. */
  servicenorm: z.string().nullish(),
  opschortingEnAanhoudingMogelijk: z.boolean().optional(),
  verlengingMogelijk: z.boolean().optional(),
  verlengingstermijn: z.string().nullish(),
});
export type ZaaktypeDocument = z.output<typeof zaaktypeDocument>;

/** Catalogi API 1.x STATUSTYPE. */
export const statustypeDocument = z.looseObject({
  url: ref,
  omschrijving: z.string().min(1),
  volgnummer: z.number().int().min(1),
  isEindstatus: z.boolean().optional(),
});
export type StatustypeDocument = z.output<typeof statustypeDocument>;

/** Catalogi API 1.x RESULTAATTYPE. */
export const resultaattypeDocument = z.looseObject({
  url: ref,
  omschrijving: z.string().min(1),
});
export type ResultaattypeDocument = z.output<typeof resultaattypeDocument>;

export interface ZgwClientOptions {
  /** Root of the Zaken API, e.g. https://openzaak.example.nl/zaken/api/v1 */
  zakenApiUrl: string;
  /** Root of the Catalogi API, e.g. https://openzaak.example.nl/catalogi/api/v1 */
  catalogiApiUrl: string;
  clientId: string;
  secret: string;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
  /** Per request, until the whole body is read (default 10 s). */
  timeoutMs?: number;
  /** How long Catalogi documents are kept (default 10 minutes). */
  cacheTtlMs?: number;
  /** `user_id` claim, shown in the source's audit trail (default 'stuurwiel'). */
  userId?: string;
  /** `user_representation` claim (default 'stuurwiel ingest'). */
  userRepresentation?: string;
  /** Clock in ms, for the cache and the token (default Date.now). */
  clock?: () => number;
}

export interface ZgwClient {
  /** The configured roots, without a trailing slash. */
  readonly zakenApiUrl: string;
  readonly catalogiApiUrl: string;
  /** Whether a URL lies below the root of that API (and would be requested). */
  isWithin(api: ZgwApi, url: string): boolean;
  getZaak(url: string): Promise<ZaakDocument>;
  getStatus(url: string): Promise<StatusDocument>;
  getResultaat(url: string): Promise<ResultaatDocument>;
  /** Cached. */
  getZaaktype(url: string): Promise<ZaaktypeDocument>;
  /** Cached. */
  getStatustype(url: string): Promise<StatustypeDocument>;
  /** Cached. */
  getResultaattype(url: string): Promise<ResultaattypeDocument>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_CACHE_TTL_MS = 10 * 60_000;
const TOKEN_REUSE_MS = 60_000;

/** The root as a URL whose path ends in '/', so that '/zaken/api/v1x' is not below '/zaken/api/v1'. */
function parseRoot(name: string, text: string): URL {
  let root: URL;
  try {
    root = new URL(text);
  } catch {
    throw new TypeError(`${name} must be an absolute URL, got '${text}'`);
  }
  if (root.protocol !== 'http:' && root.protocol !== 'https:') {
    throw new TypeError(`${name} must be an http(s) URL, got '${text}'`);
  }
  if (root.username || root.password || root.search || root.hash) {
    throw new TypeError(`${name} must not carry credentials, a query or a fragment`);
  }
  if (!root.pathname.endsWith('/')) root.pathname = `${root.pathname}/`;
  return root;
}

/** True when `text` is an http(s) URL on the root's origin below the root's path. */
export function isBelowRoot(text: string, root: URL): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  // URL parsing resolves dot segments (also %2e%2e), so the path compared is the one requested.
  return (
    url.origin === root.origin &&
    url.username === '' &&
    url.password === '' &&
    url.pathname.startsWith(root.pathname) &&
    url.pathname.length > root.pathname.length
  );
}

class TtlCache<T> {
  readonly #entries = new Map<string, { expires: number; value: Promise<T> }>();
  constructor(
    private readonly ttlMs: number,
    private readonly clock: () => number,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.clock();
    const hit = this.#entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    const entry = { expires: now + this.ttlMs, value: load() };
    this.#entries.set(key, entry);
    entry.value.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    return entry.value;
  }
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError')
      return `no answer within ${timeoutMs} ms`;
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    if (cause && typeof cause.code === 'string') return cause.code;
    if (cause && typeof cause.message === 'string') return cause.message;
    return error.message;
  }
  return String(error);
}

export function createZgwClient(options: ZgwClientOptions): ZgwClient {
  const roots: Record<ZgwApi, URL> = {
    zaken: parseRoot('zakenApiUrl', options.zakenApiUrl),
    catalogi: parseRoot('catalogiApiUrl', options.catalogiApiUrl),
  };
  if (!options.clientId) throw new TypeError('clientId is required');
  if (!options.secret) throw new TypeError('secret is required');
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const clock = options.clock ?? Date.now;
  const key = new TextEncoder().encode(options.secret);
  const cacheTtlMs = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
  const caches = {
    zaaktype: new TtlCache<ZaaktypeDocument>(cacheTtlMs, clock),
    statustype: new TtlCache<StatustypeDocument>(cacheTtlMs, clock),
    resultaattype: new TtlCache<ResultaattypeDocument>(cacheTtlMs, clock),
  };

  let token: { jwt: string; at: number } | undefined;
  async function bearer(): Promise<string> {
    const now = clock();
    if (token && now - token.at < TOKEN_REUSE_MS && now >= token.at) return token.jwt;
    const jwt = await new SignJWT({
      client_id: options.clientId,
      user_id: options.userId ?? 'stuurwiel',
      user_representation: options.userRepresentation ?? 'stuurwiel ingest',
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(options.clientId)
      .setIssuedAt(Math.floor(now / 1000))
      .sign(key);
    token = { jwt, at: now };
    return jwt;
  }

  async function get<S extends z.ZodType>(
    api: ZgwApi,
    what: string,
    url: string,
    schema: S,
  ): Promise<z.output<S>> {
    const root = roots[api];
    if (!isBelowRoot(url, root)) {
      throw new ZgwError(
        'outside_root',
        api,
        url,
        `${what} url ${url} is outside the configured ${api} api (${root.href}); it was not requested`,
      );
    }
    const label = `${api} api`;
    const authorization = `Bearer ${await bearer()}`;
    let response: Response;
    let body: unknown;
    try {
      response = await doFetch(url, {
        method: 'GET',
        headers: {
          Accept: 'application/json',
          'Accept-Crs': 'EPSG:4326',
          Authorization: authorization,
        },
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) {
        await response.body?.cancel().catch(() => {});
      } else {
        const text = await response.text();
        try {
          body = JSON.parse(text);
        } catch {
          throw new ZgwError(
            'bad_response',
            api,
            url,
            `${label} answered ${what} ${url} with something other than JSON`,
          );
        }
      }
    } catch (error) {
      if (error instanceof ZgwError) throw error;
      throw new ZgwError(
        'unreachable',
        api,
        url,
        `${label} unreachable: ${describeFailure(error, timeoutMs)} (${url})`,
      );
    }
    const { status, statusText } = response;
    const answered = `${status}${statusText ? ` ${statusText}` : ''}`;
    if (status === 401) {
      throw new ZgwError(
        'unauthorized',
        api,
        url,
        `${label} refused our credentials (${answered}) for ${url}: check client_id and secret`,
        status,
      );
    }
    if (status === 403) {
      throw new ZgwError(
        'forbidden',
        api,
        url,
        `${label} denied access (${answered}) to ${url}: check the authorisations of client_id`,
        status,
      );
    }
    if (status === 404) throw new ZgwError('not_found', api, url, `${what} not found (404): ${url}`, status);
    if (status >= 500) {
      throw new ZgwError('unreachable', api, url, `${label} unreachable: ${answered} (${url})`, status);
    }
    if (status >= 300 && status < 400) {
      throw new ZgwError(
        'bad_response',
        api,
        url,
        `${label} answered ${url} with a redirect (${answered}); redirects are not followed`,
        status,
      );
    }
    if (!response.ok) {
      throw new ZgwError('bad_response', api, url, `${label} answered ${answered} for ${url}`, status);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const detail = parsed.error.issues
        .slice(0, 5)
        .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
        .join('; ');
      throw new ZgwError(
        'bad_response',
        api,
        url,
        `${label} returned an unexpected ${what} (${url}): ${detail}`,
      );
    }
    return parsed.data;
  }

  const stripSlash = (root: URL) => root.href.replace(/\/$/, '');
  return {
    zakenApiUrl: stripSlash(roots.zaken),
    catalogiApiUrl: stripSlash(roots.catalogi),
    isWithin: (api, url) => isBelowRoot(url, roots[api]),
    getZaak: (url) => get('zaken', 'zaak', url, zaakDocument),
    getStatus: (url) => get('zaken', 'status', url, statusDocument),
    getResultaat: (url) => get('zaken', 'resultaat', url, resultaatDocument),
    getZaaktype: (url) => caches.zaaktype.get(url, () => get('catalogi', 'zaaktype', url, zaaktypeDocument)),
    getStatustype: (url) =>
      caches.statustype.get(url, () => get('catalogi', 'statustype', url, statustypeDocument)),
    getResultaattype: (url) =>
      caches.resultaattype.get(url, () => get('catalogi', 'resultaattype', url, resultaattypeDocument)),
  };
}
