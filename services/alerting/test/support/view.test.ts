import { deadlineItem as deadlineItemSchema, kpiSnapshot } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { deadlineItem, inMemoryView, norm, snapshot } from './view.js';

const AS_OF = '2026-12-07T09:00:00.000Z';

describe('test support: in-memory view', () => {
  it('builds snapshots that pass the kpi.v1 schema', () => {
    for (const domain of ['counter', 'phone', 'cases', 'written', 'sources'] as const) {
      expect(kpiSnapshot.safeParse(snapshot(domain, { as_of: AS_OF })).success, domain).toBe(true);
    }
    const patched = snapshot('counter', {
      as_of: AS_OF,
      scope: { kind: 'location', id: 'centrum' },
      now: { waiting: 4 },
      windows: { '15m': { wait_walk_in: { count: 3, p90: 700 } } },
    });
    expect(kpiSnapshot.parse(patched)).toMatchObject({ domain: 'counter' });
    expect(patched.windows['15m'].wait_walk_in).toEqual({
      count: 3,
      mean: null,
      median: null,
      p90: 700,
    });
  });

  it('builds deadline items that pass the deadlines.v1 schema', () => {
    expect(deadlineItemSchema.safeParse(deadlineItem({ item_id: 'Z1', due_at: AS_OF })).success).toBe(true);
  });

  it('answers norms for exactly the scope, else the tenant', () => {
    const view = inMemoryView({
      norms: [
        norm({ kpi: 'counter_wait', target: 10, unit: 'minutes' }),
        norm({ kpi: 'counter_wait', target: 5, unit: 'minutes', scope: { kind: 'location', id: 'oost' } }),
      ],
    });
    expect(view.norm('counter_wait', { kind: 'location', id: 'oost' })?.target).toBe(5);
    expect(view.norm('counter_wait', { kind: 'location', id: 'west' })?.target).toBe(10);
    expect(view.norm('phone_service_level')).toBeUndefined();
  });
});
