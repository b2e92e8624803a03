import { type Db, ident, sql } from '@stuurwiel/clickhouse';
import { useTestDatabase } from '@stuurwiel/infra/testing';
import { HISTOGRAM_BOUNDS, percentileOf, shareWithin } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import {
  insertCallbackFacts,
  insertCallFacts,
  insertCaseFacts,
  insertVisitFacts,
  insertWrittenFacts,
} from '../../src/facts/store.js';
import type { CallbackFact, CallFact, CaseFact, VisitFact, WrittenFact } from '../../src/facts/types.js';
import type { NormPayload } from '../../src/reference/reference-store.js';
import { callbackRollupDays, recomputeCallbackRollups } from '../../src/rollups/callbacks.js';
import { recomputeCaseLeadTimeRollups } from '../../src/rollups/case-lead-times.js';
import type { NormsOf } from '../../src/rollups/norms.js';
import {
  recomputeCallWaitsPerDay,
  recomputeCallWaitsPerHour,
  recomputeVisitWaitsPerDay,
  recomputeVisitWaitsPerHour,
} from '../../src/rollups/wait-histograms.js';
import { recomputeWrittenAnswerRollups } from '../../src/rollups/written-answers.js';

const TENANT = 'GM0599';
const OTHER = 'GM0363';
const AT = new Date('2026-05-01T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

const norm = (
  kpi: NormPayload['kpi'],
  target: number,
  unit: NormPayload['unit'],
  scope: NormPayload['scope'],
) =>
  ({
    norm_id: `${kpi}-${scope.kind}-${scope.id ?? ''}`,
    kpi,
    target,
    unit,
    warning_horizon: { target: 1, unit: 'minutes' },
    scope,
  }) as NormPayload;

// GM0599: counter norm 5 minutes for queue "paspoorten" and 15 minutes for the tenant; phone
// norm 20 s for the tenant; written answers within 3 working days. GM0363 sets a counter norm in
// days, which the minutes histogram cannot express.
const NORMS: Record<string, NormPayload[]> = {
  [TENANT]: [
    norm('counter_wait', 5, 'minutes', { kind: 'queue', id: 'paspoorten' }),
    norm('counter_wait', 15, 'minutes', { kind: 'tenant' }),
    norm('phone_service_level', 20, 'seconds', { kind: 'tenant' }),
    norm('written_answer', 3, 'working_days', { kind: 'tenant' }),
  ],
  [OTHER]: [norm('counter_wait', 1, 'calendar_days', { kind: 'tenant' })],
};
const normsOf: NormsOf = (tenant) => NORMS[tenant] ?? [];

function visit(tenant: string, i: number, queue: string, wait: number | null): VisitFact {
  const arrived = Date.parse('2026-04-29T07:10:00Z') + i * 1_000;
  return {
    tenant,
    visit_id: `V${i}`,
    location_id: 'stadswinkel',
    queue_id: queue,
    desk_id: null,
    kind: 'walk_in',
    products: [],
    arrived_at: iso(arrived),
    appointment_start: null,
    called_at: wait === null ? null : iso(arrived + wait * 1000),
    finished_at: iso(arrived + 3_600_000),
    outcome: wait === null ? 'left' : 'served',
    wait_seconds: wait,
    service_seconds: wait === null ? null : 300,
    transfers: 0,
    recalls: 0,
  };
}

function call(i: number, hourOffset: number, outcome: CallFact['outcome'], wait: number | null): CallFact {
  const offered = Date.parse('2026-04-29T08:00:00Z') + hourOffset * 3_600_000 + i * 1_000;
  return {
    tenant: TENANT,
    call_id: `C${i}`,
    line: '14+',
    queue_id: 'kcc',
    caller_key: null,
    offered_at: iso(offered),
    queued_at: iso(offered + 10_000),
    answered_at: outcome === 'answered' && wait !== null ? iso(offered + 10_000 + wait * 1000) : null,
    ended_at: iso(offered + 600_000),
    outcome,
    wait_seconds: wait,
    talk_seconds: 0,
    hold_seconds: 0,
    after_call_work_seconds: 0,
    handling_seconds: 0,
    transfers: 0,
    resolved: null,
  };
}

const rows = (db: Db, table: string) =>
  db.query<Record<string, unknown>>(sql`SELECT * FROM ${ident(table)} FINAL ORDER BY tenant`);

const numbers = (value: unknown) => (value as (string | number)[]).map(Number);

describe('history rollups: histograms and within-norm counts (0007)', () => {
  const db = useTestDatabase('historyrollups');

  it('count counter waits within the norm in force for the queue, else the tenant, and a histogram that answers any norm', async () => {
    const waits = [30, 200, 300, 301, 600, 900, 1800, 7300];
    const facts = [
      ...waits.map((w, i) => visit(TENANT, i, 'paspoorten', w)),
      ...waits.map((w, i) => visit(TENANT, 100 + i, 'rijbewijzen', w)),
      visit(TENANT, 200, 'rijbewijzen', null),
      visit(OTHER, 300, 'paspoorten', 120),
    ];
    await insertVisitFacts(db(), facts);
    const hours = facts.map((f) => f.arrived_at);
    await recomputeVisitWaitsPerHour(db(), [TENANT, OTHER], hours, AT, normsOf);
    await recomputeVisitWaitsPerDay(db(), [TENANT, OTHER], hours, AT, normsOf);
    // Recomputing gives the same rows.
    await recomputeVisitWaitsPerHour(db(), [TENANT, OTHER], hours, AT, normsOf);

    for (const table of ['visit_waits_per_hour_v1', 'visit_waits_per_day_v1']) {
      const byQueue = new Map((await rows(db(), table)).map((r) => [`${r.tenant}|${r.queue_id}`, r]));
      expect(byQueue.size, table).toBe(3);
      const pas = byQueue.get(`${TENANT}|paspoorten`)!;
      expect(Number(pas.wait_count)).toBe(8);
      expect(Number(pas.wait_norm_seconds)).toBe(300);
      expect(Number(pas.waited_within_norm)).toBe(3);
      const rij = byQueue.get(`${TENANT}|rijbewijzen`)!;
      expect(Number(rij.wait_count)).toBe(8);
      expect(Number(rij.wait_norm_seconds)).toBe(900);
      expect(Number(rij.waited_within_norm)).toBe(6);
      // A norm in days: stored as unknown, the histogram still answers.
      const other = byQueue.get(`${OTHER}|paspoorten`)!;
      expect(other.wait_norm_seconds).toBeNull();
      expect(other.waited_within_norm).toBeNull();

      const histogram = { bounds: numbers(rij.wait_bounds), counts: numbers(rij.wait_histogram) };
      expect(histogram.bounds).toEqual(HISTOGRAM_BOUNDS.counter_wait_seconds);
      // ≤60: 30; ≤240: 200; ≤300: 300; ≤360: 301; ≤600: 600; ≤900: 900; ≤1800: 1800; >7200: 7300.
      expect(histogram.counts.reduce((a, b) => a + b, 0)).toBe(8);
      expect(histogram.counts.at(-1)).toBe(1);
      expect(shareWithin(histogram, 300)?.value).toBe(3 / 8);
      expect(shareWithin(histogram, 600)?.value).toBe(5 / 8);
      const p50 = percentileOf(histogram, 0.5)!;
      expect(p50.low).toBeLessThan(600);
      expect(p50.high).toBeGreaterThanOrEqual(600);
    }
  });

  it('count phone answers within the norm per hour and day, from answered calls with a known wait only', async () => {
    const facts = [
      call(0, 0, 'answered', 5),
      call(1, 0, 'answered', 20),
      call(2, 0, 'answered', 21),
      call(3, 1, 'answered', 95),
      call(4, 1, 'answered', null),
      call(5, 1, 'abandoned_in_queue', 3),
    ];
    await insertCallFacts(db(), facts);
    const instants = facts.map((f) => f.offered_at);
    await recomputeCallWaitsPerHour(db(), TENANT, instants, AT, normsOf);
    await recomputeCallWaitsPerDay(db(), TENANT, instants, AT, normsOf);
    const hourly = await db().query<Record<string, unknown>>(
      sql`SELECT * FROM call_waits_per_hour_v1 FINAL ORDER BY hour`,
    );
    expect(
      hourly.map((r) => [Number(r.answered), Number(r.answer_wait_count), Number(r.answered_within_norm)]),
    ).toEqual([
      [3, 3, 2],
      [2, 1, 0],
    ]);
    const [day] = await rows(db(), 'call_waits_per_day_v1');
    expect(Number(day!.answered)).toBe(5);
    expect(Number(day!.answered_within_norm)).toBe(2);
    expect(Number(day!.answer_norm_seconds)).toBe(20);
    const histogram = {
      bounds: numbers(day!.answer_wait_bounds),
      counts: numbers(day!.answer_wait_histogram),
    };
    expect(shareWithin(histogram, 20)?.value).toBe(2 / 4);
    expect(shareWithin(histogram, 30)?.value).toBe(3 / 4);
  });

  it('count callbacks requested and completed on their own days, on time by their promise, and move a rebooked request', async () => {
    const callback = (
      id: string,
      requested: string,
      completed: string | null,
      extra: Partial<CallbackFact> = {},
    ) =>
      ({
        tenant: TENANT,
        callback_id: id,
        call_id: null,
        queue_id: 'kcc',
        requested_at: requested,
        promise_target: 2,
        promise_unit: 'working_days',
        due_at: '2026-05-01T21:59:59.000Z',
        completed_at: completed,
        outcome: completed === null ? null : 'reached',
        status: completed === null ? 'open' : 'completed',
        on_time: completed === null ? null : true,
        working_days: completed === null ? null : 1,
        version: completed === null ? 1 : 2,
        ...extra,
      }) as CallbackFact;
    const first = [
      callback('B1', '2026-04-29T09:00:00.000Z', '2026-04-30T09:00:00.000Z'),
      callback('B2', '2026-04-29T09:00:00.000Z', '2026-04-30T10:00:00.000Z', {
        on_time: false,
        working_days: 4,
      }),
      callback('B3', '2026-04-29T09:00:00.000Z', '2026-04-30T11:00:00.000Z', {
        outcome: 'cancelled',
        on_time: null,
      }),
      callback('B4', '2026-04-29T09:00:00.000Z', null),
    ];
    await insertCallbackFacts(db(), first);
    await recomputeCallbackRollups(db(), TENANT, callbackRollupDays(first), AT);
    const read = async () =>
      Object.fromEntries(
        (await rows(db(), 'callbacks_per_day_v1')).map((r) => [
          String(r.day),
          [Number(r.requested), Number(r.completed), Number(r.completed_on_time), Number(r.cancelled)],
        ]),
      );
    expect(await read()).toEqual({ '2026-04-29': [4, 0, 0, 0], '2026-04-30': [0, 3, 1, 1] });
    const [completedDay] = (await rows(db(), 'callbacks_per_day_v1')).filter(
      (r) => String(r.day) === '2026-04-30',
    );
    const counts = numbers(completedDay!.working_days_histogram);
    // Cancelled ones are not in the histogram: one in 1 working day, one in 4.
    expect(counts[1]).toBe(1);
    expect(counts[4]).toBe(1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2);

    // B4 is rebooked to the next day: 29 April keeps 3 requests, 30 April gets one.
    const rebooked = callback('B4', '2026-04-30T08:00:00.000Z', null, { version: 5 });
    await insertCallbackFacts(db(), [rebooked]);
    await recomputeCallbackRollups(db(), TENANT, ['2026-04-29', ...callbackRollupDays([rebooked])], AT);
    expect(await read()).toEqual({ '2026-04-29': [3, 0, 0, 0], '2026-04-30': [1, 3, 1, 1] });
  });

  it('count written answers within the working-day norm in force, and leave zeros where an answer moved away', async () => {
    const contact = (i: number, answered: string, wd: number): WrittenFact => ({
      tenant: TENANT,
      contact_id: `M${i}`,
      channel: 'email',
      team_id: 'kcc',
      category: null,
      received_at: '2026-04-24T08:00:00.000Z',
      acknowledged_at: null,
      answered_at: answered,
      acknowledge_working_days: null,
      answer_working_days: wd,
      status: 'answered',
      version: 2,
    });
    await insertWrittenFacts(db(), [
      contact(1, '2026-04-29T08:00:00.000Z', 2),
      contact(2, '2026-04-29T09:00:00.000Z', 3),
      contact(3, '2026-04-29T10:00:00.000Z', 4),
      contact(4, '2026-04-30T10:00:00.000Z', 5),
    ]);
    await recomputeWrittenAnswerRollups(db(), TENANT, ['2026-04-29', '2026-04-30'], AT, normsOf);
    const read = async () =>
      Object.fromEntries(
        (await rows(db(), 'written_answers_per_day_v1')).map((r) => [
          String(r.day),
          [Number(r.answered), Number(r.answered_within_norm), Number(r.answer_norm_working_days)],
        ]),
      );
    expect(await read()).toEqual({ '2026-04-29': [3, 2, 3], '2026-04-30': [1, 0, 3] });
    // An earlier answer of M4 arrives: it moves to 29 April, 30 April is left empty.
    await insertWrittenFacts(db(), [{ ...contact(4, '2026-04-29T11:00:00.000Z', 3), version: 3 }]);
    await recomputeWrittenAnswerRollups(db(), TENANT, ['2026-04-29', '2026-04-30'], AT, normsOf);
    expect(await read()).toEqual({ '2026-04-29': [4, 3, 3], '2026-04-30': [0, 0, 3] });
  });

  it('store a lead-time histogram of closed cases beside their own within-norm count', async () => {
    const closed = (i: number, start: string, end: string, lead: number, within: boolean): CaseFact => ({
      tenant: TENANT,
      case_id: `Z${i}`,
      case_type_id: 'omgevingsvergunning',
      team_id: null,
      start_date: start,
      end_date: end,
      norm: { target: 56, unit: 'calendar_days' },
      due_date: '2026-05-20',
      legal_due_date: '2026-05-20',
      suspended: false,
      suspended_since: null,
      suspended_days: 0,
      extension_working_days: 0,
      extension_calendar_weeks: 0,
      status: 'closed',
      lead_time_days: lead,
      within_norm: within,
      last_status: null,
      result: null,
      version: 3,
    });
    await insertCaseFacts(db(), [
      closed(1, '2026-04-22', '2026-04-29', 7, true),
      closed(2, '2026-03-01', '2026-04-29', 59, false),
      closed(3, '2026-04-29', '2026-04-29', 0, true),
    ]);
    await recomputeCaseLeadTimeRollups(db(), TENANT, ['2026-04-29'], AT);
    const [row] = await rows(db(), 'case_lead_times_per_day_v1');
    expect([Number(row!.closed), Number(row!.closed_within_norm)]).toEqual([3, 2]);
    const histogram = {
      bounds: numbers(row!.lead_time_days_bounds),
      counts: numbers(row!.lead_time_days_histogram),
    };
    expect(shareWithin(histogram, 7)?.value).toBe(2 / 3);
    expect(shareWithin(histogram, 56)?.value).toBe(2 / 3);
    expect(percentileOf(histogram, 0)).toMatchObject({ value: 0, exact: true });
  });
});
