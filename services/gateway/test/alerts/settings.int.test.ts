import { testKafka, testTopics, uniqueName, useInfra, useTestDatabase } from '@stuurwiel/infra/testing';
import { createConsumer, type EventConsumer, partitionOfTenant } from '@stuurwiel/kafka';
import { alertingConfigMessage, alertMessage, referenceEvents, TOPICS } from '@stuurwiel/schemas';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../aggregator/test/e2e/harness.js';
import { insertAlertStates } from '../../../alerting/src/history/index.js';
import { kafkaSettingsProducer } from '../../src/settings/index.js';
import { buildSettingsApp, caller, NOW } from './build.js';

/**
 * Through real Kafka and ClickHouse: what the alert and settings routes accept arrives on
 * alerting.config.v1 and events.reference.v1 as messages alerting and the aggregator accept, on
 * the tenant's partition, and each change is in the change log.
 */

const PARTITIONS = 3;
const FINGERPRINT = 'e000000000000005';

describe('alert and settings routes on Kafka and ClickHouse', () => {
  const db = useTestDatabase('settings');
  const prefix = `${uniqueName('settings')}.`;
  const configTopic = `${prefix}${TOPICS.alertingConfig}`;
  const referenceTopic = `${prefix}${TOPICS.reference}`;
  const received: { topic: string; partition: number; key: string | null; value: unknown }[] = [];
  let producer: ReturnType<typeof kafkaSettingsProducer>;
  let reader: EventConsumer;
  let manager: FastifyInstance;
  let teamlead: FastifyInstance;

  beforeAll(async () => {
    const infra = useInfra();
    await testTopics(infra, [
      { topic: configTopic, partitions: PARTITIONS, compacted: true },
      { topic: referenceTopic, partitions: PARTITIONS },
    ]);
    producer = kafkaSettingsProducer(testKafka(infra, 'settings-producer'), prefix);
    const publisher = producer.publisher;
    manager = await buildSettingsApp({ principal: caller('manager'), db: db(), publisher });
    teamlead = await buildSettingsApp({ principal: caller('teamlead', ['kcc']), db: db(), publisher });
    reader = createConsumer(testKafka(infra, 'settings-reader'), {
      groupId: `${prefix}reader`,
      topics: [configTopic, referenceTopic],
      onFatal: () => {},
    });
    await reader.connect(async (messages) => {
      for (const m of messages)
        received.push({
          topic: m.topic,
          partition: m.partition,
          key: m.key,
          value: m.value === null ? null : JSON.parse(m.value.toString()),
        });
      return {};
    });
  });

  afterAll(async () => {
    await reader?.disconnect();
    await manager?.close();
    await teamlead?.close();
    await producer?.close();
  });

  const on = (topic: string, count: number) =>
    waitFor(`${count} messages on ${topic}`, () => {
      const got = received.filter((m) => m.topic === topic);
      return got.length >= count ? got : undefined;
    });

  it('hands a silence, a rule, its deletion, an acknowledgement and a norm on as valid messages, and logs each', async () => {
    await insertAlertStates(db(), [
      alertMessage.parse({
        spec_version: 1,
        tenant: 'GM0363',
        fingerprint: FINGERPRINT,
        rule_id: 'kcc-wait',
        rule_kind: 'threshold',
        labels: { tenant: 'GM0363', rule_id: 'kcc-wait', team: 'kcc' },
        state: 'firing',
        severity: 'critical',
        summary: 'Wachttijd KCC boven de norm',
        description: 'Gemeten 400 s, norm 300 s.',
        value: 400,
        threshold: 300,
        unit: 'seconds',
        items: [],
        items_total: 0,
        starts_at: '2026-05-04T08:50:00.000Z',
        fired_at: '2026-05-04T08:52:00.000Z',
        resolved_at: null,
        updated_at: '2026-05-04T08:52:00.000Z',
        acknowledgement: null,
        silenced_by: [],
        muted_by: [],
        escalated_at: null,
      }),
    ]);

    const silence = await teamlead.inject({
      method: 'POST',
      url: '/api/v1/silences',
      payload: {
        matchers: [{ name: 'team', value: 'kcc' }],
        ends_at: '2026-05-04T11:00:00Z',
        comment: 'Onderhoud telefooncentrale',
      },
    });
    expect(silence.statusCode, silence.body).toBe(201);
    const rule = {
      rule_id: 'kcc-wait',
      name: 'Wachttijd KCC',
      kind: 'threshold',
      domain: 'phone',
      scope: { kind: 'queue', id: 'kcc' },
      metric: 'now.longest_wait_seconds',
      operator: 'above',
      threshold: 300,
    };
    const created = await manager.inject({ method: 'POST', url: '/api/v1/rules', payload: rule });
    expect(created.statusCode, created.body).toBe(201);
    const listed = await teamlead.inject({
      method: 'GET',
      url: '/api/v1/alerts?state=firing&rule_kind=threshold',
    });
    expect(listed.json().alerts.map((a: { fingerprint: string }) => a.fingerprint)).toEqual([FINGERPRINT]);
    const ack = await teamlead.inject({
      method: 'POST',
      url: `/api/v1/alerts/${FINGERPRINT}/acknowledge`,
      payload: { comment: 'Extra medewerker ingezet' },
    });
    expect(ack.statusCode, ack.body).toBe(202);
    const deleted = await manager.inject({ method: 'DELETE', url: '/api/v1/rules/kcc-wait' });
    expect(deleted.statusCode, deleted.body).toBe(204);
    const norm = {
      norm_id: 'kcc-answer',
      kpi: 'phone_answer_time',
      target: 30,
      unit: 'seconds',
      warning_horizon: { target: 10, unit: 'seconds' },
      share: 0.8,
      scope: { kind: 'queue', id: 'kcc' },
    };
    const set = await manager.inject({ method: 'POST', url: '/api/v1/norms', payload: norm });
    expect(set.statusCode, set.body).toBe(201);

    const tenantPartition = partitionOfTenant('GM0363', PARTITIONS);
    const config = await on(configTopic, 4);
    expect(config.map((m) => m.key)).toEqual([
      `GM0363|silence|${silence.json().silence_id}`,
      'GM0363|rule|kcc-wait',
      `GM0363|acknowledgement|${FINGERPRINT}`,
      'GM0363|rule|kcc-wait',
    ]);
    expect(config.every((m) => m.partition === tenantPartition)).toBe(true);
    const [silenceMessage, ruleMessage, ackMessage, tombstone] = config.map((m) => m.value);
    expect(alertingConfigMessage.parse(silenceMessage)).toMatchObject({
      type: 'silence',
      changed_by: 'teamlead-1',
      silence: { matchers: [{ name: 'team', value: 'kcc', op: '=' }], starts_at: NOW.toISOString() },
    });
    expect(alertingConfigMessage.parse(ruleMessage)).toMatchObject({
      type: 'rule',
      rule: { ...rule, enabled: true },
    });
    expect(alertingConfigMessage.parse(ackMessage)).toMatchObject({
      type: 'acknowledgement',
      acknowledgement: {
        fingerprint: FINGERPRINT,
        acknowledged_by: 'teamlead-1',
        comment: 'Extra medewerker ingezet',
      },
    });
    expect(tombstone).toBeNull();

    const [normMessage] = await on(referenceTopic, 1);
    const event = referenceEvents['reference.norm'].parse(normMessage?.value);
    expect(event).toMatchObject({
      tenant: 'GM0363',
      source: { system: 'reference', vendor: 'stuurwiel' },
      payload: norm,
    });
    expect(normMessage?.key).toBe('GM0363:kcc-answer');
    expect(normMessage?.partition).toBe(tenantPartition);

    const changes = await manager.inject({ method: 'GET', url: '/api/v1/changes' });
    expect(changes.statusCode, changes.body).toBe(200);
    const rows = changes.json().changes as { kind: string; id: string; action: string; changed_by: string }[];
    expect(rows.map((c) => [c.kind, c.id, c.action, c.changed_by]).sort()).toEqual(
      [
        ['silence', silence.json().silence_id, 'create', 'teamlead-1'],
        ['rule', 'kcc-wait', 'create', 'manager-1'],
        ['acknowledgement', FINGERPRINT, 'acknowledge', 'teamlead-1'],
        ['rule', 'kcc-wait', 'delete', 'manager-1'],
        ['norm', 'kcc-answer', 'create', 'manager-1'],
      ].sort(),
    );
    const ruleChanges = await manager.inject({ method: 'GET', url: '/api/v1/changes?kind=rule&id=kcc-wait' });
    expect(ruleChanges.json().changes).toContainEqual(
      expect.objectContaining({
        action: 'delete',
        before: expect.objectContaining({ rule_id: 'kcc-wait' }),
        after: null,
      }),
    );

    // What is in force now: the silence (active), no rule (deleted).
    const silences = await teamlead.inject({ method: 'GET', url: '/api/v1/silences?status=active' });
    expect(silences.json().silences.map((s: { silence_id: string }) => s.silence_id)).toEqual([
      silence.json().silence_id,
    ]);
    expect((await manager.inject({ method: 'GET', url: '/api/v1/rules' })).json()).toEqual({ rules: [] });
    // A team lead of other teams sees neither the silence nor the alert.
    const other = await buildSettingsApp({ principal: caller('teamlead', ['burgerzaken']), db: db() });
    expect((await other.inject({ method: 'GET', url: '/api/v1/silences' })).json()).toEqual({ silences: [] });
    expect((await other.inject({ method: 'GET', url: '/api/v1/alerts' })).json()).toEqual({ alerts: [] });
    expect((await other.inject({ method: 'GET', url: `/api/v1/alerts/${FINGERPRINT}` })).statusCode).toBe(
      404,
    );
    await other.close();
    // Another municipality's manager sees none of it and can change none of it.
    const elsewhere = await buildSettingsApp({
      principal: { ...caller('manager'), tenant: 'GM0599' },
      db: db(),
    });
    for (const url of ['/api/v1/alerts', '/api/v1/silences', '/api/v1/changes', '/api/v1/norms']) {
      const body = (await elsewhere.inject({ method: 'GET', url })).json();
      expect(Object.values(body), url).toEqual([[]]);
    }
    const expire = await elsewhere.inject({
      method: 'POST',
      url: `/api/v1/silences/${silence.json().silence_id}/expire`,
    });
    expect(expire.statusCode).toBe(404);
    await elsewhere.close();

    // The alert detail: its history and (no) notification attempts.
    const detail = await teamlead.inject({ method: 'GET', url: `/api/v1/alerts/${FINGERPRINT}` });
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({
      alert: { fingerprint: FINGERPRINT, state: 'firing' },
      notifications: [],
    });
    expect(detail.json().history).toHaveLength(1);
  });
});
