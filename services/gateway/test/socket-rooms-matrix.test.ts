import type { AlertMessage, KpiSnapshot } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { ROOM_KINDS, type Room, roomName, type ServerMessage } from '../src/push/index.js';
import { ioClient, type Received, wsClient } from './push/support/clients.js';
import { alert } from './push/support/fixtures.js';
import { build, LOCATION_A, TENANT_A, TENANT_B } from './support/build.js';
import { type Caller, credentials, REJECTED } from './support/callers.js';
import { counterSnapshot } from './support/snapshots.js';

// Acceptance 1 of issue 11 for live push: every socket room × every kind of caller, over socket.io
// (the handshake names the room) and the plain WebSocket (the token at the upgrade, then a
// subscribe message), gets exactly the status written here, on the real app (its token verifier
// and wall-screen keys); B's snapshots and alerts never reach a connection of A's. The room kinds
// come from the push module: a new kind without rows here fails the test.

const TEAM_A = 'team-balie';
const B_LOCATION = 'b-only-location';
const OK = 200;

type Expect = Record<Caller, 200 | 401 | 403>;

const NOT_A_WALLSCREEN = {
  wallscreen_of_a: 403,
  wallscreen_key_of_a: 403,
  teamlead_of_a: OK,
  manager_of_a: OK,
  admin_of_a: OK,
  manager_of_b: 403,
  ...REJECTED,
} as const satisfies Expect;

/** One row per room kind, with and without alerts: A's room of that kind. */
const ROOMS: Record<string, { room: Room; expect: Expect }> = {
  tenant: { room: { tenant: TENANT_A, kind: 'tenant', id: null, alerts: false }, expect: NOT_A_WALLSCREEN },
  'tenant:alerts': {
    room: { tenant: TENANT_A, kind: 'tenant', id: null, alerts: true },
    expect: NOT_A_WALLSCREEN,
  },
  location: {
    room: { tenant: TENANT_A, kind: 'location', id: LOCATION_A, alerts: false },
    expect: { ...NOT_A_WALLSCREEN, wallscreen_of_a: OK, wallscreen_key_of_a: OK },
  },
  'location:alerts': {
    room: { tenant: TENANT_A, kind: 'location', id: LOCATION_A, alerts: true },
    expect: NOT_A_WALLSCREEN,
  },
  team: { room: { tenant: TENANT_A, kind: 'team', id: TEAM_A, alerts: false }, expect: NOT_A_WALLSCREEN },
  'team:alerts': {
    room: { tenant: TENANT_A, kind: 'team', id: TEAM_A, alerts: true },
    expect: NOT_A_WALLSCREEN,
  },
};

/** Both municipalities' snapshots and alerts of every scope the rooms have. */
function seed(): { snapshots: KpiSnapshot[]; alerts: AlertMessage[] } {
  return {
    snapshots: [
      counterSnapshot(TENANT_A, { kind: 'tenant', id: null }, { waiting: 11 }),
      counterSnapshot(TENANT_A, { kind: 'location', id: LOCATION_A }, { waiting: 7 }),
      counterSnapshot(TENANT_A, { kind: 'team', id: TEAM_A }, { waiting: 5 }),
      counterSnapshot(TENANT_B, { kind: 'tenant', id: null }, { waiting: 99 }),
      counterSnapshot(TENANT_B, { kind: 'location', id: B_LOCATION }, { waiting: 98 }),
      counterSnapshot(TENANT_B, { kind: 'team', id: TEAM_A }, { waiting: 97 }),
    ],
    alerts: [
      alert(TENANT_A, 'a00000000000000a', { location: LOCATION_A, team: TEAM_A }),
      alert(TENANT_B, 'b00000000000000b', { location: B_LOCATION, team: TEAM_A }),
    ],
  };
}

/** What a connection that joined `room` must have been sent: something of A's, nothing of B's. */
function expectOnlyA(received: Received, room: Room) {
  const data = received.messages.filter((m): m is Extract<ServerMessage, { type: 'snapshot' | 'alert' }> =>
    ['snapshot', 'alert'].includes(m.type),
  );
  expect(data.length, roomName(room)).toBeGreaterThan(0);
  expect(data.every((m) => m.type === (room.alerts ? 'alert' : 'snapshot'))).toBe(true);
  const text = JSON.stringify(received.messages);
  expect(text).not.toContain(TENANT_B);
  expect(text).not.toContain(B_LOCATION);
  expect(text).not.toContain('b00000000000000b');
}

