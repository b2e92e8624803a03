import { describe, expect, it } from 'vitest';
import { computeCounterSnapshots } from '../../src/live/counter.js';
import type { CounterInput } from '../../src/live/inputs.js';
import { emptyStats, parsedByKey, pick, stamp, TENANT, visitFact } from './helpers.js';

const AS_OF = '2026-03-02T09:00:00Z'; // Monday 10:00 in Amsterdam; today began at 2026-03-01T23:00Z

const input: CounterInput = {
  waiting: [
    // walk-in waiting since 08:50 → 600 s
    {
      visit_id: 'W1',
      location_id: 'L1',
      queue_id: 'Q1',
      kind: 'walk_in',
      arrived_at: '2026-03-02T08:50:00Z',
      appointment_start: null,
    },
    // early for 08:55: waits from the appointment → 300 s
    {
      visit_id: 'W2',
      location_id: 'L1',
      queue_id: 'Q2',
      kind: 'appointment',
      arrived_at: '2026-03-02T08:40:00Z',
      appointment_start: '2026-03-02T08:55:00Z',
    },
    // late for 08:45: waits from arrival → 120 s
    {
      visit_id: 'W3',
      location_id: 'L1',
      queue_id: 'Q1',
      kind: 'appointment',
      arrived_at: '2026-03-02T08:58:00Z',
      appointment_start: '2026-03-02T08:45:00Z',
    },
  ],
  inService: [
    // wait 08:30 → 08:50 = 1200 s, called inside 15m
    {
      visit_id: 'S1',
      location_id: 'L1',
      queue_id: 'Q1',
      desk_id: 'D1',
      kind: 'walk_in',
      arrived_at: '2026-03-02T08:30:00Z',
      appointment_start: null,
      called_at: '2026-03-02T08:50:00Z',
    },
    // wait 08:00 → 08:10 = 600 s, called inside 1h only
    {
      visit_id: 'S2',
      location_id: 'L2',
      queue_id: 'Q3',
      desk_id: 'D3',
      kind: 'appointment',
      arrived_at: '2026-03-02T07:50:00Z',
      appointment_start: '2026-03-02T08:00:00Z',
      called_at: '2026-03-02T08:10:00Z',
    },
  ],
  desks: [
    { desk_id: 'D1', location_id: 'L1', queue_ids: ['Q1', 'Q2'] },
    { desk_id: 'D2', location_id: 'L1', queue_ids: ['Q1'] },
    { desk_id: 'D3', location_id: 'L2', queue_ids: ['Q3'] },
  ],
  finished: [
    // called exactly 15 min before as_of: outside 15m, inside 1h
    visitFact({
      visit_id: 'F1',
      arrived_at: '2026-03-02T08:00:00Z',
      called_at: '2026-03-02T08:45:00Z',
      finished_at: '2026-03-02T08:55:00Z',
      wait_seconds: 2700,
      service_seconds: 600,
    }),
    visitFact({
      visit_id: 'F2',
      queue_id: 'Q2',
      kind: 'appointment',
      arrived_at: '2026-03-02T08:20:00Z',
      appointment_start: '2026-03-02T08:30:00Z',
      called_at: '2026-03-02T08:47:00Z',
      finished_at: '2026-03-02T08:52:00Z',
      wait_seconds: 1020,
      service_seconds: 300,
    }),
    visitFact({
      visit_id: 'F3',
      location_id: 'L2',
      queue_id: 'Q3',
      arrived_at: '2026-03-02T07:00:00Z',
      finished_at: '2026-03-02T07:30:00Z',
      outcome: 'left',
    }),
    visitFact({
      visit_id: 'F4',
      kind: 'appointment',
      arrived_at: '2026-03-02T06:00:00Z',
      appointment_start: '2026-03-02T06:00:00Z',
      called_at: '2026-03-02T06:10:00Z',
      finished_at: '2026-03-02T06:11:00Z',
      outcome: 'no_show',
      wait_seconds: 600,
    }),
    // yesterday 23:00–23:40 Amsterdam: in no window
    visitFact({
      visit_id: 'F5',
      arrived_at: '2026-03-01T22:00:00Z',
      called_at: '2026-03-01T22:30:00Z',
      finished_at: '2026-03-01T22:40:00Z',
      wait_seconds: 1800,
      service_seconds: 600,
    }),
  ],
};

const snapshots = computeCounterSnapshots(TENANT, input, AS_OF, stamp);
const byKey = parsedByKey(snapshots);
const tenant = pick(byKey, 'GM0363|counter|tenant|');

