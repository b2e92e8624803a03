import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ZgwStore } from './zgw-store.js';

/**
 * A small Zaken and Catalogi API (read only) over the simulated municipalities' stores, as ingest's
 * ZGW adapter reads them after each notification: GET of a zaak, status, resultaat, zaaktype,
 * statustype or resultaattype by its URL. Like Open Zaak, it refuses a request without a valid
 * ZGW JWT (HS256, signed with the application's secret, client_id claim) with 401, and answers an
 * unknown document with 404.
 */
export interface ZgwServer {
  url: string;
  /** Serves this store from now on (its URLs must lie below `url`). */
  add(store: ZgwStore): void;
  close(): Promise<void>;
}

function verifyJwt(token: string, clientId: string, secret: string): boolean {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return false;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  try {
    const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown };
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { client_id?: unknown };
    return head.alg === 'HS256' && claims.client_id === clientId;
  } catch {
    return false;
  }
}

export async function startZgwServer(options: { port?: number; host?: string } = {}): Promise<ZgwServer> {
  const stores = new Map<string, ZgwStore>();
  const server: Server = createServer((request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const store = stores.get(path.split('/')[1] ?? '');
    if (request.method !== 'GET') return send(405, { detail: 'read only' });
    if (!store) return send(404, { detail: 'unknown municipality' });
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!bearer || !verifyJwt(bearer, store.credentials.clientId, store.credentials.secret)) {
      return send(401, { detail: 'missing or invalid ZGW JWT' });
    }
    const document = store.get(path);
    return document ? send(200, document) : send(404, { detail: 'Niet gevonden.' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${address.port}`,
    add: (store) => void stores.set(store.tenant, store),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
