import type { ServiceApp } from '@stuurwiel/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveCaches } from '../../src/live/cache.js';
import { ioClient, startPushServer, wsClient } from './support/clients.js';
import { authenticate, type Claims, token } from './support/fixtures.js';

const A = 'GM0363';
const B = 'GM0599';

type Outcome = 'joins' | 403;
const ROOMS = [
  `tenant:${A}`,
  `tenant:${A}:alerts`,
  `tenant:${A}:location:L1`,
  `tenant:${A}:location:L1:alerts`,
  `tenant:${A}:location:L2`,
  `tenant:${A}:team:T1`,
  `tenant:${A}:team:T1:alerts`,
  `tenant:${A}:team:T2`,
] as const;

/** Who may join which room of municipality A (403: refused in the handshake). */
const MATRIX: { caller: string; claims: Claims; outcomes: Outcome[] }[] = [
  {
    caller: 'wall screen of L1',
    claims: { tenant: A, role: 'wallscreen', locations: ['L1'] },
    outcomes: [403, 403, 'joins', 403, 403, 403, 403, 403],
  },
  {
    caller: 'team lead of T1 at L1',
    claims: { tenant: A, role: 'teamlead', locations: ['L1'], teams: ['T1'] },
    outcomes: [403, 403, 'joins', 'joins', 403, 'joins', 'joins', 403],
  },
  {
    caller: 'manager',
    claims: { tenant: A, role: 'manager' },
    outcomes: ['joins', 'joins', 'joins', 'joins', 'joins', 'joins', 'joins', 'joins'],
  },
  {
    caller: 'admin',
    claims: { tenant: A, role: 'admin' },
    outcomes: ['joins', 'joins', 'joins', 'joins', 'joins', 'joins', 'joins', 'joins'],
  },
  {
    caller: 'admin of municipality B',
    claims: { tenant: B, role: 'admin' },
    outcomes: [403, 403, 403, 403, 403, 403, 403, 403],
  },
];

describe('live push: who may connect and join which room', () => {
  let app: ServiceApp;
  let url: string;
  beforeAll(async () => {
    ({ app, url } = await startPushServer({ authenticate, caches: createLiveCaches() }));
  });
  afterAll(() => app.close());

  const connect = async (auth: Record<string, unknown>) => {
    const client = ioClient(url, auth);
    try {
      await client.connected;
      return 'joins' as const;
    } catch (error) {
      return (error as { data?: { status: number } }).data?.status;
    } finally {
      client.socket.close();
    }
  };

  for (const { caller, claims, outcomes } of MATRIX) {
    it(`socket.io: the ${caller} joins exactly the rooms it may`, async () => {
      const jwt = await token(claims);
      const got: (Outcome | number | undefined)[] = [];
      for (const room of ROOMS) got.push(await connect({ token: jwt, rooms: [room] }));
      expect(Object.fromEntries(ROOMS.map((r, i) => [r, got[i]]))).toEqual(
        Object.fromEntries(ROOMS.map((r, i) => [r, outcomes[i]])),
      );
    });
  }

  it('socket.io: refuses no token, an expired one and a wrongly signed one with 401, a malformed handshake with 400', async () => {
    const wrongKey = new TextEncoder().encode('another-secret-0123456789abcdef0123456789');
    expect(await connect({})).toBe(401);
    expect(await connect({ token: await token({ tenant: A, role: 'admin' }, { expiresIn: '-1m' }) })).toBe(
      401,
    );
    expect(await connect({ token: await token({ tenant: A, role: 'admin' }, { secret: wrongKey }) })).toBe(
      401,
    );
    expect(await connect({ token: await token({ tenant: A, role: 'admin' }), rooms: 'tenant:GM0363' })).toBe(
      400,
    );
  });

  it('WebSocket: refuses an upgrade without a valid token with 401', async () => {
    await expect(wsClient(url).opened).rejects.toThrow('HTTP 401');
    const expired = await token({ tenant: A, role: 'admin' }, { expiresIn: '-1m' });
    await expect(wsClient(url, { token: expired, header: true }).opened).rejects.toThrow('HTTP 401');
  });

  it('WebSocket: takes the token from the Authorization header, the token parameter or a bearer subprotocol', async () => {
    const jwt = await token({ tenant: A, role: 'wallscreen', locations: ['L1'] });
    const clients = [
      wsClient(url, { token: jwt, header: true }),
      wsClient(url, { token: jwt }),
      wsClient(url, { protocols: ['stuurwiel.v1', `bearer.${jwt}`] }),
    ];
    for (const client of clients) {
      await client.opened;
      expect(await client.received.next((m) => m.type === 'hello')).toEqual({
        v: 1,
        type: 'hello',
        tenant: A,
        role: 'wallscreen',
        rooms: [`tenant:${A}:location:L1`],
      });
      client.ws.close();
    }
    expect(clients[2]!.ws.protocol).toBe('stuurwiel.v1');
  });

  it('WebSocket: answers a malformed or forbidden subscription with an error naming the field or room', async () => {
    const client = wsClient(url, {
      token: await token({ tenant: A, role: 'wallscreen', locations: ['L1'] }),
    });
    await client.opened;
    client.ws.send('not json');
    client.send({ v: 1, type: 'subscribe', rooms: 'tenant:GM0363', extra: 1 });
    client.send({ v: 2, type: 'subscribe', rooms: [`tenant:${A}:location:L1`] });
    client.send({ v: 1, type: 'subscribe', rooms: [`tenant:${A}:location:L1`, `tenant:${A}:location:L2`] });
    client.send({ v: 1, type: 'subscribe', rooms: [`tenant:${A}:location:L1`] });
    await client.received.next((m) => m.type === 'subscribed');
    expect(client.received.messages.slice(1)).toEqual([
      { v: 1, type: 'error', error: 'bad_message', reason: 'not JSON' },
      {
        v: 1,
        type: 'error',
        error: 'bad_message',
        reason: expect.stringMatching(/^rooms: .*; \(message\): Unrecognized key: "extra"$/),
      },
      { v: 1, type: 'error', error: 'bad_message', reason: 'v: Invalid input: expected 1' },
      {
        v: 1,
        type: 'error',
        error: 'forbidden',
        reason: `room "tenant:${A}:location:L2": not one of your locations`,
      },
      { v: 1, type: 'subscribed', rooms: [`tenant:${A}:location:L1`] },
    ]);
    client.ws.close();
  });
});