describe('computeCounterSnapshots', () => {
  it('publishes the tenant, each location and each queue that has anything, in a fixed order', () => {
    expect(snapshots.map((s) => `${s.scope.kind}:${s.scope.id}`)).toEqual([
      'tenant:null',
      'location:L1',
      'location:L2',
      'queue:Q1',
      'queue:Q2',
      'queue:Q3',
    ]);
    expect(tenant).toMatchObject({
      spec_version: 1,
      domain: 'counter',
      as_of: AS_OF,
      computed_at: stamp.computedAt,
      last_event_at: stamp.lastEventAt,
    });
  });

  it('now: waiting, longest wait by the appointment rule, desks and the expected wait', () => {
    expect(tenant.now).toEqual({
      waiting: 3,
      waiting_walk_in: 1,
      waiting_appointment: 2,
      longest_wait_seconds: 600,
      wait_norm_seconds: 600,
      waiting_over_norm: 0, // W1 has waited exactly the norm: not longer
      in_service: 2,
      desks_open: 3,
      // (3 waiting + the newcomer) × 900 s ÷ 2 called in 15 min (S1, F2)
      expected_wait_seconds: 1800,
      expected_wait_basis: 'called_15m',
    });
  });

  it('15m window', () => {
    expect(tenant.windows['15m']).toEqual({
      arrivals: 2, // W1, W3
      arrivals_per_hour: 8,
      called: 2, // S1, F2 (F1 was called exactly 15 min ago)
      wait_walk_in: { count: 1, mean: 1200, median: 1200, p90: 1200 },
      wait_appointment: { count: 1, mean: 1020, median: 1020, p90: 1020 },
      service: { count: 2, mean: 450, median: 600, p90: 600 },
      served: 2,
      no_shows: 0,
      left_or_removed: 0,
    });
  });

  it('1h window', () => {
    expect(tenant.windows['1h']).toEqual({
      arrivals: 5, // W1, W2, W3, S1, F2 (F1 arrived exactly 1 h ago)
      arrivals_per_hour: 5,
      called: 4, // S1, S2, F1, F2
      wait_walk_in: { count: 2, mean: 1950, median: 2700, p90: 2700 },
      wait_appointment: { count: 2, mean: 810, median: 1020, p90: 1020 },
      service: { count: 2, mean: 450, median: 600, p90: 600 },
      served: 2,
      no_shows: 0,
      left_or_removed: 0,
    });
  });

  it('today window: from 00:00 Amsterdam, yesterday evening excluded', () => {
    expect(tenant.windows.today).toEqual({
      arrivals: 9,
      arrivals_per_hour: 0.9, // 10 hours since midnight
      called: 5, // S1, S2, F1, F2, F4
      wait_walk_in: { count: 2, mean: 1950, median: 2700, p90: 2700 },
      wait_appointment: { count: 3, mean: 740, median: 600, p90: 1020 }, // [600, 600, 1020]
      service: { count: 2, mean: 450, median: 600, p90: 600 },
      served: 2,
      no_shows: 1,
      left_or_removed: 1,
    });
  });

  it('locations: L2 has nobody waiting and nobody called in 15 min, so the newcomer waits by the hour', () => {
    expect(pick(byKey, 'GM0363|counter|location|L1').now).toEqual({
      waiting: 3,
      waiting_walk_in: 1,
      waiting_appointment: 2,
      longest_wait_seconds: 600,
      wait_norm_seconds: 600,
      waiting_over_norm: 0,
      in_service: 1,
      desks_open: 2,
      expected_wait_seconds: 1800,
      expected_wait_basis: 'called_15m',
    });
    const l2 = pick(byKey, 'GM0363|counter|location|L2');
    expect(l2.now).toEqual({
      waiting: 0,
      waiting_walk_in: 0,
      waiting_appointment: 0,
      longest_wait_seconds: null,
      wait_norm_seconds: 600,
      waiting_over_norm: 0,
      in_service: 1,
      desks_open: 1,
      // (0 + 1) × 3600 s ÷ 1 called in the hour (S2 at 08:10)
      expected_wait_seconds: 3600,
      expected_wait_basis: 'called_1h',
    });
    expect(l2.windows.today.left_or_removed).toBe(1);
    expect(l2.windows['15m'].wait_walk_in).toEqual(emptyStats);
  });

  it('queues: a desk serving two queues counts as open in both', () => {
    const q1 = pick(byKey, 'GM0363|counter|queue|Q1');
    expect(q1.now.desks_open).toBe(2);
    expect(q1.now.waiting).toBe(2);
    expect(q1.now.expected_wait_seconds).toBe(2700); // (2 + 1) × 900 ÷ 1 called (S1)
    const q2 = pick(byKey, 'GM0363|counter|queue|Q2');
    expect(q2.now.desks_open).toBe(1);
    expect(q2.now.expected_wait_seconds).toBe(1800); // (1 + 1) × 900 ÷ 1 called (F2)
    expect(pick(byKey, 'GM0363|counter|queue|Q3').now).toMatchObject({
      expected_wait_seconds: 3600,
      expected_wait_basis: 'called_1h',
    });
  });
});

