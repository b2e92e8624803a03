import { TEST_TENANT } from '@stuurwiel/infra/testing';
import {
  type AlertRule,
  alertRule,
  referenceNormPayload,
  referenceOpeningHoursPayload,
} from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../src/world/world.js';

const quiet = (id: string, enabled = true): AlertRule =>
  alertRule.parse({ rule_id: id, name: `Bron stil ${id}`, kind: 'source_quiet', enabled });

describe('the world of a municipality', () => {
  it('takes a norm set for exactly the scope, else the municipality’s', () => {
    const world = createWorld();
    const norm = (norm_id: string, target: number, scope: object) =>
      referenceNormPayload.parse({
        norm_id,
        kpi: 'counter_wait',
        target,
        unit: 'minutes',
        warning_horizon: { target: 2, unit: 'minutes' },
        scope,
      });
    world.applyReference(TEST_TENANT, {
      type: 'reference.norm',
      payload: norm('all', 10, { kind: 'tenant' }),
    });
    world.applyReference(TEST_TENANT, {
      type: 'reference.norm',
      payload: norm('q1', 5, { kind: 'queue', id: 'q1' }),
    });
    const view = world.view(TEST_TENANT);
    expect(view.norm('counter_wait', { kind: 'queue', id: 'q1' })?.target).toBe(5);
    expect(view.norm('counter_wait', { kind: 'queue', id: 'q2' })?.target).toBe(10);
    expect(view.norm('phone_service_level')).toBeUndefined();
  });

  it('lets a queue follow the opening hours of its location', () => {
    const world = createWorld();
    world.applyReference(TEST_TENANT, {
      type: 'reference.queue',
      payload: { queue_id: 'q1', name: 'Balie', channel: 'counter', location_id: 'stadhuis' },
    });
    world.applyReference(TEST_TENANT, {
      type: 'reference.opening_hours',
      payload: referenceOpeningHoursPayload.parse({
        opening_hours_id: 'stadhuis',
        scope: { kind: 'location', id: 'stadhuis' },
        week: { monday: [{ from: '09:00', to: '12:00' }] },
      }),
    });
    const view = world.view(TEST_TENANT);
    expect(view.isOpen({ kind: 'queue', id: 'q1' }, new Date('2026-03-02T09:00:00Z'))).toBe(true);
    expect(view.isOpen({ kind: 'queue', id: 'q1' }, new Date('2026-03-02T12:00:00Z'))).toBe(false);
    // The municipality has no hours of its own: always open.
    expect(view.isOpen({ kind: 'tenant' }, new Date('2026-03-02T23:00:00Z'))).toBe(true);
  });

  it('closes on a closing day until a later event withdraws it', () => {
    const world = createWorld();
    world.applyReference(TEST_TENANT, {
      type: 'reference.opening_hours',
      payload: referenceOpeningHoursPayload.parse({
        opening_hours_id: 'gemeente',
        scope: { kind: 'tenant' },
        week: { tuesday: [{ from: '09:00', to: '17:00' }] },
      }),
    });
    const tuesday = new Date('2026-03-03T10:00:00Z');
    world.applyReference(TEST_TENANT, {
      type: 'reference.closing_day',
      payload: { date: '2026-03-03', closed: true },
    });
    expect(world.view(TEST_TENANT).isOpen({ kind: 'tenant' }, tuesday)).toBe(false);
    world.applyReference(TEST_TENANT, {
      type: 'reference.closing_day',
      payload: { date: '2026-03-03', closed: false },
    });
    expect(world.view(TEST_TENANT).isOpen({ kind: 'tenant' }, tuesday)).toBe(true);
  });

  it('replaces a default rule by the one of the same id on alerting.config.v1, and leaves out disabled rules', () => {
    const world = createWorld(() => [quiet('a'), quiet('b')]);
    world.putConfig(TEST_TENANT, { kind: 'rule', rule: quiet('b', false) });
    world.putConfig(TEST_TENANT, { kind: 'rule', rule: quiet('c') });
    expect(
      world
        .view(TEST_TENANT)
        .rules()
        .map((r) => r.rule_id),
    ).toEqual(['a', 'c']);
    world.removeConfig(TEST_TENANT, 'rule', 'b');
    expect(
      world
        .view(TEST_TENANT)
        .rules()
        .map((r) => r.rule_id),
    ).toEqual(['a', 'b', 'c']);
  });
});
