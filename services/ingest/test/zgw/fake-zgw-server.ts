import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeProtectedHeader, jwtVerify } from 'jose';

/**
 * A small real HTTP server that plays the Zaken API (/zaken/api/v1) and the Catalogi API
 * (/catalogi/api/v1) of one Open Zaak: it serves the JSON documents it is given, checks the ZGW
 * JWT (HS256 with the shared secret, iss = client_id), insists on `Accept-Crs` for zaken as
 * the Zaken API does, can be told to fail, and records every request.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  authorized: boolean;
  acceptCrs: string | undefined;
  claims: Record<string, unknown> | undefined;
  alg: string | undefined;
}

export type Failure = { status: number } | { hang: true } | { redirectTo: string };

export interface FakeZgwServer {
  readonly baseUrl: string;
  readonly zakenApiUrl: string;
  readonly catalogiApiUrl: string;
  readonly clientId: string;
  readonly secret: string;
  readonly requests: RecordedRequest[];
  /** Serve `document` at `path` (e.g. '/zaken/api/v1/zaken/<uuid>'); `{{base}}` in strings becomes baseUrl. */
  put(path: string, document: unknown): void;
  /** Serve many documents, keyed by path. */
  load(documents: Record<string, unknown>): void;
  remove(path: string): void;
  /** Replace `{{base}}` in every string of a fixture with this server's base URL. */
  resolve<T>(fixture: T): T;
  /** Fail requests whose path starts with `pathPrefix` (all when omitted) until `heal`. */
  fail(failure: Failure, pathPrefix?: string): void;
  heal(): void;
  /** Requests whose path starts with `pathPrefix`. */
  count(pathPrefix: string): number;
  close(): Promise<void>;
}

const ZAKEN_ROOT = '/zaken/api/v1';
const CATALOGI_ROOT = '/catalogi/api/v1';

function problem(res: ServerResponse, status: number, code: string, title: string): void {
  res.writeHead(status, { 'Content-Type': 'application/problem+json' });
  res.end(
    JSON.stringify({ type: `https://zgw.test/ref/fouten/${code}/`, code, title, status, detail: title }),
  );
}

export async function startFakeZgwServer(
  options: { clientId?: string; secret?: string } = {},
): Promise<FakeZgwServer> {
  const clientId = options.clientId ?? 'stuurwiel-test';
  const secret = options.secret ?? 'een-geheim-van-minstens-32-tekens-lang!';
  const key = new TextEncoder().encode(secret);
  const documents = new Map<string, string>();
  const requests: RecordedRequest[] = [];
  let failure: { failure: Failure; prefix: string } | undefined;
  let baseUrl = '';

  async function authorize(
    req: IncomingMessage,
  ): Promise<{ ok: boolean; claims?: Record<string, unknown>; alg?: string }> {
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) return { ok: false };
    const token = header.slice('Bearer '.length);
    try {
      const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer: clientId });
      const ok = payload.client_id === clientId && typeof payload.iat === 'number';
      return { ok, claims: payload as Record<string, unknown>, alg: decodeProtectedHeader(token).alg };
    } catch {
      return { ok: false };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const auth = await authorize(req);
    const acceptCrs = req.headers['accept-crs'];
    requests.push({
      method: req.method ?? '',
      path,
      authorized: auth.ok,
      acceptCrs: typeof acceptCrs === 'string' ? acceptCrs : undefined,
      claims: auth.claims,
      alg: auth.alg,
    });

    if (failure && path.startsWith(failure.prefix)) {
      const f = failure.failure;
      if ('hang' in f) return; // never answer; close() ends the socket
      if ('redirectTo' in f) {
        res.writeHead(302, { Location: f.redirectTo });
        res.end();
        return;
      }
      return problem(res, f.status, 'failure', 'Told to fail');
    }
    if (req.method !== 'GET') return problem(res, 405, 'method_not_allowed', 'Method not allowed');
    if (!auth.ok) return problem(res, 401, 'not_authenticated', 'Authenticatiegegevens zijn niet opgegeven.');
    if (path.startsWith(`${ZAKEN_ROOT}/zaken/`) && acceptCrs !== 'EPSG:4326') {
      return problem(res, 412, 'missing-accept-crs-header', "'Accept-Crs' header ontbreekt");
    }
    const document = documents.get(path.replace(/\/$/, ''));
    if (document === undefined) return problem(res, 404, 'not_found', 'Niet gevonden.');
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (path.startsWith(`${ZAKEN_ROOT}/zaken/`)) headers['Content-Crs'] = 'EPSG:4326';
    res.writeHead(200, headers);
    res.end(document);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  const resolve = <T>(fixture: T): T =>
    JSON.parse(JSON.stringify(fixture).replaceAll('{{base}}', baseUrl)) as T;

  const fake: FakeZgwServer = {
    baseUrl,
    zakenApiUrl: `${baseUrl}${ZAKEN_ROOT}`,
    catalogiApiUrl: `${baseUrl}${CATALOGI_ROOT}`,
    clientId,
    secret,
    requests,
    put(path, document) {
      documents.set(path.replace(/\/$/, ''), JSON.stringify(resolve(document)));
    },
    load(all) {
      for (const [path, document] of Object.entries(all)) fake.put(path, document);
    },
    remove(path) {
      documents.delete(path.replace(/\/$/, ''));
    },
    resolve,
    fail(f, prefix = '/') {
      failure = { failure: f, prefix };
    },
    heal() {
      failure = undefined;
    },
    count(prefix) {
      return requests.filter((r) => r.path.startsWith(prefix)).length;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
  return fake;
}
