import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { Principal } from '../auth/principal.js';
import type { Hub } from './hub.js';
import { type Authenticate, SOCKET_IO_PATH } from './socketio.js';

export const STREAM_PATH = '/api/v1/stream';
/** The subprotocol of the stream; a client may pass its token as a second one, `bearer.<token>`. */
export const STREAM_PROTOCOL = 'stuurwiel.v1';
const BEARER_PROTOCOL = 'bearer.';

/** The token of an upgrade request: Authorization header, `token` query parameter or subprotocol. */
export function tokenOf(request: IncomingMessage, url: URL): string | null {
  const header = request.headers.authorization;
  if (header) return /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? null;
  const query = url.searchParams.get('token');
  if (query) return query;
  const protocols = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const bearer = protocols.find((p) => p.startsWith(BEARER_PROTOCOL));
  return bearer ? bearer.slice(BEARER_PROTOCOL.length) : null;
}

export interface WebSocketOptions {
  hub: Hub;
  authenticate: Authenticate;
  /** Interval of the pings that find dead connections. Default 30 s. */
  pingIntervalMs?: number;
}

export interface StreamServer {
  close(): void;
}

function reject(socket: Duplex, status: 401 | 400, reason: string): void {
  const body = JSON.stringify({ error: status === 401 ? 'unauthorized' : 'bad_request', reason });
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Bad Request'}\r\n` +
      'Content-Type: application/json\r\nConnection: close\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * The plain WebSocket for integrations at /api/v1/stream: the same messages as socket.io, one JSON
 * text frame each. The token is checked before the upgrade (401 otherwise); the connection gets
 * hello, then nothing until it sends `{"v":1,"type":"subscribe","rooms":[…]}`.
 */
export function attachWebSocket(server: HttpServer, options: WebSocketOptions): StreamServer {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    handleProtocols: (protocols) => (protocols.has(STREAM_PROTOCOL) ? STREAM_PROTOCOL : false),
  });
  const alive = new WeakSet<WebSocket>();

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://gateway');
    if (url.pathname !== STREAM_PATH) {
      // socket.io answers its own; nobody else takes upgrades.
      if (!url.pathname.startsWith(`${SOCKET_IO_PATH}/`)) socket.destroy();
      return;
    }
    const token = tokenOf(request, url);
    if (!token)
      return reject(
        socket,
        401,
        'a bearer token is required (Authorization header, token parameter or bearer.<token> subprotocol)',
      );
    options.authenticate(token).then(
      (principal) => wss.handleUpgrade(request, socket, head, (ws) => serve(ws, principal)),
      (error: unknown) => reject(socket, 401, error instanceof Error ? error.message : 'invalid token'),
    );
  };

  const serve = (ws: WebSocket, principal: Principal) => {
    alive.add(ws);
    const connection = options.hub.connect(principal, {
      // A failed or closing socket takes nothing more; its close event closes the connection's outbox.
      write: (f, done) => {
        if (ws.readyState !== WebSocket.OPEN) return done();
        ws.send(f.json, () => done());
      },
      close: (reason) => ws.close(1008, reason.slice(0, 120)),
    });
    ws.on('pong', () => alive.add(ws));
    ws.on('message', (data, isBinary) =>
      connection.receive(isBinary ? Buffer.from(data as Buffer) : data.toString()),
    );
    ws.on('close', () => connection.close());
    ws.on('error', () => ws.terminate());
  };

  const pings = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, options.pingIntervalMs ?? 30_000);
  pings.unref();

  server.on('upgrade', onUpgrade);
  return {
    close() {
      clearInterval(pings);
      server.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