describe('the authorisation matrix of socket rooms', () => {
  it('has rows for every room kind, with and without alerts', () => {
    expect(Object.keys(ROOMS).sort()).toEqual(ROOM_KINDS.flatMap((kind) => [kind, `${kind}:alerts`]).sort());
  });

  it("closes every live connection when the app closes (SIGTERM's graceful shutdown)", async () => {
    const { app } = await build(undefined, {});
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const token = (await credentials()).manager_of_a!;
    const viaIo = ioClient(url, { token });
    const viaWs = wsClient(url, { token, header: true });
    await Promise.all([viaIo.connected, viaWs.opened]);
    const closed = Promise.all([
      new Promise((resolve) => viaIo.socket.once('disconnect', resolve)),
      new Promise((resolve) => viaWs.ws.once('close', resolve)),
    ]);
    await app.close();
    await closed;
    expect(viaIo.socket.connected).toBe(false);
  });

  for (const [name, row] of Object.entries(ROOMS)) {
    describe(`room ${name}`, () => {
      for (const caller of Object.keys(row.expect) as Caller[]) {
        const status = row.expect[caller];
        it(`answers ${caller} with ${status} over socket.io and WebSocket`, async (t) => {
          const { snapshots, alerts } = seed();
          const { app, caches } = await build(t, { snapshots });
          for (const a of alerts) caches.alerts.put(a);
          const url = await app.listen({ port: 0, host: '127.0.0.1' });
          const credential = (await credentials())[caller];
          const room = roomName(row.room);

          const viaIo = ioClient(url, { ...(credential ? { token: credential } : {}), rooms: [room] });
          t.onTestFinished(() => void viaIo.socket.close());
          const viaWs = wsClient(url, credential ? { token: credential, header: true } : {});
          t.onTestFinished(() => viaWs.ws.close());

          if (status === OK) {
            await viaIo.connected;
            await viaIo.received.next((m) => m.type === 'subscribed');
            await viaWs.opened;
            viaWs.send({ v: 1, type: 'subscribe', rooms: [room] });
            await viaWs.received.next((m) => m.type === 'subscribed');
            // B's changes while connected reach neither; A's next one reaches both.
            caches.snapshots.put(counterSnapshot(TENANT_B, { kind: 'team', id: TEAM_A }, { waiting: 96 }));
            caches.alerts.put(alert(TENANT_B, 'b00000000000000b', { location: B_LOCATION, team: TEAM_A }));
            const update = row.room.alerts
              ? alert(TENANT_A, 'a0000000000000aa', { location: LOCATION_A, team: TEAM_A })
              : counterSnapshot(TENANT_A, { kind: row.room.kind, id: row.room.id }, { waiting: 3 });
            if (row.room.alerts) caches.alerts.put(update as AlertMessage);
            else caches.snapshots.put(update as KpiSnapshot);
            for (const received of [viaIo.received, viaWs.received]) {
              await received.next((m) =>
                row.room.alerts
                  ? m.type === 'alert' && m.alert.fingerprint === 'a0000000000000aa'
                  : m.type === 'snapshot' && m.snapshot.domain === 'counter' && m.snapshot.now.waiting === 3,
              );
              expectOnlyA(received, row.room);
            }
            return;
          }
          if (status === 401) {
            await Promise.all([
              expect(viaIo.connected).rejects.toMatchObject({ data: { status } }),
              expect(viaWs.opened).rejects.toThrow('HTTP 401'),
            ]);
            return;
          }
          await expect(viaIo.connected).rejects.toMatchObject({ data: { status } });
          await viaWs.opened;
          viaWs.send({ v: 1, type: 'subscribe', rooms: [room] });
          expect(await viaWs.received.next((m) => m.type === 'error')).toMatchObject({ error: 'forbidden' });
          expect(viaWs.received.messages.filter((m) => m.type === 'snapshot' || m.type === 'alert')).toEqual(
            [],
          );
        });
      }
    });
  }
});
