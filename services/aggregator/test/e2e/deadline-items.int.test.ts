import { makeEvent, testKafka, uniqueName, useInfra, useTestDatabase } from '@stuurwiel/infra/testing';
import { createProducer, type EventConsumer, type EventProducer } from '@stuurwiel/kafka';
import {
  type CanonicalEvent,
  type DeadlineItem,
  deadlineItem,
  partitionKey,
  TOPICS,
  topicFor,
} from '@stuurwiel/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Aggregator, buildApp } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { aggregatorConfig, aggregatorTopics, readOutputTopic, waitFor } from './harness.js';

const TENANT = 'GM0363';
// Friday 24 April 2026, before the weekend and King's Day (Monday 27 April).
const NOW = '2026-04-24T10:00:00+02:00';
const CASE = `${TENANT}|case|Z1`;
const CALLBACK = `${TENANT}|callback|CB1`;
const ANSWER = `${TENANT}|written_answer|M1`;
const ACKNOWLEDGE = `${TENANT}|written_acknowledge|M1`;

const OPEN: CanonicalEvent[] = [
  makeEvent('reference.norm', '2026-04-01T08:00:00+02:00', {
    norm_id: 'callback-kcc',
    kpi: 'callback_due',
    target: 2,
    unit: 'working_days',
    warning_horizon: { target: 4, unit: 'hours' },
    scope: { kind: 'queue', id: 'kcc' },
  }),
  // Started Tuesday 14 April, 9 working days: Tuesday 28 April (King's Day skipped).
  makeEvent('case.created', '2026-04-14T09:00:00+02:00', {
    case_id: 'Z1',
    case_type_id: 'melding',
    team_id: 'openbare-ruimte',
    start_date: '2026-04-14',
    lead_time_norm: { target: 9, unit: 'working_days' },
  }),
  makeEvent('callback.requested', '2026-04-24T09:00:00+02:00', {
    callback_id: 'CB1',
    queue_id: 'kcc',
    promise: { target: 2, unit: 'working_days' },
  }),
  makeEvent('written.received', '2026-04-24T08:00:00+02:00', {
    contact_id: 'M1',
    channel: 'email',
    team_id: 'kcc',
  }),
];

describe('aggregator: deadline items on deadlines.v1 through real Kafka and ClickHouse', () => {
  const prefix = `${uniqueName('deadline-items')}.`;
  const db = useTestDatabase('deadline_items');
  let config: Config;
  let producer: EventProducer;
  let aggregator: Aggregator;
  let reader: EventConsumer;
  /** Every message read, in order; `latest` what the compacted topic keeps. */
  const messages: { key: string; item: DeadlineItem | null }[] = [];
  const latest = new Map<string, DeadlineItem>();

  const start = async () => {
    aggregator = buildApp(config, { clock: () => new Date(NOW) });
    await aggregator.start();
  };
  const send = async (events: CanonicalEvent[]) => {
    for (const e of events)
      await producer.send(`${prefix}${topicFor(e.type)}`, [
        { key: partitionKey(e), value: JSON.stringify(e) },
      ]);
  };
  const messagesFrom = (index: number, key: string) => messages.slice(index).filter((m) => m.key === key);

  beforeAll(async () => {
    const infra = useInfra();
    await aggregatorTopics(infra, prefix);
    config = aggregatorConfig(infra, db(), prefix);
    producer = createProducer(testKafka(infra, 'deadline-items-producer'));
    await producer.connect();
    reader = await readOutputTopic(infra, prefix, TOPICS.deadlines, deadlineItem.parse, (key, item) => {
      messages.push({ key, item });
      if (item === null) latest.delete(key);
      else latest.set(key, item);
    });
    await start();
  }, 120_000);

  afterAll(async () => {
    await reader?.disconnect();
    await aggregator?.app.close();
    await producer?.disconnect();
  });

  it('publishes every open item with its deadline, and a tombstone when it ends', async () => {
    await send(OPEN);
    // The callback and its queue's norm come on different topics: wait for the norm to be in force.
    await waitFor('four items, the callback with its queue’s horizon', () =>
      [CASE, CALLBACK, ANSWER, ACKNOWLEDGE].every((k) => latest.has(k)) &&
      'target' in latest.get(CALLBACK)!.horizon
        ? true
        : undefined,
    );
    expect(latest.get(CASE)).toMatchObject({
      team: 'openbare-ruimte',
      case_type: 'melding',
      due_at: '2026-04-28T21:59:59.000Z',
      legal_due_at: '2026-04-28T21:59:59.000Z',
      // 2 working days: Friday 24 and Tuesday 28 are left from Thursday 23 April, 00:00 Amsterdam.
      at_risk_from: '2026-04-22T22:00:00.000Z',
      status: 'at_risk',
      working_days_left: 1,
      as_of: '2026-04-24T08:00:00.000Z',
    });
    // Due Wednesday 29 April; the queue's callback_due norm warns 4 hours before.
    expect(latest.get(CALLBACK)).toMatchObject({
      queue: 'kcc',
      team: null,
      due_at: '2026-04-29T21:59:59.000Z',
      at_risk_from: '2026-04-29T17:59:59.000Z',
      horizon: { target: 4, unit: 'hours' },
      status: 'on_track',
    });
    expect(latest.get(ACKNOWLEDGE)).toMatchObject({ channel: 'email', team: 'kcc', due_date: '2026-04-28' });
    // Each item once: later recomputations found nothing changed.
    expect(messages.filter((m) => m.key === CASE)).toHaveLength(1);

    const before = messages.length;
    await send([
      makeEvent('case.closed', '2026-04-24T09:30:00+02:00', {
        case_id: 'Z1',
        end_date: '2026-04-24',
        result: 'ok',
      }),
      makeEvent('written.acknowledged', '2026-04-24T09:40:00+02:00', { contact_id: 'M1' }),
    ]);
    await waitFor('tombstones of the closed case and the acknowledgement', () =>
      !latest.has(CASE) && !latest.has(ACKNOWLEDGE) ? true : undefined,
    );
    expect(messagesFrom(before, CASE)).toEqual([{ key: CASE, item: null }]);
    expect(messagesFrom(before, ACKNOWLEDGE)).toEqual([{ key: ACKNOWLEDGE, item: null }]);
    expect(latest.has(ANSWER) && latest.has(CALLBACK)).toBe(true);
  });

  it('after a restart sends the open items again, and a tombstone for an ended item whose tombstone was lost', async () => {
    await aggregator.app.close();
    // A replica that died between storing the closure and sending its tombstone left this behind.
    const stale = { ...latest.get(CALLBACK)!, kind: 'case' as const, item_id: 'Z1' };
    await producer.send(`${prefix}${TOPICS.deadlines}`, [{ key: CASE, value: JSON.stringify(stale) }]);
    await waitFor('the stale item read back', () => (latest.has(CASE) ? true : undefined));
    const before = messages.length;

    await start();
    await waitFor('the open items again and the lost tombstone', () =>
      messagesFrom(before, CALLBACK).length > 0 &&
      messagesFrom(before, ANSWER).length > 0 &&
      messagesFrom(before, CASE).length > 0
        ? true
        : undefined,
    );
    expect(messagesFrom(before, CASE)).toEqual([{ key: CASE, item: null }]);
    expect(messagesFrom(before, ACKNOWLEDGE).every((m) => m.item === null)).toBe(true);
    expect([...latest.keys()].sort()).toEqual([CALLBACK, ANSWER].sort());
  });
});