describe('waiting longer than the norm now', () => {
  // W1 waits 600 s in Q1, W2 300 s in Q2, W3 120 s in Q1 (all at L1).
  const withNorms = parsedByKey(
    computeCounterSnapshots(TENANT, input, AS_OF, {
      ...stamp,
      norms: { tenant: { waitSeconds: 299 }, queue: { Q1: { waitSeconds: 100 } } },
    }),
  );
  const now = (key: string) => pick(withNorms, `GM0363|counter|${key}`).now;

  it("counts the waits longer than the tenant's norm in the tenant and a location without its own", () => {
    expect(now('tenant|')).toMatchObject({ wait_norm_seconds: 299, waiting_over_norm: 2 }); // W1, W2
    expect(now('location|L1')).toMatchObject({ wait_norm_seconds: 299, waiting_over_norm: 2 });
  });
  it("uses a queue's own norm for that queue, the tenant's for the others", () => {
    expect(now('queue|Q1')).toMatchObject({ wait_norm_seconds: 100, waiting_over_norm: 2 }); // W1, W3
    expect(now('queue|Q2')).toMatchObject({ wait_norm_seconds: 299, waiting_over_norm: 1 }); // W2
  });
  it('a visitor who waited exactly the norm is not over it', () => {
    const exact = computeCounterSnapshots(TENANT, input, AS_OF, {
      ...stamp,
      norms: { tenant: { waitSeconds: 300 } },
    });
    expect(exact[0]!.now.waiting_over_norm).toBe(1); // W1 (600 s); W2 waited exactly 300 s
  });
});

describe('expected wait for a newcomer in a crisis', () => {
  const base: CounterInput = { waiting: [], inService: [], desks: [], finished: [] };
  const waitingOne = [input.waiting[0]!];
  const oneDesk = [input.desks[1]!];
  const twoDesks = [input.desks[0]!, input.desks[1]!];
  // Served from 07:00 to 07:10: today, but more than an hour before as_of.
  const servedEarly = visitFact({
    visit_id: 'E1',
    arrived_at: '2026-03-02T06:50:00Z',
    called_at: '2026-03-02T07:00:00Z',
    finished_at: '2026-03-02T07:10:00Z',
    wait_seconds: 600,
    service_seconds: 600,
  });
  const now = (i: CounterInput, settings = {}) =>
    parsedByKey(computeCounterSnapshots(TENANT, i, AS_OF, { ...stamp, ...settings })).get(
      'GM0363|counter|tenant|',
    )!.now;

  it('nobody called in 15 minutes: the service rate of the last hour, never null', () => {
    // F1 was called exactly 15 min ago: outside the 15 minutes, inside the hour.
    const n = now({ ...base, waiting: waitingOne, desks: oneDesk, finished: [input.finished[0]!] });
    expect(n).toMatchObject({ expected_wait_seconds: 7200, expected_wait_basis: 'called_1h' }); // 2 × 3600 ÷ 1
  });
  it("nobody called in the hour: today's mean service time per open desk", () => {
    const i = { ...base, waiting: waitingOne, finished: [servedEarly] };
    expect(now({ ...i, desks: oneDesk })).toMatchObject({
      expected_wait_seconds: 1200, // (1 + 1) × 600 s ÷ 1 desk
      expected_wait_basis: 'service_time_today',
    });
    expect(now({ ...i, desks: twoDesks }).expected_wait_seconds).toBe(600); // ÷ 2 desks
  });
  it("nobody served today yet (the morning rush at opening): the scope's service-time norm", () => {
    const waitingFive = Array.from({ length: 5 }, (_, k) => ({ ...input.waiting[0]!, visit_id: `M${k}` }));
    const n = now(
      { ...base, waiting: waitingFive, desks: twoDesks },
      { norms: { tenant: { serviceTimeSeconds: 480 } } },
    );
    expect(n).toMatchObject({ expected_wait_seconds: 1440, expected_wait_basis: 'service_time_norm' }); // 6 × 480 ÷ 2
  });
  it('nothing tells the service rate: null, and the snapshot says why', () => {
    expect(now({ ...base, waiting: waitingOne, desks: oneDesk })).toMatchObject({
      expected_wait_seconds: null,
      expected_wait_basis: 'no_data',
    });
  });
  it('no desk open: null, even with calls in the last 15 minutes', () => {
    expect(now({ ...base, waiting: waitingOne, finished: [input.finished[1]!] })).toMatchObject({
      expected_wait_seconds: null,
      expected_wait_basis: 'no_open_desk',
    });
    expect(now(base).expected_wait_basis).toBe('no_open_desk');
  });
  it('nobody waiting: the newcomer still waits for the next free desk, not 0', () => {
    const n = now({ ...base, desks: oneDesk, finished: [input.finished[1]!] }); // F2 called 08:47
    expect(n).toMatchObject({ waiting: 0, expected_wait_seconds: 900, expected_wait_basis: 'called_15m' });
  });
});

