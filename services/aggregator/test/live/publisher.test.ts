import type { KpiSnapshot } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { createSnapshotPublisher } from '../../src/live/publisher.js';
import { computeSurveySnapshots } from '../../src/live/survey.js';
import { stamp, TENANT } from './helpers.js';

type Survey = Extract<KpiSnapshot, { domain: 'survey' }>;

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** A survey tenant snapshot whose 15m response count is `n`. */
function snap(n: number, asOf = '2026-03-02T09:00:00Z', tenant = TENANT): Survey {
  const responses = Array.from({ length: n }, (_, i) => ({
    response_id: `R${i}`,
    occurred_at: '2026-03-02T08:59:00Z',
    channel: 'phone',
    location_id: null,
    team_id: null,
    score: 5,
    scale: { min: 1, max: 5 },
  }));
  return computeSurveySnapshots(tenant, { responses }, asOf, stamp)[0]!;
}

const count = (s: KpiSnapshot) => (s as Survey).windows['15m'].responses;

describe('createSnapshotPublisher', () => {
  it('publishes the first snapshot of a key at once', () => {
    const c = clock();
    const p = createSnapshotPublisher({ now: c.now });
    expect(p.offer([snap(1)]).publish.map(count)).toEqual([1]);
  });

  it('does not republish unchanged content, whatever computed_at and as_of say', () => {
    const c = clock();
    const p = createSnapshotPublisher({ now: c.now });
    p.offer([snap(1)]);
    c.advance(5000);
    const same = { ...snap(1, '2026-03-02T09:00:05Z'), computed_at: '2026-03-02T09:00:05.5Z' };
    expect(p.offer([same]).publish).toEqual([]);
    expect(p.due()).toEqual([]);
  });

  it('holds a change within the second and publishes the latest when the second is over', () => {
    const c = clock();
    const p = createSnapshotPublisher({ now: c.now });
    p.offer([snap(1)]);
    c.advance(300);
    expect(p.offer([snap(2)]).publish).toEqual([]);
    c.advance(300);
    expect(p.offer([snap(3)]).publish).toEqual([]);
    expect(p.due()).toEqual([]); // 600 ms since the last message
    c.advance(399);
    expect(p.due()).toEqual([]);
    c.advance(1);
    expect(p.due().map(count)).toEqual([3]);
    expect(p.due()).toEqual([]);
  });

  it('after a held message the next change waits a full second again', () => {
    const c = clock();
    const p = createSnapshotPublisher({ now: c.now });
    p.offer([snap(1)]);
    c.advance(500);
    p.offer([snap(2)]);
    c.advance(500);
    expect(p.due().map(count)).toEqual([2]);
    c.advance(999);
    expect(p.offer([snap(3)]).publish).toEqual([]);
    c.advance(1);
    expect(p.offer([snap(4)]).publish.map(count)).toEqual([4]);
    expect(p.due()).toEqual([]); // the held 3 was superseded by 4
  });

  it('a change that is undone within the second is never sent', () => {
    const c = clock();
    const p = createSnapshotPublisher({ now: c.now });
    p.offer([snap(1)]);
    c.advance(200);
    p.offer([snap(2)]);
    c.advance(200);
    p.offer([snap(1)]);
    c.advance(2000);
    expect(p.due()).toEqual([]);
  });

  it('limits each key on its own', () => {
    const c = clock();
    const p = createSnapshotPublisher({ now: c.now });
    p.offer([snap(1)]);
    c.advance(500);
    expect(p.offer([snap(2), snap(1, undefined, 'GM0599')]).publish.map((s) => s.tenant)).toEqual(['GM0599']);
  });

  it('with maxSilenceMs republishes an unchanged snapshot after the silence', () => {
    const c = clock();
    const p = createSnapshotPublisher({ now: c.now, maxSilenceMs: 60_000 });
    p.offer([snap(1)]);
    c.advance(59_999);
    expect(p.offer([snap(1)]).publish).toEqual([]);
    c.advance(1);
    expect(p.offer([snap(1)]).publish.map(count)).toEqual([1]);
  });

  it('retires a scope that a complete batch (with its tenant scope) no longer has', () => {
    const c = clock();
    const p = createSnapshotPublisher({ now: c.now });
    const withChannel = computeSurveySnapshots(
      TENANT,
      {
        responses: [
          {
            response_id: 'R',
            occurred_at: '2026-03-02T08:59:00Z',
            channel: 'phone',
            location_id: null,
            team_id: null,
            score: 5,
            scale: { min: 1, max: 5 },
          },
        ],
      },
      '2026-03-02T09:00:00Z',
      stamp,
    );
    expect(p.offer(withChannel).publish).toHaveLength(2);
    c.advance(1000);
    // a partial batch (no tenant scope) says nothing about the other scopes
    expect(p.offer([]).retire).toEqual([]);
    const batch = p.offer(computeSurveySnapshots(TENANT, { responses: [] }, '2026-03-03T09:00:00Z', stamp));
    expect(batch.retire).toEqual(['GM0363|survey|channel|phone']);
    expect(batch.publish.map((s) => s.scope.kind)).toEqual(['tenant']);
  });

  it('forget drops a tenant’s state: its next snapshot goes out at once', () => {
    const c = clock();
    const p = createSnapshotPublisher({ now: c.now });
    p.offer([snap(1)]);
    c.advance(100);
    p.offer([snap(2)]);
    p.forget(TENANT);
    expect(p.due()).toEqual([]);
    expect(p.offer([snap(1)]).publish).toHaveLength(1);
  });
});

describe('tick: a recomputation without events moves growing waits', () => {
  it('publishes the counter snapshot again each second while someone waits', async () => {
    const { computeCounterSnapshots } = await import('../../src/live/counter.js');
    const c = clock(Date.parse('2026-03-02T09:00:00Z'));
    const p = createSnapshotPublisher({ now: c.now });
    const input = {
      waiting: [
        {
          visit_id: 'W',
          location_id: 'L',
          queue_id: 'Q',
          kind: 'walk_in' as const,
          arrived_at: '2026-03-02T08:59:00Z',
          appointment_start: null,
        },
      ],
      inService: [],
      desks: [],
      finished: [],
    };
    const tick = () => {
      const asOf = new Date(c.now()).toISOString();
      const { publish } = p.offer(computeCounterSnapshots(TENANT, input, asOf, stamp));
      return [...publish, ...p.due()].map((s) =>
        s.domain === 'counter' ? s.now.longest_wait_seconds : null,
      );
    };
    expect(tick()).toEqual([60, 60, 60]); // tenant, location, queue
    c.advance(500);
    expect(tick()).toEqual([]); // 60.5 s, held
    c.advance(500);
    expect(tick()).toEqual([61, 61, 61]);
  });
});
