import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/deadlines/index.js';
import type { PhoneInput, PhoneSettings } from '../../src/live/inputs.js';
import { computePhoneSnapshots } from '../../src/live/phone.js';
import { callFact, emptyStats, parsedByKey, pick, stamp, TENANT } from './helpers.js';

const calendar = createCalendar();
const AS_OF = '2026-03-02T09:00:00Z';
const settings: PhoneSettings = { ...stamp, calendar, answerNormSecondsByQueue: { B: 20 } };

const answered = (id: string, endedAt: string, wait: number, handling: number, queue = 'A') =>
  callFact({
    call_id: id,
    queue_id: queue,
    outcome: 'answered',
    queued_at: '2026-03-02T08:00:00Z',
    answered_at: endedAt,
    ended_at: endedAt,
    wait_seconds: wait,
    handling_seconds: handling,
  });

const input: PhoneInput = {
  inQueue: [
    { call_id: 'X', queue_id: 'A', queued_at: '2026-03-02T08:58:30Z' },
    { call_id: 'Y', queue_id: 'A', queued_at: '2026-03-02T08:59:50Z' },
  ],
  inProgress: [{ call_id: 'Z', queue_id: 'A', answered_at: '2026-03-02T08:57:00Z' }],
  callbacks: [],
  finished: [
    answered('C1', '2026-03-02T08:55:00Z', 20, 280),
    answered('C2', '2026-03-02T08:46:00Z', 30, 200), // exactly the norm: within
    answered('C3', '2026-03-02T08:30:00Z', 45, 400),
    callFact({
      call_id: 'C4',
      outcome: 'abandoned_in_queue',
      queued_at: '2026-03-02T08:49:57Z',
      ended_at: '2026-03-02T08:50:00Z',
      wait_seconds: 3,
    }),
    // exactly the threshold: not short ("shorter than")
    callFact({
      call_id: 'C5',
      outcome: 'abandoned_in_queue',
      queued_at: '2026-03-02T08:49:55Z',
      ended_at: '2026-03-02T08:50:00Z',
      wait_seconds: 5,
    }),
    callFact({ call_id: 'C6', outcome: 'abandoned_in_menu', ended_at: '2026-03-02T08:49:00Z' }),
    callFact({ call_id: 'C7', outcome: 'blocked', queue_id: null, ended_at: '2026-03-02T08:48:00Z' }),
    answered('C8', '2026-03-02T08:52:00Z', 25, 100, 'B'),
    answered('C9', '2026-03-02T08:45:00Z', 10, 60), // ended exactly 15 min ago: 1h only
  ],
};

const byKey = parsedByKey(computePhoneSnapshots(TENANT, input, AS_OF, settings));
const tenant = pick(byKey, 'GM0363|phone|tenant|');

