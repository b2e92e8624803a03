import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import type { Hub } from './hub.js';
import { describeIssues, type ServerMessage } from './messages.js';
import { resolveRooms } from './rooms.js';

export type Authenticate = (token: string) => Promise<Principal>;

export const SOCKET_IO_PATH = '/socket.io';

/** What a browser sends in the handshake: `io(url, { auth: { token, rooms } })`. */
export const handshakeAuth = z.object({
  token: z.string({ error: 'required: a bearer token' }).min(1, 'required: a bearer token').max(8192),
  rooms: z
    .array(z.string().min(1).max(400))
    .min(1)
    .max(100)
    .optional()
    .describe('Rooms to join; default: the widest picture the caller may see (hello.rooms).'),
});

/** The `data` of a refused handshake's connect_error, so that a client can tell why. */
export interface HandshakeRefusal {
  status: 400 | 401 | 403;
  reason: string;
}

export interface ServerToClient {
  message: (message: ServerMessage) => void;
}
export interface ClientToServer {
  message: (message: unknown) => void;
}
interface SocketData {
  principal: Principal;
  rooms: string[] | undefined;
}

export interface SocketIoOptions {
  hub: Hub;
  authenticate: Authenticate;
  /** Origins allowed to connect from a browser; none: same origin and non-browser clients only. */
  corsOrigins?: readonly string[];
}

function refuse(status: HandshakeRefusal['status'], reason: string): Error {
  const names = { 400: 'bad_request', 401: 'unauthorized', 403: 'forbidden' } as const;
  return Object.assign(new Error(names[status]), { data: { status, reason } satisfies HandshakeRefusal });
}

/**
 * socket.io for browsers on the gateway's HTTP server: authenticated in the handshake; each
 * connection joins the rooms its principal allows and receives the hub's messages through its own
 * coalescing outbox, written to the engine.io socket once the previous ones were sent.
 */
export function attachSocketIo(
  server: HttpServer,
  options: SocketIoOptions,
): Server<ClientToServer, ServerToClient, Record<string, never>, SocketData> {
  const io = new Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>(server, {
    path: SOCKET_IO_PATH,
    serveClient: false,
    // Upgrades to other paths (the plain WebSocket) belong to someone else.
    destroyUpgrade: false,
    // Clients send only subscriptions.
    maxHttpBufferSize: 64 * 1024,
    ...(options.corsOrigins?.length ? { cors: { origin: [...options.corsOrigins] } } : {}),
  });

  io.use((socket, next) => {
    const auth = handshakeAuth.safeParse(socket.handshake.auth ?? {});
    if (!auth.success) {
      const missing = auth.error.issues.some((i) => i.path[0] === 'token');
      return next(refuse(missing ? 401 : 400, describeIssues(auth.error)));
    }
    options.authenticate(auth.data.token).then(
      (principal) => {
        const rooms = auth.data.rooms && resolveRooms(principal, auth.data.rooms);
        if (rooms && 'reason' in rooms) return next(refuse(403, rooms.reason));
        socket.data.principal = principal;
        socket.data.rooms = rooms?.rooms;
        next();
      },
      (error: unknown) => next(refuse(401, error instanceof Error ? error.message : 'invalid token')),
    );
  });

  io.on('connection', (socket: Socket<ClientToServer, ServerToClient, Record<string, never>, SocketData>) => {
    const engine = socket.conn;
    const connection = options.hub.connect(socket.data.principal, {
      write: (f, done) => {
        // A closing socket takes nothing more; its disconnect closes the connection's outbox.
        if (engine.readyState !== 'open') return done();
        engine.write(f.socketIo, {}, () => done());
      },
      close: () => socket.disconnect(true),
    });
    // The handshake checked them against the principal.
    if (socket.data.rooms) connection.subscribe(socket.data.rooms);
    else connection.subscribeDefault();
    socket.on('message', (raw) => connection.receive(raw));
    socket.on('disconnect', () => connection.close());
  });

  return io;
}
