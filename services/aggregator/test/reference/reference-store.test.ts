import { makeEvent, type PayloadInput } from '@stuurwiel/infra/testing';
import { describe, expect, it } from 'vitest';
import { createReferenceStore } from '../../src/reference/reference-store.js';

const norm = (id: string, at: string, target: number, scope: PayloadInput<'reference.norm'>['scope']) =>
  makeEvent('reference.norm', at, {
    norm_id: id,
    kpi: 'phone_service_level',
    target,
    unit: 'seconds',
    warning_horizon: { target: 5, unit: 'minutes' },
    share: 0.8,
    scope,
  });

describe('reference store', () => {
  it('prefers the norm of exactly the scope, then the tenant-wide one', () => {
    const store = createReferenceStore();
    store.apply(norm('all', '2026-01-01T00:00:00Z', 30, { kind: 'tenant' }));
    store.apply(norm('vergunningen', '2026-01-01T00:00:00Z', 60, { kind: 'queue', id: 'vergunningen' }));
    expect(store.norm('GM0363', 'phone_service_level', { kind: 'queue', id: 'vergunningen' })?.target).toBe(
      60,
    );
    expect(store.norm('GM0363', 'phone_service_level', { kind: 'queue', id: 'other' })?.target).toBe(30);
    expect(store.norm('GM0363', 'phone_service_level')?.target).toBe(30);
    expect(store.norm('GM0014', 'phone_service_level')).toBeUndefined();
    expect(store.norm('GM0363', 'counter_wait')).toBeUndefined();
  });

  it('keeps the latest version by event time, whatever the order of arrival', () => {
    const store = createReferenceStore();
    store.apply(norm('all', '2026-03-01T00:00:00Z', 20, { kind: 'tenant' }));
    store.apply(norm('all', '2026-01-01T00:00:00Z', 30, { kind: 'tenant' }));
    expect(store.norm('GM0363', 'phone_service_level')?.target).toBe(20);
  });
});

const closingDay = (date: string, at: string, closed = true) =>
  makeEvent('reference.closing_day', at, { date, name: 'Brugdag', closed });

describe('reference store: closing days', () => {
  it('keeps the latest event per date, whatever the order; closed: false withdraws a day', () => {
    for (const order of [
      [
        closingDay('2026-12-24', '2026-01-01T00:00:00Z'),
        closingDay('2026-12-24', '2026-06-01T00:00:00Z', false),
      ],
      [
        closingDay('2026-12-24', '2026-06-01T00:00:00Z', false),
        closingDay('2026-12-24', '2026-01-01T00:00:00Z'),
      ],
    ]) {
      const store = createReferenceStore();
      store.apply(closingDay('2026-12-31', '2026-01-01T00:00:00Z'));
      for (const e of order) store.apply(e);
      expect(store.closingDays('GM0363')).toEqual([{ date: '2026-12-31', name: 'Brugdag' }]);
      expect(store.closingDays('GM0014')).toEqual([]);
    }
  });

  it('returns the same list until the days change, and reports each changed tenant once', () => {
    const store = createReferenceStore();
    store.apply(closingDay('2026-12-24', '2026-01-01T00:00:00Z'));
    const first = store.closingDays('GM0363');
    expect(store.closingDays('GM0363')).toBe(first);
    expect(store.takeClosingDayChanges()).toEqual(['GM0363']);
    expect(store.takeClosingDayChanges()).toEqual([]);
    // The same day again (a redelivery with another id) changes nothing.
    store.apply({ ...closingDay('2026-12-24', '2026-02-01T00:00:00Z') });
    expect(store.closingDays('GM0363')).toBe(first);
    expect(store.takeClosingDayChanges()).toEqual([]);
    store.apply(closingDay('2026-12-31', '2026-03-01T00:00:00Z'));
    expect(store.closingDays('GM0363')).not.toBe(first);
    expect(store.closingDays('GM0363').map((d) => d.date)).toEqual(['2026-12-24', '2026-12-31']);
  });
});
