import {
  type AlertMessage,
  alertKey,
  type KpiSnapshot,
  kpiSnapshotKey,
  PUSH_VERSION,
  type ServerMessage,
  serverMessage,
} from '@stuurwiel/schemas';
import { useEffect, useState } from 'react';
import { io } from 'socket.io-client';

export type ConnectionState = 'connecting' | 'live' | 'offline' | 'refused';

export interface LivePicture {
  state: ConnectionState;
  /** Why the gateway refused the connection (a wrong or expired key); null otherwise. */
  refusal: string | null;
  /** When the connection was last up: the moment the figures on screen stopped being current. */
  lostAt: Date | null;
  snapshots: ReadonlyMap<string, KpiSnapshot>;
  alerts: ReadonlyMap<string, AlertMessage>;
  /** The rooms the gateway allows by default (from its hello). */
  rooms: readonly string[];
  /**
   * Whether the current picture of the joined rooms has arrived (the gateway's `subscribed`) since
   * the last (re)connect: from then on, what is not in `snapshots` or `alerts` is not there.
   */
  complete: boolean;
}

const EMPTY: LivePicture = {
  state: 'connecting',
  refusal: null,
  lostAt: null,
  snapshots: new Map(),
  alerts: new Map(),
  rooms: [],
  complete: false,
};

function apply(picture: LivePicture, message: ServerMessage): LivePicture {
  switch (message.type) {
    case 'hello':
      return { ...picture, rooms: message.rooms };
    case 'subscribed':
      return { ...picture, complete: true };
    case 'snapshot': {
      const snapshots = new Map(picture.snapshots);
      snapshots.set(kpiSnapshotKey(message.snapshot), message.snapshot);
      return { ...picture, snapshots };
    }
    case 'alert': {
      const alerts = new Map(picture.alerts);
      alerts.set(alertKey(message.alert), message.alert);
      return { ...picture, alerts };
    }
    case 'removed': {
      if (message.kind === 'snapshot') {
        const snapshots = new Map(picture.snapshots);
        snapshots.delete(message.key);
        return { ...picture, snapshots };
      }
      const alerts = new Map(picture.alerts);
      alerts.delete(message.key);
      return { ...picture, alerts };
    }
    default:
      return picture;
  }
}

/**
 * The live picture over socket.io: the current snapshots and alerts of the caller's rooms (or
 * `rooms`), kept up to date, reconnecting by itself. A reconnect starts from the gateway's current
 * picture, so nothing stale survives a gap.
 */
export function useLive(credential: string | null, rooms?: readonly string[]): LivePicture {
  const [picture, setPicture] = useState<LivePicture>(EMPTY);
  const roomKey = rooms?.join(',') ?? '';
  useEffect(() => {
    if (!credential) return;
    const socket = io({
      path: '/socket.io',
      auth: { token: credential, ...(roomKey ? { rooms: roomKey.split(',') } : {}) },
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
    });
    socket.on('connect', () =>
      setPicture((p) => ({
        ...p,
        state: 'live',
        refusal: null,
        lostAt: null,
        snapshots: new Map(),
        alerts: new Map(),
        complete: false,
      })),
    );
    socket.on('disconnect', (reason) => {
      setPicture((p) => ({ ...p, state: 'offline', lostAt: p.lostAt ?? new Date() }));
      // A gateway shutting down closes its sockets ("io server disconnect"), after which socket.io
      // leaves reconnecting to the page: a wall screen must come back by itself when it does.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (error: Error & { data?: { status?: number; reason?: string } }) => {
      const status = error.data?.status;
      if (status === 401 || status === 403) {
        // A refused key stays refused: asking again every second helps nobody.
        socket.disconnect();
        setPicture((p) => ({ ...p, state: 'refused', refusal: error.data?.reason ?? error.message }));
        return;
      }
      setPicture((p) => ({ ...p, state: 'offline', lostAt: p.lostAt ?? new Date() }));
    });
    socket.on('message', (raw: unknown) => {
      const parsed = serverMessage.safeParse(raw);
      if (!parsed.success || parsed.data.v !== PUSH_VERSION) {
        console.warn('stuurwiel: a push message was not understood', parsed.error?.issues);
        return;
      }
      setPicture((p) => apply(p, parsed.data));
    });
    return () => {
      socket.disconnect();
    };
  }, [credential, roomKey]);
  return picture;
}
