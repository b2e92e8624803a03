/**
 * The reference of the history rollups of migration 0007 (histograms and within-norm counts),
 * written plainly from the facts the reference derives (reference.ts) and the bounds in
 * @stuurwiel/schemas. Shares no code with services/aggregator.
 *
 * Norms in force: the latest tenant-scope norm of the KPI (the golden day sets no narrower one),
 * else the defaults (counter 10 minutes, phone 30 s, written answers 2 working days). Bucket i of
 * a histogram holds the values in (b[i-1], b[i]], the last bucket those above every bound.
 */
import { type CanonicalEvent, HISTOGRAM_BOUNDS } from '@stuurwiel/schemas';
import {
  callEnd,
  collectCalls,
  dueFrom,
  type Norms,
  referenceClosedCases,
  referenceVisitFacts,
  referenceWrittenContacts,
  tenantNorm,
  toSeconds,
} from './reference.js';
import { ATW_CLOSED_2026, amsterdamDate, nextWorkingDayOnOrAfter, workingDaysBetween } from './time.js';

const ms = (iso: string) => Date.parse(iso);

/** Bucket counts of values over ascending upper bounds. */
export function bucketCounts(values: readonly number[], bounds: readonly number[]): number[] {
  const counts = new Array<number>(bounds.length + 1).fill(0);
  for (const v of values) {
    let i = 0;
    while (i < bounds.length && v > bounds[i]!) i++;
    counts[i]! += 1;
  }
  return counts;
}

function utcHour(at: number): string {
  const d = new Date(at);
  d.setUTCMinutes(0, 0, 0);
  return d.toISOString();
}

/** A row plus the values its histogram counts (not a column: for checking percentiles). */
export type WithValues<R> = R & { values: number[] };

function group<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = out.get(key) ?? [];
    list.push(item);
    out.set(key, list);
  }
  return out;
}

function normsByTenant(events: CanonicalEvent[]): Map<string, { at: number; p: Norms[number] }[]> {
  const out = new Map<string, { at: number; p: Norms[number] }[]>();
  for (const e of events) {
    if (e.type !== 'reference.norm') continue;
    const list = out.get(e.tenant) ?? [];
    list.push({ at: ms(e.occurred_at), p: e.payload });
    out.set(e.tenant, list);
  }
  return out;
}

const within = (values: readonly number[], norm: number) => values.filter((v) => v <= norm).length;

