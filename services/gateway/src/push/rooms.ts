import type { AlertMessage, KpiSnapshot } from '@stuurwiel/schemas';
import { type Principal, roleAtLeast } from '../auth/principal.js';

/**
 * Rooms of live push. A room is one municipality's picture, whole or of one location or team;
 * snapshots and alerts have rooms of their own, since alerts are for team leads and up:
 *   tenant:GM0363                  every snapshot of the municipality
 *   tenant:GM0363:location:L1      snapshots of location L1
 *   tenant:GM0363:team:T1          snapshots of team T1
 *   …:alerts                       the alerts of the same scope (tenant:GM0363:alerts, …)
 * Ids are URI-encoded, so that an id holding ':' cannot make a name mean another room.
 */
/** The kinds of scope a room can have; the authorisation matrix has a row for each (with and without :alerts). */
export const ROOM_KINDS = ['tenant', 'location', 'team'] as const;

export interface Room {
  tenant: string;
  kind: (typeof ROOM_KINDS)[number];
  /** Location or team id; null for the tenant room. */
  id: string | null;
  alerts: boolean;
}

const PATTERN = /^tenant:(GM\d{4})(?::(location|team):([^:]+))?(:alerts)?$/;

export function roomName(room: Room): string {
  const scope = room.kind === 'tenant' ? '' : `:${room.kind}:${encodeURIComponent(room.id ?? '')}`;
  return `tenant:${room.tenant}${scope}${room.alerts ? ':alerts' : ''}`;
}

/** The room a name means, or the reason it means none. */
export function parseRoom(name: string): Room | { error: string } {
  const match = PATTERN.exec(name);
  if (!match) {
    return {
      error:
        'must look like tenant:GM0363, tenant:GM0363:location:<id> or tenant:GM0363:team:<id>, optionally followed by :alerts',
    };
  }
  const [, tenant, kind, rawId, alerts] = match;
  let id: string | null = null;
  if (rawId !== undefined) {
    try {
      id = decodeURIComponent(rawId);
    } catch {
      return { error: 'its id is not valid URI encoding' };
    }
    if (id.length === 0 || id.length > 128) return { error: 'its id must have 1 to 128 characters' };
  }
  return { tenant: tenant!, kind: (kind ?? 'tenant') as Room['kind'], id, alerts: alerts !== undefined };
}

/** Why `principal` may not join `room`, or null when it may. */
export function refusal(principal: Principal, room: Room): string | null {
  if (room.tenant !== principal.tenant) return 'belongs to another municipality';
  if (room.alerts && !roleAtLeast(principal.role, 'teamlead')) return 'alerts are for team leads and up';
  switch (room.kind) {
    case 'tenant':
      return principal.locations === null && principal.teams === null
        ? null
        : 'the whole municipality is only for callers not bound to locations or teams';
    case 'location':
      return principal.locations === null || principal.locations.includes(room.id!)
        ? null
        : 'not one of your locations';
    case 'team':
      if (principal.role === 'wallscreen') return 'a wall screen sees its locations only';
      return principal.teams === null || principal.teams.includes(room.id!) ? null : 'not one of your teams';
  }
}

/** The rooms a caller joins when it names none: the widest picture it may see. */
export function defaultRooms(principal: Principal): Room[] {
  const withAlerts = roleAtLeast(principal.role, 'teamlead');
  const scopes: Pick<Room, 'kind' | 'id'>[] = [];
  if (principal.locations === null && principal.teams === null) scopes.push({ kind: 'tenant', id: null });
  else {
    for (const id of principal.locations ?? []) scopes.push({ kind: 'location', id });
    if (principal.role !== 'wallscreen')
      for (const id of principal.teams ?? []) scopes.push({ kind: 'team', id });
  }
  return scopes.flatMap((scope) => {
    const room = { tenant: principal.tenant, ...scope };
    return withAlerts
      ? [
          { ...room, alerts: false },
          { ...room, alerts: true },
        ]
      : [{ ...room, alerts: false }];
  });
}

/** The rooms a snapshot goes to. */
export function snapshotRooms(snapshot: KpiSnapshot): string[] {
  const rooms = [roomName({ tenant: snapshot.tenant, kind: 'tenant', id: null, alerts: false })];
  const { kind, id } = snapshot.scope;
  if ((kind === 'location' || kind === 'team') && id !== null) {
    rooms.push(roomName({ tenant: snapshot.tenant, kind, id, alerts: false }));
  }
  return rooms;
}

/** The rooms an alert goes to: its municipality's, and those of the location and team it names. */
export function alertRooms(alert: AlertMessage): string[] {
  const rooms = [roomName({ tenant: alert.tenant, kind: 'tenant', id: null, alerts: true })];
  for (const kind of ['location', 'team'] as const) {
    const id = alert.labels[kind];
    if (id) rooms.push(roomName({ tenant: alert.tenant, kind, id, alerts: true }));
  }
  return rooms;
}

/** The canonical names of the rooms `names` mean, or every name's reason why the principal may not join it. */
export function resolveRooms(
  principal: Principal,
  names: readonly string[],
): { rooms: string[] } | { reason: string } {
  const problems: string[] = [];
  const rooms: string[] = [];
  for (const name of names) {
    const room = parseRoom(name);
    const why = 'error' in room ? room.error : refusal(principal, room);
    if (why !== null) problems.push(`room ${JSON.stringify(name)}: ${why}`);
    else rooms.push(roomName(room as Room));
  }
  return problems.length > 0 ? { reason: problems.join('; ') } : { rooms: [...new Set(rooms)] };
}
