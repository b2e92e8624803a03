import { testKafka, testTopics, uniqueName, useInfra } from '@stuurwiel/infra/testing';
import { createProducer, type EventProducer } from '@stuurwiel/kafka';
import type { ServiceApp } from '@stuurwiel/runtime';
import { type AlertMessage, alertKey, type KpiSnapshot, kpiSnapshotKey, TOPICS } from '@stuurwiel/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type IoClient,
  ioClient,
  type Received,
  startPushServer,
  type WsClient,
  wsClient,
} from './support/clients.js';
import { alert, authenticate, type Claims, counterSnapshot, token } from './support/fixtures.js';

const A = 'GM0363';
const B = 'GM0599';

const waitingOf = (s: KpiSnapshot) => (s.domain === 'counter' ? s.now.waiting : null);
const isSnapshot =
  (tenant: string, location: string | null, waiting: number) => (m: Received['messages'][number]) =>
    m.type === 'snapshot' &&
    m.snapshot.tenant === tenant &&
    m.snapshot.scope.id === location &&
    waitingOf(m.snapshot) === waiting;

describe('live push from kpi.v1 and alerts.v1 through real Kafka', () => {
  const prefix = `${uniqueName('push')}.`;
  let producer: EventProducer;
  let app: ServiceApp;
  let url: string;
  const open: (IoClient | WsClient)[] = [];

  const publish = (s: KpiSnapshot) =>
    producer.send(`${prefix}${TOPICS.kpi}`, [{ key: kpiSnapshotKey(s), value: JSON.stringify(s) }]);
  const raise = (a: AlertMessage) =>
    producer.send(`${prefix}${TOPICS.alerts}`, [{ key: alertKey(a), value: JSON.stringify(a) }]);
  const io = async (claims: Parameters<typeof token>[0], extra: Record<string, unknown> = {}) => {
    const client = ioClient(url, { token: await token(claims), ...extra });
    open.push(client);
    await client.connected;
    await client.received.next((m) => m.type === 'subscribed');
    return client;
  };

  beforeAll(async () => {
    const infra = useInfra();
    await testTopics(infra, [
      { topic: `${prefix}${TOPICS.kpi}`, partitions: 3, compacted: true },
      { topic: `${prefix}${TOPICS.alerts}`, partitions: 3, compacted: true },
    ]);
    producer = createProducer(testKafka(infra, 'push-producer'));
    await producer.connect();
    // On the topics before the gateway starts: it must read them from the beginning.
    await publish(counterSnapshot(A, { kind: 'tenant', id: null }, 1));
    await publish(counterSnapshot(A, { kind: 'location', id: 'L1' }, 1));
    await publish(counterSnapshot(A, { kind: 'location', id: 'L1' }, 2));
    await producer.send(`${prefix}${TOPICS.kpi}`, [
      {
        key: 'broken',
        value: JSON.stringify({
          ...counterSnapshot(A, { kind: 'tenant', id: null }, 9),
          tenant: 'Amsterdam',
        }),
      },
    ]);
    ({ app, url } = await startPushServer({
      authenticate,
      kafka: {
        brokers: infra.kafka.brokers,
        topicPrefix: prefix,
        onFatal: (error) => {
          throw error;
        },
      },
    }));
    // Ready once it has read what was on the topics when it started.
    while ((await app.inject({ method: 'GET', url: '/readyz' })).statusCode !== 200) {
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  afterAll(async () => {
    for (const c of open) 'socket' in c ? c.socket.close() : c.ws.close();
    await app?.close();
    await producer?.disconnect();
  });

  it('gives a new client the current snapshots of its rooms first, then the updates', async () => {
    const client = await io({ tenant: A, role: 'manager' });
    const types = client.received.messages.map((m) => m.type);
    expect(types[0]).toBe('hello');
    expect(types.at(-1)).toBe('subscribed');
    const first = client.received.snapshots();
    expect(new Map(first.map((s) => [s.scope.id, waitingOf(s)]))).toEqual(
      new Map<string | null, number>([
        [null, 1],
        ['L1', 2],
      ]),
    );
    expect(first).toHaveLength(2);
    await publish(counterSnapshot(A, { kind: 'location', id: 'L1' }, 3));
    await client.received.next(isSnapshot(A, 'L1', 3));
    expect(client.received.messages.findIndex(isSnapshot(A, 'L1', 3))).toBeGreaterThan(types.length - 1);
  });

  it('delivers a snapshot produced on kpi.v1 to an authorised socket.io client and WebSocket client', async () => {
    const browser = await io({ tenant: A, role: 'teamlead' });
    const integration = wsClient(url, { token: await token({ tenant: A, role: 'manager' }), header: true });
    open.push(integration);
    await integration.opened;
    integration.send({ v: 1, type: 'subscribe', rooms: [`tenant:${A}:location:L7`] });
    await integration.received.next((m) => m.type === 'subscribed');

    await publish(counterSnapshot(A, { kind: 'location', id: 'L7' }, 11));
    const [viaSocketIo, viaWs] = await Promise.all([
      browser.received.next(isSnapshot(A, 'L7', 11)),
      integration.received.next(isSnapshot(A, 'L7', 11)),
    ]);
    expect(viaSocketIo).toEqual(viaWs);
  });

  it("never gives a client of municipality B a message of A's, nor lets it into A's rooms", async () => {
    const ofA = await io({ tenant: A, role: 'admin' });
    const ofB = await io({ tenant: B, role: 'admin' });
    const wsOfB = wsClient(url, { token: await token({ tenant: B, role: 'admin' }) });
    open.push(wsOfB);
    await wsOfB.opened;
    wsOfB.send({ v: 1, type: 'subscribe', rooms: [`tenant:${B}`, `tenant:${B}:alerts`] });
    await wsOfB.received.next((m) => m.type === 'subscribed');

    await publish(counterSnapshot(A, { kind: 'tenant', id: null }, 21));
    await raise(alert(A, 'a000000000000001', { location: 'L1' }));
    await ofA.received.next(isSnapshot(A, null, 21));
    await ofA.received.next((m) => m.type === 'alert' && m.alert.fingerprint === 'a000000000000001');
    // Everything of A's was routed before this; B's own snapshot after it proves none went to B.
    await publish(counterSnapshot(B, { kind: 'tenant', id: null }, 22));
    await ofB.received.next(isSnapshot(B, null, 22));
    await wsOfB.received.next(isSnapshot(B, null, 22));
    for (const received of [ofB.received, wsOfB.received]) {
      expect(received.snapshots().every((s) => s.tenant === B)).toBe(true);
      expect(received.alerts()).toEqual([]);
      expect(JSON.stringify(received.messages)).not.toContain(A);
    }

    const intruder = ioClient(url, {
      token: await token({ tenant: B, role: 'admin' }),
      rooms: [`tenant:${A}`],
    });
    open.push(intruder);
    await expect(intruder.connected).rejects.toMatchObject({
      message: 'forbidden',
      data: { status: 403, reason: `room "tenant:${A}": belongs to another municipality` },
    });
    wsOfB.send({ v: 1, type: 'subscribe', rooms: [`tenant:${A}`] });
    expect(await wsOfB.received.next((m) => m.type === 'error')).toEqual({
      v: 1,
      type: 'error',
      error: 'forbidden',
      reason: `room "tenant:${A}": belongs to another municipality`,
    });
  });

  it("never gives a wall screen another location's snapshots, the municipality's, or any alert", async () => {
    const screen = await io({ tenant: A, role: 'wallscreen', locations: ['L1'] });
    const lead = await io({ tenant: A, role: 'teamlead', teams: ['T1'], locations: ['L1'] });
    expect(screen.received.messages[0]).toMatchObject({ type: 'hello', rooms: [`tenant:${A}:location:L1`] });

    await publish(counterSnapshot(A, { kind: 'location', id: 'L2' }, 31));
    await publish(counterSnapshot(A, { kind: 'tenant', id: null }, 31));
    await raise(alert(A, 'a000000000000002', { location: 'L1', team: 'T1' }));
    await lead.received.next((m) => m.type === 'alert' && m.alert.fingerprint === 'a000000000000002');
    await publish(counterSnapshot(A, { kind: 'location', id: 'L1' }, 32));
    await screen.received.next(isSnapshot(A, 'L1', 32));

    expect(screen.received.snapshots().map((s) => s.scope)).toEqual(
      screen.received.snapshots().map(() => ({ kind: 'location', id: 'L1' })),
    );
    expect(screen.received.alerts()).toEqual([]);
    // The lead's location L1 also had the firing alert of the previous test.
    expect(
      lead.received
        .alerts()
        .map((a) => a.fingerprint)
        .sort(),
    ).toEqual(['a000000000000001', 'a000000000000002']);
  });

  it('after a reconnection, sends the current snapshots first, including those changed while away', async () => {
    const claims: Claims = { tenant: A, role: 'wallscreen', locations: ['L1'] };
    const before = await io(claims);
    before.socket.close();
    await publish(counterSnapshot(A, { kind: 'location', id: 'L1' }, 41));
    // The gateway has it once a connected client got it.
    await (await io({ tenant: A, role: 'manager' })).received.next(isSnapshot(A, 'L1', 41));

    const again = await io(claims);
    expect(again.received.messages.map((m) => m.type)).toEqual(['hello', 'snapshot', 'subscribed']);
    expect(again.received.snapshots().map(waitingOf)).toEqual([41]);
  });

  it('counts a message that is no valid snapshot, and applies it nowhere', async () => {
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(
      new RegExp(
        `gateway_live_invalid_messages_total\\{topic="${prefix.replace('.', '\\.')}kpi\\.v1"[^}]*\\} 1`,
      ),
    );
    expect(app.liveCaches.snapshots.get('broken')).toBeUndefined();
  });
});