describe('edge cases', () => {
  it('a tenant with nothing still gets its tenant snapshot, all zeros', () => {
    const s = computeCounterSnapshots(
      TENANT,
      { waiting: [], inService: [], desks: [], finished: [] },
      AS_OF,
      stamp,
    );
    parsedByKey(s);
    expect(s).toHaveLength(1);
    expect(s[0]!.windows.today).toMatchObject({
      arrivals: 0,
      arrivals_per_hour: 0,
      called: 0,
      service: emptyStats,
    });
  });

  it('a visit in two states counts once: the fact wins over service, service over waiting', () => {
    const w = input.waiting[0]!;
    const s = input.inService[0]!;
    const dup: CounterInput = {
      waiting: [w, { ...s, kind: 'walk_in', arrived_at: '2026-03-02T08:30:00Z', appointment_start: null }],
      inService: [{ ...s, visit_id: 'W1' }],
      desks: [],
      finished: [
        visitFact({
          visit_id: 'S1',
          finished_at: '2026-03-02T08:59:00Z',
          called_at: '2026-03-02T08:50:00Z',
          wait_seconds: 1200,
          service_seconds: 540,
        }),
      ],
    };
    const t = computeCounterSnapshots(TENANT, dup, AS_OF, stamp)[0]!;
    expect(t.now.waiting).toBe(0);
    expect(t.now.in_service).toBe(1);
    expect(t.windows.today.served).toBe(1);
  });

  it('a clock running ahead in the source never makes a wait negative', () => {
    const ahead: CounterInput = {
      waiting: [{ ...input.waiting[0]!, arrived_at: '2026-03-02T09:00:05Z' }],
      inService: [],
      desks: [],
      finished: [],
    };
    expect(computeCounterSnapshots(TENANT, ahead, AS_OF, stamp)[0]!.now.longest_wait_seconds).toBe(0);
  });

  it('an in-service visit whose arrival is unknown is called but has no wait and no arrival', () => {
    const unknown: CounterInput = {
      waiting: [],
      inService: [{ ...input.inService[0]!, kind: null, arrived_at: null }],
      desks: [],
      finished: [],
    };
    const t = computeCounterSnapshots(TENANT, unknown, AS_OF, stamp)[0]!;
    expect(t.windows['15m']).toMatchObject({ arrivals: 0, called: 1, wait_walk_in: emptyStats });
  });
});

describe('arrivals per hour on a DST day', () => {
  it('divides by real hours since midnight: 22 arrivals by 12:00 on 29 March 2026 is 2 an hour', () => {
    const waiting = Array.from({ length: 22 }, (_, i) => ({
      visit_id: `V${i}`,
      location_id: 'L1',
      queue_id: 'Q1',
      kind: 'walk_in' as const,
      arrived_at: '2026-03-29T09:00:00+02:00',
      appointment_start: null,
    }));
    const s = computeCounterSnapshots(
      TENANT,
      { waiting, inService: [], desks: [], finished: [] },
      '2026-03-29T12:00:00+02:00',
      stamp,
    );
    expect(s[0]!.windows.today).toMatchObject({ arrivals: 22, arrivals_per_hour: 2 }); // 11 hours
    expect(s[0]!.windows['1h'].arrivals).toBe(0);
  });
});