describe('computePhoneSnapshots', () => {
  it('now: queue, longest wait, calls in progress and the settings used', () => {
    expect(tenant.now).toEqual({
      calls_waiting: 2,
      longest_wait_seconds: 90,
      calls_over_norm: 1,
      calls_in_progress: 1,
      callbacks_open: 0,
      callbacks_due_today: 0,
      callbacks_overdue: 0,
      norm_seconds: 30,
      short_abandon_seconds: 5,
    });
  });

  it('15m: service level leaves short abandons out of the denominator', () => {
    expect(tenant.windows['15m']).toEqual({
      ended: 7, // C1 C2 C4 C5 C6 C7 C8
      queued: 5, // C1 C2 C4 C5 C8
      answered: 3,
      answered_within_norm: 3, // 20, 30, 25 ≤ 30
      abandoned_in_queue: 2,
      abandoned_short: 1, // C4 (3 s); C5 at 5 s is not shorter than 5
      abandoned_in_menu: 1,
      blocked: 1,
      service_level: 0.75, // 3 ÷ (5 − 1)
      service_level_of_answered: 1,
      average_speed_of_answer_seconds: 25,
      abandonment_rate: 0.25, // (2 − 1) ÷ (5 − 1)
      handling: { count: 3, mean: 580 / 3, median: 200, p90: 280 },
    });
  });

  it('1h', () => {
    expect(tenant.windows['1h']).toEqual({
      ended: 9,
      queued: 7,
      answered: 5,
      answered_within_norm: 4, // C3 (45 s) is late
      abandoned_in_queue: 2,
      abandoned_short: 1,
      abandoned_in_menu: 1,
      blocked: 1,
      service_level: 4 / 6,
      service_level_of_answered: 0.8,
      average_speed_of_answer_seconds: 26, // (20 + 30 + 45 + 25 + 10) ÷ 5
      abandonment_rate: 1 / 6,
      handling: { count: 5, mean: 208, median: 200, p90: 400 }, // [60, 100, 200, 280, 400]
    });
  });

  it('half_hour counts the current clock half hour from its first instant: the service level it can still reach', () => {
    const asOf = '2026-03-02T10:40:00+01:00';
    const [s] = computePhoneSnapshots(
      TENANT,
      {
        inQueue: [],
        inProgress: [],
        callbacks: [],
        finished: [
          answered('BEFORE', '2026-03-02T10:29:59.999+01:00', 5, 60), // the previous half hour
          answered('AT_START', '2026-03-02T10:30:00+01:00', 40, 60), // 10:30 sharp belongs to it
          answered('IN', '2026-03-02T10:39:00+01:00', 10, 60),
        ],
      },
      asOf,
      settings,
    );
    expect(s!.windows.half_hour).toMatchObject({ answered: 2, answered_within_norm: 1, service_level: 0.5 });
    expect(s!.windows['15m'].answered).toBe(3); // (10:25, 10:40] reaches into the previous half hour
  });

  it('a queue with its own norm reports and applies it', () => {
    const b = pick(byKey, 'GM0363|phone|queue|B');
    expect(b.now.norm_seconds).toBe(20);
    expect(b.now.calls_waiting).toBe(0);
    expect(b.windows['15m']).toMatchObject({ answered: 1, answered_within_norm: 0, service_level: 0 });
  });

  it('queue A holds its own calls; a call without queue counts for the tenant only', () => {
    const a = pick(byKey, 'GM0363|phone|queue|A');
    expect(a.windows['15m']).toMatchObject({
      ended: 5,
      queued: 4,
      answered: 2,
      blocked: 0,
      abandoned_in_menu: 1,
    });
    expect([...byKey.keys()]).toEqual([
      'GM0363|phone|tenant|',
      'GM0363|phone|queue|A',
      'GM0363|phone|queue|B',
    ]);
  });

  it('shares are null without calls; a tenant with nothing still publishes', () => {
    const empty = computePhoneSnapshots(
      TENANT,
      { inQueue: [], inProgress: [], callbacks: [], finished: [] },
      AS_OF,
      {
        ...stamp,
        calendar,
        answerNormSeconds: 20,
        shortAbandonSeconds: 0,
      },
    );
    parsedByKey(empty);
    expect(empty).toHaveLength(1);
    expect(empty[0]!.now).toMatchObject({
      longest_wait_seconds: null,
      norm_seconds: 20,
      short_abandon_seconds: 0,
    });
    expect(empty[0]!.windows.today).toMatchObject({
      service_level: null,
      service_level_of_answered: null,
      abandonment_rate: null,
      average_speed_of_answer_seconds: null,
      handling: emptyStats,
    });
  });

  it('calls waiting longer than the norm of their scope; exactly the norm is not over it', () => {
    const waiting: PhoneInput = {
      ...input,
      inQueue: [
        { call_id: 'P', queue_id: 'A', queued_at: '2026-03-02T08:59:30Z' }, // 30 s
        { call_id: 'Q', queue_id: 'B', queued_at: '2026-03-02T08:59:35Z' }, // 25 s
        { call_id: 'R', queue_id: 'B', queued_at: '2026-03-02T08:59:50Z' }, // 10 s
      ],
    };
    const s = parsedByKey(computePhoneSnapshots(TENANT, waiting, AS_OF, settings));
    expect(pick(s, 'GM0363|phone|tenant|').now.calls_over_norm).toBe(0); // 30 s norm
    expect(pick(s, 'GM0363|phone|queue|A').now.calls_over_norm).toBe(0);
    expect(pick(s, 'GM0363|phone|queue|B').now).toMatchObject({ norm_seconds: 20, calls_over_norm: 1 });
  });

  it('a call that finished is no longer waiting even if the queue view lags', () => {
    const lagging = {
      ...input,
      inQueue: [{ call_id: 'C1', queue_id: 'A', queued_at: '2026-03-02T08:50:00Z' }],
    };
    expect(computePhoneSnapshots(TENANT, lagging, AS_OF, settings)[0]!.now.calls_waiting).toBe(0);
  });
});

