import { makeEvent, testKafka, uniqueName, useInfra, useTestDatabase } from '@stuurwiel/infra/testing';
import { createConsumer, createProducer, type EventConsumer, type EventProducer } from '@stuurwiel/kafka';
import {
  type CanonicalEvent,
  type KpiSnapshot,
  type KpiSnapshotOf,
  kpiSnapshot,
  partitionKey,
  TOPICS,
  topicFor,
} from '@stuurwiel/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Aggregator, buildApp } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { walkIn } from '../support/walk-in.js';
import { aggregatorConfig, aggregatorTopics, waitFor } from './harness.js';

const TENANT = 'GM0363';
const at = (hhmmss: string) => `2026-04-28T${hhmmss}+02:00`;
const utc = (hhmmss: string) => new Date(at(hhmmss)).toISOString();
const PBX = { system: 'telephony', vendor: 'asterisk', instance: 'pbx-1' } as const;

/**
 * 10:05: one desk open; V1 was called at 09:40 (nobody since: the last 15 minutes hold no call);
 * V2 has waited 10 minutes, over the 5-minute norm, V3 2 minutes. A call waits 60 s at pbx-1.
 */
const DAY: CanonicalEvent[] = [
  makeEvent('reference.norm', at('08:00:00'), {
    norm_id: 'counter-wait',
    kpi: 'counter_wait',
    target: 5,
    unit: 'minutes',
    warning_horizon: { target: 1, unit: 'minutes' },
    scope: { kind: 'tenant' },
  }),
  makeEvent('desk.opened', at('09:00:00'), {
    location_id: 'stadhuis',
    desk_id: 'balie-1',
    queue_ids: ['burgerzaken'],
  }),
  walkIn('V1').arrived(at('09:30:00')),
  walkIn('V1').called(at('09:40:00')),
  walkIn('V1').served(at('09:45:00')),
  walkIn('V2').arrived(at('09:55:00')),
  walkIn('V3').arrived(at('10:03:00')),
  makeEvent('call.offered', at('10:03:50'), { call_id: 'C1', line: '14020' }, { source: PBX }),
  makeEvent('call.queued', at('10:04:00'), { call_id: 'C1', queue_id: 'kcc' }, { source: PBX }),
];

describe('aggregator: live figures and the freshness of sources through real Kafka', () => {
  const prefix = `${uniqueName('fresh')}.`;
  const db = useTestDatabase('fresh');
  let config: Config;
  let producer: EventProducer;
  let aggregator: Aggregator;
  let reader: EventConsumer;
  const published = new Map<string, KpiSnapshot>();

  const start = async () => {
    aggregator = buildApp(config, { clock: () => new Date(at('10:05:00')) });
    await aggregator.start();
  };
  const latest = <D extends KpiSnapshot['domain']>(domain: D, scope: string) =>
    published.get(`${TENANT}|${domain}|${scope}`) as KpiSnapshotOf<D> | undefined;

  beforeAll(async () => {
    const infra = useInfra();
    await aggregatorTopics(infra, prefix);
    config = aggregatorConfig(infra, db(), prefix);
    producer = createProducer(testKafka(infra, 'fresh-producer'));
    await producer.connect();
    await start();
    reader = createConsumer(testKafka(infra, 'fresh-reader'), {
      groupId: `${prefix}reader`,
      topics: [`${prefix}${TOPICS.kpi}`],
      onFatal: () => {},
    });
    await reader.connect(async (messages) => {
      for (const m of messages) {
        if (!m.key) continue;
        if (m.value === null) published.delete(m.key);
        else published.set(m.key, kpiSnapshot.parse(JSON.parse(m.value.toString())));
      }
      return {};
    });
    for (const e of DAY) {
      await producer.send(`${prefix}${topicFor(e.type)}`, [
        { key: partitionKey(e), value: JSON.stringify(e) },
      ]);
    }
  }, 120_000);

  afterAll(async () => {
    await reader?.disconnect();
    await aggregator?.app.close();
    await producer?.disconnect();
  });

  it('publishes who waits over the norm and an expected wait that holds when nobody was called in 15 minutes', async () => {
    // The norm comes on the reference topic, the visits on theirs: Kafka orders neither against
    // the other, so a snapshot may first count the visits without the norm, and is published
    // again once the norm is read.
    const counter = await waitFor('counter with V1 served and V2, V3 waiting, judged by the norm', () => {
      const s = latest('counter', 'tenant|');
      return s?.now.waiting === 2 && s.windows.today.served === 1 && s.now.wait_norm_seconds === 300
        ? s
        : undefined;
    });
    expect(counter.now).toMatchObject({
      wait_norm_seconds: 300,
      waiting_over_norm: 1, // V2
      desks_open: 1,
      expected_wait_seconds: 3 * 3600, // (2 + 1) × 3600 s ÷ 1 called in the hour
      expected_wait_basis: 'called_1h',
    });
    const phone = await waitFor('the call waiting', () => {
      const s = latest('phone', 'tenant|');
      return s?.now.calls_waiting === 1 ? s : undefined;
    });
    expect(phone.now).toMatchObject({ norm_seconds: 30, calls_over_norm: 1 });
  });

  it('publishes the freshness of every source: last event, last receipt, events in 15 minutes', async () => {
    const key = 'source|telephony/asterisk/pbx-1';
    const pbx = await waitFor('pbx-1 freshness', () => latest('sources', key));
    expect(pbx.now).toMatchObject({
      ...PBX,
      sources: 1,
      last_event_at: utc('10:04:00'),
      events_15m: 2,
    });
    // Received on the aggregator's clock (the demo clock in a demo), not the wall clock.
    expect(pbx.now.last_received_at).toBe(utc('10:05:00'));
    const qmatic = await waitFor('qmatic freshness', () => {
      const s = latest('sources', 'source|queue_management/qmatic');
      return s?.now.last_event_at === utc('10:03:00') ? s : undefined;
    });
    expect(qmatic.now).toMatchObject({ instance: null, events_15m: 2 }); // V2, V3 arrived after 09:50
    const tenant = await waitFor('tenant freshness', () => {
      const s = latest('sources', 'tenant|');
      return s?.now.sources === 3 ? s : undefined;
    });
    expect(tenant.now).toMatchObject({ last_event_at: utc('10:04:00'), events_15m: 4 });
  });

  it('after a restart, rebuilds the freshness from ClickHouse without counting an event twice', async () => {
    const before = latest('sources', 'source|telephony/asterisk/pbx-1')!;
    await aggregator.app.close();
    const restarted = Date.now();
    // Only what the new process computed: a message of the old one may still be on its way.
    const republished = (scope: string) => {
      const s = latest('sources', scope);
      return s && Date.parse(s.computed_at) >= restarted ? s : undefined;
    };
    await start();
    const after = await waitFor('pbx-1 freshness republished', () =>
      republished('source|telephony/asterisk/pbx-1'),
    );
    expect(after.now).toMatchObject({ ...PBX, last_event_at: utc('10:04:00'), events_15m: 2 });
    // Stored in whole seconds: the receipt of before, not the time of the restart.
    const received = Math.floor(Date.parse(before.now.last_received_at!) / 1000) * 1000;
    expect(after.now.last_received_at).toBe(new Date(received).toISOString());
    const tenant = await waitFor('tenant freshness republished', () => republished('tenant|'));
    expect(tenant.now).toMatchObject({ sources: 3, events_15m: 4 });
  });
});
