import { makeEvent, TEST_TENANT } from '@stuurwiel/infra/testing';
import type { IncomingMessage } from '@stuurwiel/kafka';
import { type AlertingConfigMessage, alertingConfigKey } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { decodeConfig, decodeDeadline, decodeReference, decodeSnapshot } from '../../src/inputs/decode.js';
import { createWorld } from '../../src/world/world.js';

const message = (key: string | null, value: unknown): IncomingMessage => ({
  topic: 't',
  partition: 0,
  offset: '0',
  key,
  value: value === null ? null : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
  timestamp: '0',
  headers: {},
});

const silenceMessage: AlertingConfigMessage = {
  spec_version: 1,
  tenant: TEST_TENANT,
  changed_at: '2026-03-02T09:00:00Z',
  changed_by: 'lead-1',
  type: 'silence',
  silence: {
    silence_id: 'maintenance',
    matchers: [{ name: 'team', value: 'vergunningen', op: '=' }],
    starts_at: '2026-03-02T09:00:00Z',
    ends_at: '2026-03-02T11:00:00Z',
    created_by: 'lead-1',
    comment: 'onderhoud zaaksysteem',
  },
};

describe('input decoding', () => {
  it('refuses a message that is no JSON, naming why', () => {
    expect(decodeSnapshot(message('GM0363|counter|tenant|', '{'))).toMatchObject({
      outcome: 'invalid',
      reason: expect.stringContaining('not JSON'),
    });
  });

  it('refuses a snapshot that breaks its schema, naming the field', () => {
    const decoded = decodeSnapshot(
      message('GM0363|counter|tenant|', { tenant: TEST_TENANT, domain: 'counter' }),
    );
    expect(decoded.outcome).toBe('invalid');
    expect(decoded.outcome === 'invalid' && decoded.reason).toContain('now');
  });

  it('refuses a deadline item whose key is not its own', () => {
    const decoded = decodeDeadline(message('GM0363|case|other', { tenant: TEST_TENANT }));
    expect(decoded.outcome).toBe('invalid');
  });

  it('applies a silence from alerting.config.v1 and deletes it on its tombstone', () => {
    const world = createWorld();
    const put = decodeConfig(message(alertingConfigKey(silenceMessage), silenceMessage));
    if (put.outcome !== 'apply') throw new Error(JSON.stringify(put));
    put.apply(world);
    expect(
      world
        .view(TEST_TENANT)
        .silences()
        .map((s) => s.silence_id),
    ).toEqual(['maintenance']);
    const del = decodeConfig(message(alertingConfigKey(silenceMessage), null));
    if (del.outcome !== 'apply') throw new Error(JSON.stringify(del));
    del.apply(world);
    expect(world.view(TEST_TENANT).silences()).toEqual([]);
  });

  it('refuses an impossible rule with the reason, applying nothing of it', () => {
    const decoded = decodeConfig(
      message('GM0363|rule|r1', {
        ...silenceMessage,
        type: 'rule',
        silence: undefined,
        rule: {
          rule_id: 'r1',
          name: 'Bron stil',
          kind: 'source_quiet',
          min_quiet_minutes: 40,
          max_quiet_minutes: 30,
        },
      }),
    );
    expect(decoded).toMatchObject({
      outcome: 'invalid',
      reason: expect.stringContaining('min_quiet_minutes'),
    });
  });

  it('refuses a tombstone whose key names no config entry', () => {
    expect(decodeConfig(message('GM0363|nonsense|x', null)).outcome).toBe('invalid');
  });

  it('keeps norms and queue locations from reference events and passes other reference events over', () => {
    const world = createWorld();
    const queue = makeEvent('reference.queue', '2026-03-02T07:00:00Z', {
      queue_id: 'q1',
      name: 'Burgerzaken',
      channel: 'counter',
      location_id: 'stadhuis',
    });
    const decoded = decodeReference(message(null, queue));
    if (decoded.outcome !== 'apply') throw new Error(JSON.stringify(decoded));
    decoded.apply(world);
    expect(world.view(TEST_TENANT).locationOfQueue('q1')).toBe('stadhuis');
    const product = makeEvent('reference.product', '2026-03-02T07:00:00Z', {
      product_id: 'p',
      name: 'Paspoort',
    });
    expect(decodeReference(message(null, product)).outcome).toBe('ignore');
  });
});
