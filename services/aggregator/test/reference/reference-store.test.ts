import type { CanonicalEvent } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { createReferenceStore } from '../../src/reference/reference-store.js';

const norm = (id: string, at: string, target: number, scope: Record<string, string>): CanonicalEvent =>
  ({
    spec_version: 1,
    event_id: `${id}-${at}`,
    tenant: 'GM0363',
    source: { system: 'reference', vendor: 'test' },
    occurred_at: at,
    type: 'reference.norm',
    payload: {
      norm_id: id,
      kpi: 'phone_service_level',
      target,
      unit: 'seconds',
      warning_horizon: { target: 5, unit: 'minutes' },
      share: 0.8,
      scope,
    },
  }) as CanonicalEvent;

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