export function referenceHistoryRollups(events: CanonicalEvent[]) {
  const norms = normsByTenant(events);
  const normOf = (tenant: string, kpi: string, fallback: number, unit: 'seconds' | 'working_days') => {
    const n = tenantNorm(norms.get(tenant) ?? [], kpi);
    if (!n) return fallback;
    if (unit === 'working_days') return n.unit === 'working_days' ? n.target : null;
    return n.unit === 'seconds' || n.unit === 'minutes' || n.unit === 'hours'
      ? toSeconds(n.target, n.unit)
      : null;
  };

  // Counter waits.
  const visits = referenceVisitFacts(events);
  const visitRows = (by: 'hour' | 'day') =>
    [
      ...group(visits, (f) =>
        [
          f.tenant,
          by === 'hour' ? utcHour(f.arrived_at) : amsterdamDate(f.arrived_at),
          f.location_id,
          f.queue_id,
          f.kind,
        ].join('|'),
      ).values(),
    ].map((list) => {
      const f = list[0]!;
      const values = list.flatMap((v) => (v.wait_seconds === null ? [] : [v.wait_seconds]));
      const norm = normOf(f.tenant, 'counter_wait', 600, 'seconds');
      return {
        tenant: f.tenant,
        ...(by === 'hour' ? { hour: utcHour(f.arrived_at) } : { day: amsterdamDate(f.arrived_at) }),
        location_id: f.location_id,
        queue_id: f.queue_id,
        kind: f.kind,
        wait_count: values.length,
        wait_norm_seconds: norm,
        waited_within_norm: norm === null ? null : within(values, norm),
        wait_bounds: [...HISTOGRAM_BOUNDS.counter_wait_seconds],
        wait_histogram: bucketCounts(values, HISTOGRAM_BOUNDS.counter_wait_seconds),
        values,
      };
    });

  // Phone answer waits: answered calls whose wait is known.
  const calls: { tenant: string; end: NonNullable<ReturnType<typeof callEnd>> }[] = [];
  const tenants = [...new Set(events.map((e) => e.tenant))];
  for (const tenant of tenants) {
    for (const c of collectCalls(events.filter((e) => e.tenant === tenant)).values()) {
      const end = callEnd(c);
      if (end) calls.push({ tenant, end });
    }
  }
  const callRows = (by: 'hour' | 'day') =>
    [
      ...group(calls, (c) =>
        [
          c.tenant,
          by === 'hour' ? utcHour(c.end.offeredAt) : amsterdamDate(c.end.offeredAt),
          c.end.queue ?? '',
        ].join('|'),
      ).values(),
    ].map((list) => {
      const { tenant, end } = list[0]!;
      const answered = list.filter((c) => c.end.outcome === 'answered');
      const values = answered.flatMap((c) => (c.end.wait === null ? [] : [c.end.wait]));
      const norm = normOf(tenant, 'phone_service_level', 30, 'seconds');
      return {
        tenant,
        ...(by === 'hour' ? { hour: utcHour(end.offeredAt) } : { day: amsterdamDate(end.offeredAt) }),
        queue_id: end.queue ?? '',
        answered: answered.length,
        answer_wait_count: values.length,
        answer_norm_seconds: norm,
        answered_within_norm: norm === null ? null : within(values, norm),
        answer_wait_bounds: [...HISTOGRAM_BOUNDS.phone_answer_wait_seconds],
        answer_wait_histogram: bucketCounts(values, HISTOGRAM_BOUNDS.phone_answer_wait_seconds),
        values,
      };
    });

  // Callbacks: the latest request, the first completion; due by the promise.
  type Callback = {
    tenant: string;
    requested: { at: number; queue: string; promise: { target: number; unit: string } } | null;
    completed: { at: number; outcome: string } | null;
  };
  const callbacks = new Map<string, Callback>();
  for (const e of events) {
    if (e.type !== 'callback.requested' && e.type !== 'callback.completed') continue;
    const key = `${e.tenant}|${e.payload.callback_id}`;
    const c = callbacks.get(key) ?? { tenant: e.tenant, requested: null, completed: null };
    callbacks.set(key, c);
    const at = ms(e.occurred_at);
    if (e.type === 'callback.requested') {
      if (!c.requested || at >= c.requested.at)
        c.requested = { at, queue: e.payload.queue_id ?? '', promise: e.payload.promise };
    } else if (!c.completed || at < c.completed.at) c.completed = { at, outcome: e.payload.outcome };
  }
  const callbackDays = new Map<
    string,
    { requested: number; completed: number; onTime: number; cancelled: number; values: number[] }
  >();
  const callbackDay = (tenant: string, day: string, queue: string) => {
    const key = [tenant, day, queue].join('|');
    const row = callbackDays.get(key) ?? { requested: 0, completed: 0, onTime: 0, cancelled: 0, values: [] };
    callbackDays.set(key, row);
    return row;
  };
  for (const c of callbacks.values()) {
    if (!c.requested) continue;
    const requestDay = amsterdamDate(c.requested.at);
    callbackDay(c.tenant, requestDay, c.requested.queue).requested += 1;
    if (!c.completed) continue;
    const row = callbackDay(c.tenant, amsterdamDate(c.completed.at), c.requested.queue);
    row.completed += 1;
    if (c.completed.outcome === 'cancelled') {
      row.cancelled += 1;
      continue;
    }
    if (c.completed.at <= dueFrom(c.requested.at, c.requested.promise)) row.onTime += 1;
    row.values.push(
      workingDaysBetween(
        requestDay,
        nextWorkingDayOnOrAfter(amsterdamDate(c.completed.at), ATW_CLOSED_2026),
        ATW_CLOSED_2026,
      ),
    );
  }
  const callbackRows = [...callbackDays].map(([key, r]) => {
    const [tenant, day, queue] = key.split('|') as [string, string, string];
    return {
      tenant,
      day,
      queue_id: queue,
      requested: r.requested,
      completed: r.completed,
      completed_on_time: r.onTime,
      cancelled: r.cancelled,
      working_days_bounds: [...HISTOGRAM_BOUNDS.working_days],
      working_days_histogram: bucketCounts(r.values, HISTOGRAM_BOUNDS.working_days),
      values: r.values,
    };
  });

  // Written answers by the day of the answer.
  const answers = referenceWrittenContacts(events).filter((c) => c.answer !== null);
  const writtenRows = [
    ...group(answers, (c) => [c.tenant, amsterdamDate(c.answer!), c.channel, c.team].join('|')).values(),
  ].map((list) => {
    const c = list[0]!;
    const values = list.map((a) => a.answerWorkingDays!);
    const norm = normOf(c.tenant, 'written_answer', 2, 'working_days');
    return {
      tenant: c.tenant,
      day: amsterdamDate(c.answer!),
      channel: c.channel,
      team_id: c.team,
      answered: list.length,
      answer_norm_working_days: norm,
      answered_within_norm: norm === null ? null : within(values, norm),
      working_days_bounds: [...HISTOGRAM_BOUNDS.working_days],
      working_days_histogram: bucketCounts(values, HISTOGRAM_BOUNDS.working_days),
      values,
    };
  });

  // Case lead times by end date.
  const caseRows = [
    ...group(referenceClosedCases(events), (c) =>
      [c.tenant, c.end, c.case_type_id, c.team_id].join('|'),
    ).values(),
  ].map((list) => {
    const c = list[0]!;
    const values = list.map((x) => x.lead);
    return {
      tenant: c.tenant,
      day: c.end,
      case_type_id: c.case_type_id,
      team_id: c.team_id,
      closed: list.length,
      closed_within_norm: list.filter((x) => x.within).length,
      lead_time_days_bounds: [...HISTOGRAM_BOUNDS.case_lead_time_days],
      lead_time_days_histogram: bucketCounts(values, HISTOGRAM_BOUNDS.case_lead_time_days),
      values,
    };
  });

  return {
    visit_waits_per_hour: visitRows('hour'),
    visit_waits_per_day: visitRows('day'),
    call_waits_per_hour: callRows('hour'),
    call_waits_per_day: callRows('day'),
    callbacks_per_day: callbackRows,
    written_answers_per_day: writtenRows,
    case_lead_times_per_day: caseRows,
  };
}
