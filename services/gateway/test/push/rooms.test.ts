import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/auth/principal.js';
import {
  alertRooms,
  defaultRooms,
  parseRoom,
  resolveRooms,
  roomName,
  snapshotRooms,
} from '../../src/push/rooms.js';
import { alert, counterSnapshot, teamSnapshot } from './support/fixtures.js';

const caller = (p: Partial<Principal>): Principal => ({
  subject: 'u1',
  tenant: 'GM0363',
  role: 'manager',
  locations: null,
  teams: null,
  via: 'jwt',
  ...p,
});

describe('live push rooms', () => {
  it('names rooms per municipality, location and team, with ids that cannot forge another room', () => {
    expect(roomName({ tenant: 'GM0363', kind: 'tenant', id: null, alerts: false })).toBe('tenant:GM0363');
    expect(roomName({ tenant: 'GM0363', kind: 'location', id: 'L1', alerts: false })).toBe(
      'tenant:GM0363:location:L1',
    );
    expect(roomName({ tenant: 'GM0363', kind: 'team', id: 'a:alerts', alerts: true })).toBe(
      'tenant:GM0363:team:a%3Aalerts:alerts',
    );
    expect(parseRoom('tenant:GM0363:team:a%3Aalerts:alerts')).toEqual({
      tenant: 'GM0363',
      kind: 'team',
      id: 'a:alerts',
      alerts: true,
    });
    expect(parseRoom('tenant:GM0363:queue:Q1')).toHaveProperty('error');
    expect(parseRoom('tenant:GM0363:location:%E0')).toEqual({ error: 'its id is not valid URI encoding' });
  });

  it('lets a wall screen join only its own locations, never teams, alerts or the whole municipality', () => {
    const screen = caller({ role: 'wallscreen', locations: ['L1'] });
    expect(resolveRooms(screen, ['tenant:GM0363:location:L1'])).toEqual({
      rooms: ['tenant:GM0363:location:L1'],
    });
    for (const [room, reason] of [
      ['tenant:GM0363:location:L2', 'not one of your locations'],
      ['tenant:GM0363', 'the whole municipality is only for callers not bound to locations or teams'],
      ['tenant:GM0363:team:T1', 'a wall screen sees its locations only'],
      ['tenant:GM0363:location:L1:alerts', 'alerts are for team leads and up'],
    ] as const) {
      expect(resolveRooms(screen, [room])).toEqual({ reason: `room "${room}": ${reason}` });
    }
    expect(defaultRooms(screen).map(roomName)).toEqual(['tenant:GM0363:location:L1']);
  });

  it('never lets a caller into another municipality’s rooms, whatever its role', () => {
    for (const role of ['wallscreen', 'teamlead', 'manager', 'admin'] as const) {
      expect(resolveRooms(caller({ role }), ['tenant:GM0599'])).toEqual({
        reason: 'room "tenant:GM0599": belongs to another municipality',
      });
    }
  });

  it('gives a team lead its teams with their alerts, and a manager the whole municipality', () => {
    expect(defaultRooms(caller({ role: 'teamlead', teams: ['T1'] })).map(roomName)).toEqual([
      'tenant:GM0363:team:T1',
      'tenant:GM0363:team:T1:alerts',
    ]);
    expect(
      resolveRooms(caller({ role: 'teamlead', teams: ['T1'] }), ['tenant:GM0363:team:T2']),
    ).toHaveProperty('reason');
    expect(defaultRooms(caller({})).map(roomName)).toEqual(['tenant:GM0363', 'tenant:GM0363:alerts']);
  });

  it('sends a snapshot to its municipality and its own location or team room, an alert to the rooms its labels name', () => {
    expect(snapshotRooms(counterSnapshot('GM0363', { kind: 'location', id: 'L1' }, 1))).toEqual([
      'tenant:GM0363',
      'tenant:GM0363:location:L1',
    ]);
    expect(snapshotRooms(counterSnapshot('GM0363', { kind: 'queue', id: 'Q1' }, 1))).toEqual([
      'tenant:GM0363',
    ]);
    expect(snapshotRooms(teamSnapshot('GM0363', 'T1', 1))).toEqual([
      'tenant:GM0363',
      'tenant:GM0363:team:T1',
    ]);
    expect(alertRooms(alert('GM0363', '0123456789abcdef', { team: 'T1', location: 'L1' }))).toEqual([
      'tenant:GM0363:alerts',
      'tenant:GM0363:location:L1:alerts',
      'tenant:GM0363:team:T1:alerts',
    ]);
  });
});
