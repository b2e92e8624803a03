import { sql } from '@stuurwiel/clickhouse';
import { testKafka, uniqueName, useInfra, useTestDatabase } from '@stuurwiel/infra/testing';
import { createConsumer, createProducer, type EventConsumer, type EventProducer } from '@stuurwiel/kafka';
import {
  type CanonicalEvent,
  type KpiSnapshotOf,
  kpiSnapshot,
  partitionKey,
  TOPICS,
} from '@stuurwiel/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Aggregator, buildApp } from '../../src/app.js';
import { type WalkInStep, walkIn } from '../support/walk-in.js';
import { aggregatorConfig, aggregatorTopics, waitFor } from './harness.js';

// Eight municipalities over six partitions: two replicas each own some of them.
const TENANTS = ['GM0363', 'GM0014', 'GM0599', 'GM0344', 'GM0518', 'GM0034', 'GM0772', 'GM0855'];
const VISITS = 5;
const NOW = Date.parse('2026-04-28T12:00:00+02:00');

/** `minute` minutes into the hour before NOW. */
const minuteOf = (minute: number) => new Date(NOW - 60 * 60_000 + minute * 60_000);

describe('aggregator replicas sharing the consumer group', () => {
  const prefix = `${uniqueName('rebalance')}.`;
  const db = useTestDatabase('rebalance');
  let producer: EventProducer;
  let reader: EventConsumer;
  const replicas: Aggregator[] = [];
  const latest = new Map<string, KpiSnapshotOf<'counter'>>();

  const replica = () => {
    const infra = useInfra();
    const aggregator = buildApp(
      aggregatorConfig(infra, db(), prefix, { AGGREGATOR_SESSION_TIMEOUT_MS: '6000' }),
      { clock: () => new Date(NOW) },
    );
    replicas.push(aggregator);
    return aggregator;
  };
  const partitionsOwned = async (r: Aggregator) => {
    const text = (await r.app.inject({ url: '/metrics' })).body;
    const line = text.split('\n').find((l) => l.startsWith('aggregator_partitions_owned'));
    return line ? Number(line.split(' ').at(-1)) : 0;
  };
  const send = (events: CanonicalEvent[]) =>
    producer.send(
      `${prefix}${TOPICS.visit}`,
      events.map((e) => ({ key: partitionKey(e), value: JSON.stringify(e) })),
    );
  /** One step of VISITS walk-ins at every tenant, a minute apart from `minute` on. */
  const all = (step: WalkInStep, minute: number, visit = 'V') =>
    TENANTS.flatMap((t) =>
      Array.from({ length: VISITS }, (_, i) => walkIn(`${visit}${i}`, t)[step](minuteOf(minute + i))),
    );
  const everyTenant = (check: (s: KpiSnapshotOf<'counter'>) => boolean) =>
    TENANTS.every((t) => {
      const s = latest.get(t);
      return s !== undefined && check(s);
    })
      ? true
      : undefined;

  beforeAll(async () => {
    const infra = useInfra();
    await aggregatorTopics(infra, prefix, 6);
    producer = createProducer(testKafka(infra, 'rebalance-producer'));
    await producer.connect();
    reader = createConsumer(testKafka(infra, 'rebalance-reader'), {
      groupId: `${prefix}reader`,
      topics: [`${prefix}${TOPICS.kpi}`],
      onFatal: () => {},
    });
    await reader.connect(async (messages) => {
      for (const m of messages) {
        if (!m.key?.endsWith('|counter|tenant|') || m.value === null) continue;
        const s = kpiSnapshot.parse(JSON.parse(m.value.toString()));
        if (s.domain === 'counter') latest.set(s.tenant, s);
      }
      return {};
    });
  }, 120_000);

  afterAll(async () => {
    await reader?.disconnect();
    for (const r of replicas) await r.app.close();
    await producer?.disconnect();
  });

  it('splits the tenants when a second replica joins, which rebuilds their waiting visitors from ClickHouse', async () => {
    const first = replica();
    await first.start();
    await send(all('arrived', 0));
    await waitFor('everyone waiting, seen by the first replica', () =>
      everyTenant((s) => s.now.waiting === VISITS),
    );

    await replica().start();
    // Both replicas own a share now; the calls reach whichever owns the tenant, which must know
    // the arrivals it never consumed itself to derive the waits.
    const owned = await waitFor('partitions split between the replicas', async () => {
      const counts = await Promise.all(replicas.map(partitionsOwned));
      return counts.every((n) => n > 0) && counts.reduce((a, b) => a + b, 0) === 6 ? counts : undefined;
    });
    expect(owned).toHaveLength(2);
    await send(all('called', 20));
    await send(all('served', 40));
    await waitFor('everyone served', () =>
      everyTenant((s) => s.now.waiting === 0 && s.windows.today.served === VISITS),
    );
    // Facts follow the snapshots by a flush interval.
    const expected = [...TENANTS].sort().map((tenant) => ({ tenant, n: VISITS, wait: 20 * 60 }));
    const facts = await waitFor('every visit fact stored', async () => {
      const rows = await db().query<{ tenant: string; n: string; wait: number }>(
        sql`SELECT tenant, count() AS n, avg(wait_seconds) AS wait FROM visit_facts_v1 FINAL GROUP BY tenant ORDER BY tenant`,
      );
      return rows.length === TENANTS.length ? rows.map((r) => ({ ...r, n: Number(r.n) })) : undefined;
    });
    expect(facts).toEqual(expected);
  }, 120_000);

  it('hands every tenant to the remaining replica when one leaves, with today intact', async () => {
    await replicas[0]!.app.close();
    replicas.shift();
    await waitFor('the remaining replica owns every partition', async () =>
      (await partitionsOwned(replicas[0]!)) === 6 ? true : undefined,
    );
    await send(all('arrived', 50, 'W'));
    await waitFor('new visitors waiting, today kept', () =>
      everyTenant(
        (s) =>
          s.now.waiting === VISITS &&
          s.windows.today.served === VISITS &&
          s.windows.today.arrivals === 2 * VISITS,
      ),
    );
  }, 120_000);
});
