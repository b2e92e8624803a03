import type { Socket as NetSocket } from 'node:net';
import type { ServiceApp } from '@stuurwiel/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { createLiveCaches } from '../../src/live/cache.js';
import { ioClient, type Received, startPushServer, wsClient } from './support/clients.js';
import { authenticate, counterSnapshot, token } from './support/fixtures.js';

const TENANT = 'GM0363';
const LOCATIONS = ['L1', 'L2', 'L3', 'L4', 'L5'];
// 20,000 snapshots of ~1.4 kB: far more than the loopback socket buffers hold, so a client that
// does not read stalls the transport long before the last one.
const UPDATES = 20_000;

/** The TCP socket under a client's WebSocket (ws keeps it as `_socket`). */
const tcpOf = (ws: WebSocket) => (ws as unknown as { _socket: NetSocket })._socket;

const waitingOf = (received: Received, location: string) =>
  received
    .snapshots()
    .filter((s) => s.scope.id === location)
    .map((s) => (s.domain === 'counter' ? s.now.waiting : -1));

describe('live push to a client that does not read', () => {
  const caches = createLiveCaches();
  let app: ServiceApp;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await startPushServer({ authenticate, caches }));
  });
  afterAll(() => app.close());

  /**
   * Publishes UPDATES snapshots round-robin over the locations, letting the event loop write
   * between them, and returns the most messages that ever waited for the gateway's connections.
   */
  async function publishWhileStalled(): Promise<number> {
    let most = 0;
    for (let n = 1; n <= UPDATES; n++) {
      const location = LOCATIONS[n % LOCATIONS.length]!;
      caches.snapshots.put(counterSnapshot(TENANT, { kind: 'location', id: location }, n));
      most = Math.max(most, app.livePush.queued());
      if (n % 20 === 0) await new Promise((r) => setImmediate(r));
    }
    return most;
  }

  /** The last update each location got. */
  const latest = new Map(
    LOCATIONS.map((l) => [
      l,
      Math.max(
        ...Array.from({ length: UPDATES }, (_, i) => i + 1).filter(
          (n) => LOCATIONS[n % LOCATIONS.length] === l,
        ),
      ),
    ]),
  );

  async function expectLatestPerScope(received: Received) {
    for (const [location, n] of latest) {
      await received.next(
        (m) =>
          m.type === 'snapshot' &&
          m.snapshot.scope.id === location &&
          m.snapshot.domain === 'counter' &&
          m.snapshot.now.waiting === n,
      );
      const seen = waitingOf(received, location);
      // Each scope's updates arrive in order, newest last, with most of them skipped.
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      expect(seen.at(-1)).toBe(n);
    }
    expect(received.snapshots().length).toBeLessThan(UPDATES / 2);
  }

  it('over the WebSocket: at most one waiting message per scope, and the latest of each once it reads again', async () => {
    const client = wsClient(url, { token: await token({ tenant: TENANT, role: 'manager' }), header: true });
    await client.opened;
    client.send({ v: 1, type: 'subscribe', rooms: [`tenant:${TENANT}`] });
    await client.received.next((m) => m.type === 'subscribed');
    tcpOf(client.ws).pause();

    const most = await publishWhileStalled();
    // One waiting per location, plus at most one batch of them still held by the transport.
    expect(most).toBeLessThanOrEqual(2 * LOCATIONS.length);
    expect(app.livePush.queued()).toBeGreaterThan(0); // it did stall

    tcpOf(client.ws).resume();
    await expectLatestPerScope(client.received);
    client.ws.close();
  });

  it('over socket.io: the same bound and the latest snapshot of each scope', async () => {
    const client = ioClient(url, { token: await token({ tenant: TENANT, role: 'manager' }) });
    await client.connected;
    await client.received.next((m) => m.type === 'subscribed');
    const engine = client.socket.io.engine as unknown as { transport: { ws: WebSocket } };
    const tcp = tcpOf(engine.transport.ws);
    tcp.pause();

    const most = await publishWhileStalled();
    expect(most).toBeLessThanOrEqual(2 * LOCATIONS.length);
    expect(app.livePush.queued()).toBeGreaterThan(0);

    tcp.resume();
    await expectLatestPerScope(client.received);
    client.socket.close();
  });
});