describe('callbacks: due today vs overdue, across a weekend and King’s Day', () => {
  // Tuesday 28 April 2026; Monday 27 April is King's Day, 25–26 April the weekend.
  const cb = (
    id: string,
    requested_at: string,
    target: number,
    unit: 'working_days' | 'hours',
    queue_id: string | null = 'A',
  ) => ({
    callback_id: id,
    queue_id,
    requested_at,
    promise: { target, unit },
  });
  const callbacks = [
    cb('FRI1', '2026-04-24T15:00:00+02:00', 1, 'working_days'), // → Tue 28 (Sat, Sun, King's Day skipped): due today
    cb('THU1', '2026-04-23T15:00:00+02:00', 1, 'working_days'), // → Fri 24: overdue
    cb('FRI2', '2026-04-24T15:00:00+02:00', 2, 'working_days'), // → Wed 29: neither
    cb('H4', '2026-04-28T08:00:00+02:00', 4, 'hours', null), // → 12:00 today: due today
    cb('H1', '2026-04-28T08:00:00+02:00', 1, 'hours'), // → 09:00 today: overdue
    cb('LATE', '2026-04-28T22:00:00+02:00', 4, 'hours'), // → 02:00 tomorrow: neither
  ];
  const now = (asOf: string) => {
    const s = computePhoneSnapshots(
      TENANT,
      { inQueue: [], inProgress: [], callbacks, finished: [] },
      asOf,
      settings,
    );
    return parsedByKey(s);
  };

  it('at 10:00 on Tuesday', () => {
    const m = now('2026-04-28T10:00:00+02:00');
    expect(pick(m, 'GM0363|phone|tenant|').now).toMatchObject({
      callbacks_open: 6,
      callbacks_due_today: 2,
      callbacks_overdue: 2,
    });
    // H4 has no queue: it only counts for the tenant
    expect(pick(m, 'GM0363|phone|queue|A').now).toMatchObject({
      callbacks_open: 5,
      callbacks_due_today: 1,
      callbacks_overdue: 2,
    });
  });

  it('at 23:59:59 the end-of-day promise is still due today; a second later it is overdue', () => {
    expect(pick(now('2026-04-28T23:59:59+02:00'), 'GM0363|phone|tenant|').now).toMatchObject({
      callbacks_due_today: 1, // FRI1 (H4 passed at 12:00)
      callbacks_overdue: 3, // THU1, H1, H4
    });
    expect(pick(now('2026-04-29T00:00:00+02:00'), 'GM0363|phone|tenant|').now).toMatchObject({
      callbacks_due_today: 2, // FRI2 (end of Wednesday), LATE (02:00)
      callbacks_overdue: 4,
    });
  });

  it('on the Friday before, a promise over the long weekend is not due today', () => {
    const m = now('2026-04-24T16:00:00+02:00');
    expect(pick(m, 'GM0363|phone|tenant|').now).toMatchObject({
      callbacks_due_today: 1,
      callbacks_overdue: 0,
    }); // THU1
  });
});
