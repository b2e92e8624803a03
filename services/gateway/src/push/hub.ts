import { type AlertMessage, alertKey, type KpiSnapshot, kpiSnapshotKey } from '@stuurwiel/schemas';
import type { Principal } from '../auth/principal.js';
import type { LiveCache, LiveCaches } from '../live/cache.js';
import { clientMessage, describeIssues, PUSH_VERSION, type ServerMessage } from './messages.js';
import { createOutbox, type Frame, frame, type Wire } from './outbox.js';
import { alertRooms, defaultRooms, resolveRooms, roomName, snapshotRooms } from './rooms.js';

/** One live connection (socket.io or WebSocket) as the hub keeps it. */
export interface Connection {
  readonly principal: Principal;
  /** Replaces the rooms; the reason when a name is malformed or not allowed (nothing changes then). */
  subscribe(names: readonly string[]): string | null;
  /** The default rooms of the principal (see defaultRooms). */
  subscribeDefault(): void;
  /** A message from the client, not yet parsed: subscribe, or an error message back. */
  receive(raw: unknown): void;
  /** Frames waiting for, or held by, the transport. */
  queued(): number;
  close(): void;
}

export interface Hub {
  /** Sends hello; the connection receives nothing else until it subscribes. */
  connect(principal: Principal, wire: Wire): Connection;
  connections(): number;
  /** Frames waiting for, or held by, the transport, over all connections. */
  queued(): number;
  close(): void;
}

const snapshotKey = (s: KpiSnapshot) => `snapshot|${kpiSnapshotKey(s)}`;
const alertFrameKey = (a: AlertMessage) => `alert|${alertKey(a)}`;

/**
 * Routes every change of the caches to the connections in its rooms, each through its own
 * coalescing outbox, and gives a connection the current picture of the rooms it joins first.
 */
export function createHub(caches: LiveCaches): Hub {
  const members = new Map<string, Set<ConnectionState>>();
  const all = new Set<ConnectionState>();

  interface ConnectionState extends Connection {
    rooms: Set<string>;
    outbox: ReturnType<typeof createOutbox>;
  }

  const deliver = (rooms: readonly string[], key: string, f: Frame) => {
    if (rooms.length === 1) {
      for (const c of members.get(rooms[0]!) ?? []) c.outbox.put(key, f);
      return;
    }
    const reached = new Set<ConnectionState>();
    for (const room of rooms) for (const c of members.get(room) ?? []) reached.add(c);
    for (const c of reached) c.outbox.put(key, f);
  };

  /** Routes a cache's changes: the new value, or a removal to those who had the old one. */
  const route = <T>(
    kind: 'snapshot' | 'alert',
    cache: Pick<LiveCache<T>, 'subscribe'>,
    roomsOf: (value: T) => string[],
    keyOf: (value: T) => string,
    message: (value: T) => ServerMessage,
  ) =>
    cache.subscribe((key, value, previous) => {
      const v = value ?? previous;
      if (!v) return;
      deliver(
        roomsOf(v),
        keyOf(v),
        frame(value ? message(value) : { v: PUSH_VERSION, type: 'removed', kind, key }),
      );
    });
  const stopSnapshots = route<KpiSnapshot>(
    'snapshot',
    caches.snapshots,
    snapshotRooms,
    snapshotKey,
    (snapshot) => ({
      v: PUSH_VERSION,
      type: 'snapshot',
      snapshot,
    }),
  );
  const stopAlerts = route<AlertMessage>('alert', caches.alerts, alertRooms, alertFrameKey, (alert) => ({
    v: PUSH_VERSION,
    type: 'alert',
    alert,
  }));

  /** The current snapshots and open alerts of a room of the principal's municipality. */
  const picture = (tenant: string, room: string, put: (key: string, f: Frame) => void) => {
    for (const snapshot of caches.snapshots.ofTenant(tenant)) {
      if (snapshotRooms(snapshot).includes(room)) {
        put(snapshotKey(snapshot), frame({ v: PUSH_VERSION, type: 'snapshot', snapshot }));
      }
    }
    for (const alert of caches.alerts.ofTenant(tenant)) {
      // A resolved alert is history; its resolution reaches those connected when it happens.
      if (alert.state !== 'resolved' && alertRooms(alert).includes(room)) {
        put(alertFrameKey(alert), frame({ v: PUSH_VERSION, type: 'alert', alert }));
      }
    }
  };

  const leave = (c: ConnectionState) => {
    for (const room of c.rooms) {
      const set = members.get(room);
      set?.delete(c);
      if (set?.size === 0) members.delete(room);
    }
    c.rooms.clear();
  };

  return {
    connect(principal, wire) {
      const outbox = createOutbox(wire);
      const join = (names: readonly string[]) => {
        leave(c);
        const fresh = new Set(names);
        for (const room of fresh) {
          c.rooms.add(room);
          let set = members.get(room);
          if (!set) {
            set = new Set();
            members.set(room, set);
          }
          set.add(c);
          picture(principal.tenant, room, outbox.put);
        }
        outbox.append(frame({ v: PUSH_VERSION, type: 'subscribed', rooms: [...fresh] }));
      };
      const c: ConnectionState = {
        principal,
        rooms: new Set(),
        outbox,
        subscribe(names) {
          const resolved = resolveRooms(principal, names);
          if ('reason' in resolved) return resolved.reason;
          join(resolved.rooms);
          return null;
        },
        subscribeDefault() {
          join(defaultRooms(principal).map(roomName));
        },
        receive(raw) {
          let data: unknown = raw;
          if (typeof raw === 'string' || Buffer.isBuffer(raw)) {
            try {
              data = JSON.parse(raw.toString());
            } catch {
              outbox.append(
                frame({ v: PUSH_VERSION, type: 'error', error: 'bad_message', reason: 'not JSON' }),
              );
              return;
            }
          }
          const parsed = clientMessage.safeParse(data);
          if (!parsed.success) {
            outbox.append(
              frame({
                v: PUSH_VERSION,
                type: 'error',
                error: 'bad_message',
                reason: describeIssues(parsed.error),
              }),
            );
            return;
          }
          const refused = c.subscribe(parsed.data.rooms);
          if (refused) {
            outbox.append(frame({ v: PUSH_VERSION, type: 'error', error: 'forbidden', reason: refused }));
          }
        },
        queued: () => outbox.queued(),
        close() {
          leave(c);
          outbox.close();
          all.delete(c);
        },
      };
      all.add(c);
      outbox.append(
        frame({
          v: PUSH_VERSION,
          type: 'hello',
          tenant: principal.tenant,
          role: principal.role,
          rooms: defaultRooms(principal).map(roomName),
        }),
      );
      return c;
    },
    connections: () => all.size,
    queued() {
      let n = 0;
      for (const c of all) n += c.queued();
      return n;
    },
    close() {
      stopSnapshots();
      stopAlerts();
      for (const c of [...all]) c.close();
    },
  };
}
