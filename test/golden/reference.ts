/**
 * The reference calculation of the golden day, written plainly (arrays and loops) from the
 * definitions in schemas/src/kpi.ts, domain.md, the decision comments of the aggregator's visit
 * and call stores, and the rollup SQL. It shares no code with services/aggregator: only the
 * event and snapshot types come from @stuurwiel/schemas.
 *
 * Choices where the definitions leave room (see also the report of the golden day):
 * - An event counts when occurred_at ≤ as_of; the order the events arrive in does not matter.
 * - Counter, longest current wait: as_of − max(arrival, appointment start); for a visitor put back
 *   in a queue by a transfer AFTER a call, as_of − that transfer (the wait that counts ended at
 *   the first call). Never below 0.
 * - Counter, `called` and the waits: a visit counts by its counted call (the last call of the
 *   first episode, see visits.ts), in the queue and location of that call; arrivals by the arrival's
 *   location and the visit's queue as the fact has it (the counted call's, else the queue it is in
 *   or finished in), as the rollups count them; finishes by the fact's queue (counted call's queue, else the finish's, else
 *   the last queue transferred to, else the arrival's). Service = finish − counted call, for
 *   outcome served only.
 * - Counter, expected wait for a newcomer, counting the newcomer: no open desk in the scope → null;
 *   else (waiting + 1) × 900 ÷ windows['15m'].called; nobody called in 15 min → (waiting + 1) × 3600
 *   ÷ windows['1h'].called; nobody in the hour → (waiting + 1) × today's mean service time ÷ open
 *   desks; none served today → the tenant's counter_service_time norm instead; else null.
 *   Desks of a queue: open desks whose queue_ids hold the queue.
 * - Waiting over the norm (counter and phone): the current wait, as for the longest wait, strictly
 *   longer than the tenant norm (counter_wait, default 10 min; phone_service_level, default 30 s);
 *   the golden day sets no norm per location or queue.
 * - Survey: mean score per scale (min, max); one mean only when one scale is in the window;
 *   responses counted per channel of the payload.
 * - Sources: per tenant and envelope source (system, vendor, instance), the latest occurred_at and
 *   the distinct event ids with occurred_at in (as_of − 15 min, as_of]; the scope id is the parts,
 *   URI-encoded, joined by '/'. The receive time is the aggregator's wall clock, which no
 *   calculation from the events can know: the reference leaves it null and the comparison checks
 *   only that one is there.
 * - Phone: every window figure is by the instant the call ended (answered: call.ended; abandons,
 *   blocks and transfers out: that event). Queue of a call as in the call fact (first answer's
 *   queue, else the abandon's, else the last call.queued, else a transfer's from_queue); calls
 *   without a queue (menu abandons, blocked) only count for the tenant. Wait = answer (abandon,
 *   transfer out) − first call.queued.
 * - Callbacks: deadline from the Amsterdam date of the request; open = requested and not completed.
 * - Cases: deadline from lead_time_norm (the golden day has no service_norm, no closing day, no
 *   extension in weeks and no suspension `until`), skipping the Atw holidays and the 2026 decree
 *   days; a suspension runs from the day AFTER the Amsterdam date of case.suspended (Awb 4:15) to
 *   that of case.resumed (exclusive); working-day norms count the working days suspended; a
 *   suspension that begins after the deadline adds nothing. The latest case.extended counts. A
 *   suspended case is frozen: its deadline as if resumed on the first day it stood still; it is
 *   never at risk, and overdue only if that deadline came before the suspension. Past the legal
 *   term = overdue (the legal term is the norm here). Closed windows: only `today`, by end_date.
 * - Written: deadlines from the Amsterdam date of receipt, in working days from the day after.
 * - Scopes: one snapshot per tenant and domain, plus one per scope id seen in the reference data
 *   or the events up to as_of (a scope without items gives zeros and nulls).
 */
import type { CanonicalEvent, EventOf, KpiDomain, KpiSnapshot } from '@stuurwiel/schemas';
import {
  ATW_CLOSED_2026,
  addDays,
  addWorkingDays,
  amsterdamDate,
  amsterdamOffsetMinutes,
  daysBetween,
  endOfDayMs,
  formatLocal,
  localMs,
  MS_HOUR,
  MS_MINUTE,
  nextWorkingDayOnOrAfter,
  workingDaysBetween,
} from './time.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A snapshot as the reference computes it: KpiSnapshot without computed_at and last_event_at. */
export type ReferenceSnapshot = DistributiveOmit<KpiSnapshot, 'computed_at' | 'last_event_at'>;

export const DEFAULT_PHONE_NORM_SECONDS = 30;
export const DEFAULT_COUNTER_WAIT_NORM_SECONDS = 600;
export const DEFAULT_SHORT_ABANDON_SECONDS = 5;

export interface ReferenceOptions {
  /** Abandons in the queue shorter than this leave the service-level denominator (default 5). */
  shortAbandonSeconds?: number;
}

const ms = (iso: string) => Date.parse(iso);

// ---------------------------------------------------------------------------------------------
// Small helpers

interface Stats {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

/** The value at 0-based index floor(p·n) of the ascending values. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export function stats(values: number[]): Stats {
  if (values.length === 0) return { count: 0, mean: null, median: null, p90: null };
  let sum = 0;
  for (const v of values) sum += v;
  return {
    count: values.length,
    mean: sum / values.length,
    median: percentile(values, 0.5),
    p90: percentile(values, 0.9),
  };
}

const WINDOWS = ['15m', 'half_hour', '1h', 'today'] as const;
type Win = (typeof WINDOWS)[number];

const midnights = new Map<number, number>();

/** 00:00 Europe/Amsterdam of the day of an instant. */
function midnightOf(asOf: number): number {
  let m = midnights.get(asOf);
  if (m === undefined) {
    m = localMs(amsterdamDate(asOf), 0);
    midnights.set(asOf, m);
  }
  return m;
}

/** hh:00 or hh:30 of the Amsterdam wall clock at or before asOf. */
function halfHourStartOf(asOf: number): number {
  const local = new Date(asOf + amsterdamOffsetMinutes(asOf) * MS_MINUTE);
  const intoHalfHour =
    (local.getUTCMinutes() % 30) * MS_MINUTE + local.getUTCSeconds() * 1000 + local.getUTCMilliseconds();
  return asOf - intoHalfHour;
}

/**
 * Whether an instant lies in a window ending at asOf: (asOf − 15 min, asOf], [hh:00 or hh:30,
 * asOf], (asOf − 1 h, asOf], [00:00, asOf].
 */
function inWindow(at: number, w: Win, asOf: number): boolean {
  if (at > asOf) return false;
  if (w === '15m') return at > asOf - 15 * MS_MINUTE;
  if (w === 'half_hour') return at >= halfHourStartOf(asOf);
  if (w === '1h') return at > asOf - MS_HOUR;
  return at >= midnightOf(asOf);
}

function windowHours(w: Win, asOf: number): number {
  if (w === '15m') return 0.25;
  if (w === 'half_hour') return (asOf - halfHourStartOf(asOf)) / MS_HOUR;
  if (w === '1h') return 1;
  return (asOf - midnightOf(asOf)) / MS_HOUR;
}

/** Arrivals per hour of a window; none at its very first instant, which has no length yet. */
function perHour(count: number, w: Win, asOf: number): number {
  const hours = windowHours(w, asOf);
  return hours > 0 ? count / hours : 0;
}

function share(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

function byTime<T extends { at: number }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.at - b.at);
}

function add(set: string[], value: string | null | undefined): void {
  if (value !== null && value !== undefined && !set.includes(value)) set.push(value);
}

/** A norm's target in seconds (for second, minute and hour units). */
export function toSeconds(target: number, unit: string): number {
  if (unit === 'minutes') return target * 60;
  if (unit === 'hours') return target * 3600;
  return target;
}

/** The end of a norm counted from an instant: end of day for day units, else instant + duration. */
export function dueFrom(at: number, norm: { target: number; unit: string }): number {
  if (norm.unit === 'working_days')
    return endOfDayMs(addWorkingDays(amsterdamDate(at), norm.target, ATW_CLOSED_2026));
  if (norm.unit === 'calendar_days')
    return endOfDayMs(nextWorkingDayOnOrAfter(addDays(amsterdamDate(at), norm.target), ATW_CLOSED_2026));
  return at + toSeconds(norm.target, norm.unit) * 1000;
}

export type Norms = EventOf<'reference.norm'>['payload'][];

/** The latest tenant-scope norm of a KPI (by occurred_at), if any. */
export function tenantNorm(norms: { at: number; p: Norms[number] }[], kpi: string): Norms[number] | null {
  let best: { at: number; p: Norms[number] } | null = null;
  for (const n of norms) {
    if (n.p.kpi !== kpi || n.p.scope.kind !== 'tenant') continue;
    if (!best || n.at >= best.at) best = n;
  }
  return best ? best.p : null;
}

// ---------------------------------------------------------------------------------------------
// Visits

interface Visit {
  id: string;
  arrival: EventOf<'visit.arrived'>['payload'] | null;
  arrivedAt: number;
  calls: { at: number; queue: string; location: string; desk: string }[];
  transfers: { at: number; from: string; toKind: string; to: string }[];
  finish: (EventOf<'visit.finished'>['payload'] & { at: number }) | null;
}

type Step =
  | { kind: 'call'; at: number; call: Visit['calls'][number] }
  | { kind: 'transfer'; at: number; to: string; toKind: string };

function steps(v: Visit): Step[] {
  const out: Step[] = [];
  for (const c of v.calls) out.push({ kind: 'call', at: c.at, call: c });
  for (const t of v.transfers) out.push({ kind: 'transfer', at: t.at, to: t.to, toKind: t.toKind });
  // A call sorts before a transfer at the same instant.
  out.sort((a, b) => a.at - b.at || (a.kind === b.kind ? 0 : a.kind === 'call' ? -1 : 1));
  return out;
}

/** The counted call: the last call of the first episode (calls not separated by a transfer). */
function countedCall(v: Visit): Visit['calls'][number] | null {
  let counted: Visit['calls'][number] | null = null;
  let seenCall = false;
  for (const s of steps(v)) {
    if (s.kind === 'call') {
      counted = s.call;
      seenCall = true;
    } else if (seenCall) {
      break;
    }
  }
  return counted;
}

function waitFrom(v: Visit): number {
  const a = v.arrival!;
  if (a.kind === 'appointment' && a.appointment_start !== undefined)
    return Math.max(v.arrivedAt, ms(a.appointment_start));
  return v.arrivedAt;
}

function lastTransferQueue(v: Visit): string | null {
  let last: { at: number; to: string } | null = null;
  for (const t of v.transfers) if (t.toKind === 'queue' && (!last || t.at >= last.at)) last = t;
  return last ? last.to : null;
}

function factQueue(v: Visit): string {
  const call = countedCall(v);
  if (call) return call.queue;
  if (v.finish?.queue_id !== undefined && v.finish !== null) return v.finish.queue_id;
  return lastTransferQueue(v) ?? v.arrival!.queue_id;
}

function collectVisits(events: CanonicalEvent[]): Map<string, Visit> {
  const visits = new Map<string, Visit>();
  const get = (id: string) => {
    let v = visits.get(id);
    if (!v) {
      v = { id, arrival: null, arrivedAt: 0, calls: [], transfers: [], finish: null };
      visits.set(id, v);
    }
    return v;
  };
  for (const e of events) {
    const at = ms(e.occurred_at);
    if (e.type === 'visit.arrived') {
      const v = get(e.payload.visit_id);
      if (!v.arrival || at < v.arrivedAt) {
        v.arrival = e.payload;
        v.arrivedAt = at;
      }
    } else if (e.type === 'visit.called') {
      get(e.payload.visit_id).calls.push({
        at,
        queue: e.payload.queue_id,
        location: e.payload.location_id,
        desk: e.payload.desk_id,
      });
    } else if (e.type === 'visit.transferred') {
      get(e.payload.visit_id).transfers.push({
        at,
        from: e.payload.from_queue_id,
        toKind: e.payload.to.kind,
        to: e.payload.to.id,
      });
    } else if (e.type === 'visit.finished') {
      const v = get(e.payload.visit_id);
      if (!v.finish || at >= v.finish.at) v.finish = { ...e.payload, at };
    }
  }
  return visits;
}

// ---------------------------------------------------------------------------------------------
// Calls

interface Call {
  id: string;
  offered: { at: number; line: string } | null;
  queued: { at: number; queue: string }[];
  answers: { at: number; queue: string }[];
  transfers: { at: number; from: string | null; toKind: string; to: string }[];
  abandoned: { at: number; stage: 'menu' | 'queue'; queue: string | null; wait: number } | null;
  blocked: { at: number; line: string } | null;
  ended: { at: number; handling: number } | null;
}

type Outcome = 'answered' | 'abandoned_in_menu' | 'abandoned_in_queue' | 'blocked' | 'transferred_out';

export interface CallEnd {
  outcome: Outcome;
  at: number;
  queue: string | null;
  offeredAt: number;
  queuedAt: number | null;
  wait: number | null;
  handling: number;
}

export function collectCalls(events: CanonicalEvent[]): Map<string, Call> {
  const calls = new Map<string, Call>();
  const get = (id: string) => {
    let c = calls.get(id);
    if (!c) {
      c = {
        id,
        offered: null,
        queued: [],
        answers: [],
        transfers: [],
        abandoned: null,
        blocked: null,
        ended: null,
      };
      calls.set(id, c);
    }
    return c;
  };
  for (const e of events) {
    const at = ms(e.occurred_at);
    switch (e.type) {
      case 'call.offered': {
        const c = get(e.payload.call_id);
        if (!c.offered || at < c.offered.at) c.offered = { at, line: e.payload.line };
        break;
      }
      case 'call.queued':
        get(e.payload.call_id).queued.push({ at, queue: e.payload.queue_id });
        break;
      case 'call.answered':
        get(e.payload.call_id).answers.push({ at, queue: e.payload.queue_id });
        break;
      case 'call.transferred':
        get(e.payload.call_id).transfers.push({
          at,
          from: e.payload.from_queue_id ?? null,
          toKind: e.payload.to.kind,
          to: e.payload.to.id,
        });
        break;
      case 'call.abandoned':
        get(e.payload.call_id).abandoned = {
          at,
          stage: e.payload.stage,
          queue: e.payload.queue_id ?? null,
          wait: e.payload.wait_seconds,
        };
        break;
      case 'call.blocked':
        get(e.payload.call_id).blocked = { at, line: e.payload.line };
        break;
      case 'call.ended': {
        const p = e.payload;
        get(e.payload.call_id).ended = {
          at,
          handling: p.talk_seconds + p.hold_seconds + p.after_call_work_seconds,
        };
        break;
      }
      default:
        break;
    }
  }
  return calls;
}

/** How and when a call ended, as the call fact has it; null while it goes on. */
export function callEnd(c: Call): CallEnd | null {
  const queued = byTime(c.queued);
  const answers = byTime(c.answers);
  const firstQueued = queued.length > 0 ? queued[0]! : null;
  const firstAnswer = answers.length > 0 ? answers[0]! : null;
  let outcome: Outcome | null = null;
  let at = 0;
  if (c.blocked) {
    outcome = 'blocked';
    at = c.blocked.at;
  } else if (c.abandoned) {
    outcome = c.abandoned.stage === 'menu' ? 'abandoned_in_menu' : 'abandoned_in_queue';
    at = c.abandoned.at;
  } else if (c.ended) {
    if (!firstAnswer) return null;
    outcome = 'answered';
    at = c.ended.at;
  } else {
    for (const t of byTime(c.transfers)) {
      if (t.toKind === 'external' && (!firstAnswer || t.at < firstAnswer.at)) {
        outcome = 'transferred_out';
        at = t.at;
        break;
      }
    }
  }
  if (outcome === null) return null;
  if (outcome !== 'blocked' && !c.offered) return null;
  let wait: number | null = null;
  if (outcome === 'answered')
    wait = firstQueued ? Math.max(0, (firstAnswer!.at - firstQueued.at) / 1000) : null;
  if (outcome === 'abandoned_in_queue')
    wait = firstQueued ? Math.max(0, (at - firstQueued.at) / 1000) : c.abandoned!.wait;
  if (outcome === 'transferred_out') wait = firstQueued ? Math.max(0, (at - firstQueued.at) / 1000) : null;
  let queue: string | null = null;
  if (firstAnswer) queue = firstAnswer.queue;
  else if (c.abandoned?.queue) queue = c.abandoned.queue;
  else if (queued.length > 0) queue = queued[queued.length - 1]!.queue;
  else {
    for (const t of byTime(c.transfers)) {
      if (t.from !== null) {
        queue = t.from;
        break;
      }
    }
  }
  return {
    outcome,
    at,
    queue,
    offeredAt: c.offered ? c.offered.at : at,
    queuedAt: firstQueued ? firstQueued.at : null,
    wait,
    handling: outcome === 'answered' ? c.ended!.handling : 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Deadlines (cases)

interface Interval {
  from: string;
  to: string;
}

/** Merged [from, to) suspension intervals with the open one ending today. */
function suspensionIntervals(list: { from: string; to: string | null }[], today: string): Interval[] {
  const raw: Interval[] = [];
  for (const s of list) {
    const to = s.to ?? today;
    if (s.from < to) raw.push({ from: s.from, to });
  }
  raw.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: Interval[] = [];
  for (const i of raw) {
    const last = merged.length > 0 ? merged[merged.length - 1]! : null;
    if (last && i.from <= last.to) {
      if (i.to > last.to) last.to = i.to;
    } else merged.push({ ...i });
  }
  return merged;
}

/**
 * The due date (YYYY-MM-DD) of a case: calendar days: start + N + days suspended, + extension
 * working days, then the next working day; working days: N + working days suspended + extension,
 * counted from the day after the start. A suspension that begins after the deadline as it stands
 * (with the suspensions before it) adds nothing: an overdue case stays overdue.
 */
export function caseDueDate(
  start: string,
  norm: { target: number; unit: 'calendar_days' | 'working_days' | string },
  suspensions: { from: string; to: string | null }[],
  extensionWorkingDays: number,
  today: string,
  holidays: readonly string[] = ATW_CLOSED_2026,
): string {
  const dueWith = (intervals: Interval[]) => {
    if (norm.unit === 'working_days') {
      let suspended = 0;
      for (const i of intervals)
        suspended += workingDaysBetween(addDays(i.from, -1), addDays(i.to, -1), holidays);
      return nextWorkingDayOnOrAfter(
        addWorkingDays(start, norm.target + suspended + extensionWorkingDays, holidays),
        holidays,
      );
    }
    let suspended = 0;
    for (const i of intervals) suspended += daysBetween(i.from, i.to);
    const raw = addDays(start, norm.target + suspended);
    return nextWorkingDayOnOrAfter(addWorkingDays(raw, extensionWorkingDays, holidays), holidays);
  };
  const counted: Interval[] = [];
  let due = dueWith(counted);
  for (const i of suspensionIntervals(suspensions, today)) {
    if (i.from > due) break;
    counted.push(i);
    due = dueWith(counted);
  }
  return due;
}

interface Case {
  id: string;
  created: EventOf<'case.created'>['payload'] | null;
  marks: { at: number; kind: 'suspended' | 'resumed' }[];
  /** The extension in force: the latest case.extended (working days). */
  extension: number;
  extendedAt: number;
  closed: { at: number; end: string } | null;
}

function collectCases(events: CanonicalEvent[]): Map<string, Case> {
  const cases = new Map<string, Case>();
  const get = (id: string) => {
    let c = cases.get(id);
    if (!c) {
      c = { id, created: null, marks: [], extension: 0, extendedAt: -Infinity, closed: null };
      cases.set(id, c);
    }
    return c;
  };
  for (const e of events) {
    const at = ms(e.occurred_at);
    if (e.type === 'case.created') get(e.payload.case_id).created = e.payload;
    else if (e.type === 'case.suspended') get(e.payload.case_id).marks.push({ at, kind: 'suspended' });
    else if (e.type === 'case.resumed') get(e.payload.case_id).marks.push({ at, kind: 'resumed' });
    else if (e.type === 'case.extended') {
      const c = get(e.payload.case_id);
      if (at >= c.extendedAt) {
        c.extension = e.payload.working_days ?? 0;
        c.extendedAt = at;
      }
    } else if (e.type === 'case.closed') get(e.payload.case_id).closed = { at, end: e.payload.end_date };
  }
  return cases;
}

function suspensionsOf(c: Case): { list: { from: string; to: string | null }[]; suspendedNow: boolean } {
  const list: { from: string; to: string | null }[] = [];
  let open: { from: string; to: string | null } | null = null;
  for (const m of byTime(c.marks)) {
    if (m.kind === 'suspended' && !open) {
      // Awb 4:15: from the day after the applicant was asked to complete.
      open = { from: addDays(amsterdamDate(m.at), 1), to: null };
      list.push(open);
    } else if (m.kind === 'resumed' && open) {
      open.to = amsterdamDate(m.at);
      open = null;
    }
  }
  return { list, suspendedNow: open !== null };
}

// ---------------------------------------------------------------------------------------------
// Snapshots

type Scope = {
  kind: 'tenant' | 'location' | 'queue' | 'channel' | 'team' | 'case_type' | 'source';
  id: string | null;
};

function scopesOf(kinds: Record<string, string[]>): Scope[] {
  const out: Scope[] = [{ kind: 'tenant', id: null }];
  for (const kind of Object.keys(kinds)) {
    const ids = [...kinds[kind]!].sort();
    for (const id of ids) out.push({ kind: kind as Scope['kind'], id });
  }
  return out;
}

/** Every snapshot (tenant × domain × scope) at `asOf`, from the events that occurred up to it. */
export function referenceSnapshots(
  events: CanonicalEvent[],
  asOf: string,
  options: ReferenceOptions = {},
): ReferenceSnapshot[] {
  const t = ms(asOf);
  const seen = events.filter((e) => ms(e.occurred_at) <= t);
  const tenants: string[] = [];
  for (const e of seen) add(tenants, e.tenant);
  tenants.sort();
  const out: ReferenceSnapshot[] = [];
  for (const tenant of tenants) {
    const mine = seen.filter((e) => e.tenant === tenant);
    const norms: { at: number; p: Norms[number] }[] = [];
    for (const e of mine)
      if (e.type === 'reference.norm') norms.push({ at: ms(e.occurred_at), p: e.payload });
    out.push(...counterSnapshots(tenant, mine, t, asOf, norms));
    out.push(...phoneSnapshots(tenant, mine, t, asOf, norms, options));
    out.push(...caseSnapshots(tenant, mine, t, asOf, norms));
    out.push(...writtenSnapshots(tenant, mine, t, asOf, norms));
    out.push(...surveySnapshots(tenant, mine, t, asOf));
    out.push(...sourceSnapshots(tenant, mine, t, asOf));
  }
  return out;
}

function sourceSnapshots(
  tenant: string,
  events: CanonicalEvent[],
  t: number,
  asOf: string,
): ReferenceSnapshot[] {
  const sources = new Map<
    string,
    { system: string; vendor: string; instance: string | null; last: number; recent: Set<string> }
  >();
  for (const e of events) {
    const instance = e.source.instance ?? null;
    const parts =
      instance === null ? [e.source.system, e.source.vendor] : [e.source.system, e.source.vendor, instance];
    const id = parts.map(encodeURIComponent).join('/');
    let s = sources.get(id);
    if (!s) {
      s = {
        system: e.source.system,
        vendor: e.source.vendor,
        instance,
        last: Number.NEGATIVE_INFINITY,
        recent: new Set(),
      };
      sources.set(id, s);
    }
    const at = ms(e.occurred_at);
    s.last = Math.max(s.last, at);
    if (inWindow(at, '15m', t)) s.recent.add(e.event_id);
  }
  const ids = [...sources.keys()].sort();
  let last = Number.NEGATIVE_INFINITY;
  let recent = 0;
  for (const s of sources.values()) {
    last = Math.max(last, s.last);
    recent += s.recent.size;
  }
  const out: ReferenceSnapshot[] = [
    {
      ...base(tenant, 'sources', { kind: 'tenant', id: null }, asOf),
      now: {
        system: null,
        vendor: null,
        instance: null,
        sources: sources.size,
        last_event_at: sources.size === 0 ? null : new Date(last).toISOString(),
        last_received_at: null,
        events_15m: recent,
      },
      windows: {},
    },
  ];
  for (const id of ids) {
    const s = sources.get(id)!;
    out.push({
      ...base(tenant, 'sources', { kind: 'source', id }, asOf),
      now: {
        system: s.system as 'telephony',
        vendor: s.vendor,
        instance: s.instance,
        sources: 1,
        last_event_at: new Date(s.last).toISOString(),
        last_received_at: null,
        events_15m: s.recent.size,
      },
      windows: {},
    });
  }
  return out;
}

function base<D extends KpiDomain>(tenant: string, domain: D, scope: Scope, asOf: string) {
  return { spec_version: 1 as const, tenant, domain, scope: { kind: scope.kind, id: scope.id }, as_of: asOf };
}

function counterSnapshots(
  tenant: string,
  events: CanonicalEvent[],
  t: number,
  asOf: string,
  norms: { at: number; p: Norms[number] }[],
): ReferenceSnapshot[] {
  const waitP = tenantNorm(norms, 'counter_wait');
  const waitNorm = waitP ? toSeconds(waitP.target, waitP.unit) : DEFAULT_COUNTER_WAIT_NORM_SECONDS;
  const serviceP = tenantNorm(norms, 'counter_service_time');
  const serviceNorm = serviceP ? toSeconds(serviceP.target, serviceP.unit) : null;
  const visits = [...collectVisits(events).values()].filter((v) => v.arrival !== null);
  // Desks: the latest desk event by occurred_at.
  const desks = new Map<string, { at: number; open: boolean; location: string; queues: string[] }>();
  const locations: string[] = [];
  const queues: string[] = [];
  for (const e of events) {
    if (e.type === 'reference.location') add(locations, e.payload.location_id);
    if (e.type === 'reference.queue' && e.payload.channel === 'counter') add(queues, e.payload.queue_id);
    if (e.type === 'visit.arrived') {
      add(locations, e.payload.location_id);
      add(queues, e.payload.queue_id);
    }
    if (e.type === 'visit.called') add(queues, e.payload.queue_id);
    if (e.type === 'visit.transferred' && e.payload.to.kind === 'queue') add(queues, e.payload.to.id);
    if (e.type === 'desk.opened' || e.type === 'desk.closed') {
      const at = ms(e.occurred_at);
      add(locations, e.payload.location_id);
      const current = desks.get(e.payload.desk_id);
      if (current && at < current.at) continue;
      if (e.type === 'desk.opened') {
        for (const q of e.payload.queue_ids) add(queues, q);
        desks.set(e.payload.desk_id, {
          at,
          open: true,
          location: e.payload.location_id,
          queues: [...e.payload.queue_ids],
        });
      } else {
        desks.set(e.payload.desk_id, { at, open: false, location: e.payload.location_id, queues: [] });
      }
    }
  }

  // Per visit: what it is now and what it contributes, with its scope keys.
  const rows = visits.map((v) => {
    const s = steps(v);
    const last = s.length > 0 ? s[s.length - 1]! : null;
    const open = v.finish === null;
    const call = countedCall(v);
    const anyCall = v.calls.length > 0;
    const waiting = open && (last === null || last.kind === 'transfer');
    const waitingSince = anyCall && last?.kind === 'transfer' ? last.at : waitFrom(v);
    return {
      v,
      location: v.arrival!.location_id,
      arrivalQueue: v.arrival!.queue_id,
      currentQueue: lastTransferQueue(v) ?? v.arrival!.queue_id,
      waiting,
      waitingSince,
      inService: open && last !== null && last.kind === 'call',
      lastCall: last?.kind === 'call' ? last.call : null,
      call,
      wait: call ? Math.max(0, (call.at - waitFrom(v)) / 1000) : null,
      factQueue: v.finish ? factQueue(v) : null,
      accountQueue: call
        ? call.queue
        : v.finish
          ? factQueue(v)
          : (lastTransferQueue(v) ?? v.arrival!.queue_id),
    };
  });

  const scopes = scopesOf({ location: locations, queue: queues });
  const out: ReferenceSnapshot[] = [];
  for (const scope of scopes) {
    const atLocation = (loc: string) => scope.kind !== 'location' || scope.id === loc;
    const inQueue = (q: string | null) => scope.kind !== 'queue' || scope.id === q;
    const inScope = (loc: string, q: string | null) => atLocation(loc) && inQueue(q);

    const windows = {} as Record<Win, ReturnType<typeof counterWindow>>;
    for (const w of WINDOWS) windows[w] = counterWindow(w);
    function counterWindow(w: Win) {
      let arrivals = 0;
      let called = 0;
      const waitWalkIn: number[] = [];
      const waitAppointment: number[] = [];
      const service: number[] = [];
      let served = 0;
      let noShows = 0;
      let leftOrRemoved = 0;
      for (const r of rows) {
        if (inWindow(r.v.arrivedAt, w, t) && inScope(r.location, r.accountQueue)) arrivals += 1;
        if (r.call && inWindow(r.call.at, w, t) && inScope(r.call.location, r.call.queue)) {
          called += 1;
          if (r.v.arrival!.kind === 'walk_in') waitWalkIn.push(r.wait!);
          else waitAppointment.push(r.wait!);
        }
        const f = r.v.finish;
        if (f && inWindow(f.at, w, t) && inScope(r.location, r.factQueue)) {
          if (f.outcome === 'served') {
            served += 1;
            if (r.call) service.push((f.at - r.call.at) / 1000);
          } else if (f.outcome === 'no_show') noShows += 1;
          else leftOrRemoved += 1;
        }
      }
      return {
        arrivals,
        arrivals_per_hour: perHour(arrivals, w, t),
        called,
        wait_walk_in: stats(waitWalkIn),
        wait_appointment: stats(waitAppointment),
        service: stats(service),
        served,
        no_shows: noShows,
        left_or_removed: leftOrRemoved,
      };
    }

    let waiting = 0;
    let waitingWalkIn = 0;
    let waitingAppointment = 0;
    let longest: number | null = null;
    let inService = 0;
    let overNorm = 0;
    for (const r of rows) {
      if (r.waiting && inScope(r.location, r.currentQueue)) {
        waiting += 1;
        if (r.v.arrival!.kind === 'walk_in') waitingWalkIn += 1;
        else waitingAppointment += 1;
        const wait = Math.max(0, (t - r.waitingSince) / 1000);
        if (wait > waitNorm) overNorm += 1;
        if (longest === null || wait > longest) longest = wait;
      }
      if (r.inService && r.lastCall && inScope(r.lastCall.location, r.lastCall.queue)) inService += 1;
    }
    let desksOpen = 0;
    for (const d of desks.values()) {
      if (!d.open || !atLocation(d.location)) continue;
      if (scope.kind === 'queue' && !d.queues.includes(scope.id!)) continue;
      desksOpen += 1;
    }
    const newcomer = waiting + 1;
    const called15 = windows['15m'].called;
    const called60 = windows['1h'].called;
    const meanService = windows.today.service.mean;
    let expected: number | null = null;
    let basis:
      | 'called_15m'
      | 'called_1h'
      | 'service_time_today'
      | 'service_time_norm'
      | 'no_open_desk'
      | 'no_data';
    if (desksOpen === 0) basis = 'no_open_desk';
    else if (called15 > 0) {
      expected = (newcomer * 900) / called15;
      basis = 'called_15m';
    } else if (called60 > 0) {
      expected = (newcomer * 3600) / called60;
      basis = 'called_1h';
    } else if (meanService !== null && meanService > 0) {
      expected = (newcomer * meanService) / desksOpen;
      basis = 'service_time_today';
    } else if (serviceNorm !== null) {
      expected = (newcomer * serviceNorm) / desksOpen;
      basis = 'service_time_norm';
    } else basis = 'no_data';

    out.push({
      ...base(tenant, 'counter', scope, asOf),
      now: {
        waiting,
        waiting_walk_in: waitingWalkIn,
        waiting_appointment: waitingAppointment,
        longest_wait_seconds: longest,
        wait_norm_seconds: waitNorm,
        waiting_over_norm: overNorm,
        in_service: inService,
        desks_open: desksOpen,
        expected_wait_seconds: expected,
        expected_wait_basis: basis,
      },
      windows,
    });
  }
  return out;
}

function callbackDue(requestedAt: number, promise: { target: number; unit: string }): number {
  return dueFrom(requestedAt, promise);
}

function phoneSnapshots(
  tenant: string,
  events: CanonicalEvent[],
  t: number,
  asOf: string,
  norms: { at: number; p: Norms[number] }[],
  options: ReferenceOptions,
): ReferenceSnapshot[] {
  const normP = tenantNorm(norms, 'phone_service_level');
  const norm = normP ? toSeconds(normP.target, normP.unit) : DEFAULT_PHONE_NORM_SECONDS;
  const short = options.shortAbandonSeconds ?? DEFAULT_SHORT_ABANDON_SECONDS;
  const queues: string[] = [];
  const callbacks = new Map<
    string,
    {
      requested: { at: number; queue: string | null; promise: { target: number; unit: string } } | null;
      completed: boolean;
    }
  >();
  for (const e of events) {
    if (e.type === 'reference.queue' && e.payload.channel === 'phone') add(queues, e.payload.queue_id);
    if (e.type === 'call.queued' || e.type === 'call.answered') add(queues, e.payload.queue_id);
    if (e.type === 'call.abandoned') add(queues, e.payload.queue_id);
    if (e.type === 'call.transferred' && e.payload.to.kind === 'queue') add(queues, e.payload.to.id);
    if (e.type === 'callback.requested' || e.type === 'callback.completed') {
      const id = e.payload.callback_id;
      const c = callbacks.get(id) ?? { requested: null, completed: false };
      callbacks.set(id, c);
      if (e.type === 'callback.completed') c.completed = true;
      else {
        const at = ms(e.occurred_at);
        add(queues, e.payload.queue_id);
        if (!c.requested || at >= c.requested.at)
          c.requested = { at, queue: e.payload.queue_id ?? null, promise: e.payload.promise };
      }
    }
  }
  const calls = [...collectCalls(events).values()];
  const rows = calls.map((c) => {
    const end = callEnd(c);
    const queued = byTime(c.queued);
    const answers = byTime(c.answers);
    let current: { at: number; queue: string } | null = null;
    for (const q of c.queued) if (!current || q.at >= current.at) current = q;
    for (const tr of c.transfers)
      if (tr.toKind === 'queue' && (!current || tr.at >= current.at)) current = { at: tr.at, queue: tr.to };
    return {
      end,
      waiting: end === null && answers.length === 0 && queued.length > 0,
      waitingQueue: current ? current.queue : null,
      queuedAt: queued.length > 0 ? queued[0]!.at : null,
      inProgress: end === null && answers.length > 0,
      answerQueue: answers.length > 0 ? answers[answers.length - 1]!.queue : null,
    };
  });
  const today = amsterdamDate(t);
  const out: ReferenceSnapshot[] = [];
  for (const scope of scopesOf({ queue: queues })) {
    const inScope = (q: string | null) => scope.kind === 'tenant' || scope.id === q;
    let waiting = 0;
    let longest: number | null = null;
    let inProgress = 0;
    let overNorm = 0;
    for (const r of rows) {
      if (r.waiting && inScope(r.waitingQueue)) {
        waiting += 1;
        const wait = Math.max(0, (t - r.queuedAt!) / 1000);
        if (wait > norm) overNorm += 1;
        if (longest === null || wait > longest) longest = wait;
      }
      if (r.inProgress && inScope(r.answerQueue)) inProgress += 1;
    }
    let open = 0;
    let dueToday = 0;
    let overdue = 0;
    for (const c of callbacks.values()) {
      if (!c.requested || c.completed || !inScope(c.requested.queue)) continue;
      open += 1;
      const due = callbackDue(c.requested.at, c.requested.promise);
      if (t > due) overdue += 1;
      else if (amsterdamDate(due) === today) dueToday += 1;
    }
    const windows = {} as Record<Win, ReturnType<typeof phoneWindow>>;
    for (const w of WINDOWS) windows[w] = phoneWindow(w);
    function phoneWindow(w: Win) {
      let ended = 0;
      let queued = 0;
      let answered = 0;
      let withinNorm = 0;
      let abandonedInQueue = 0;
      let abandonedShort = 0;
      let abandonedInMenu = 0;
      let blocked = 0;
      const waits: number[] = [];
      const handling: number[] = [];
      for (const r of rows) {
        const e = r.end;
        if (!e || !inWindow(e.at, w, t) || !inScope(e.queue)) continue;
        ended += 1;
        if (e.queuedAt !== null) queued += 1;
        if (e.outcome === 'answered') {
          answered += 1;
          if (e.wait !== null) {
            waits.push(e.wait);
            if (e.wait <= norm) withinNorm += 1;
          }
          handling.push(e.handling);
        } else if (e.outcome === 'abandoned_in_queue') {
          abandonedInQueue += 1;
          if ((e.wait ?? 0) < short) abandonedShort += 1;
        } else if (e.outcome === 'abandoned_in_menu') abandonedInMenu += 1;
        else if (e.outcome === 'blocked') blocked += 1;
      }
      const asa = stats(waits).mean;
      return {
        ended,
        queued,
        answered,
        answered_within_norm: withinNorm,
        abandoned_in_queue: abandonedInQueue,
        abandoned_short: abandonedShort,
        abandoned_in_menu: abandonedInMenu,
        blocked,
        service_level: share(withinNorm, queued - abandonedShort),
        service_level_of_answered: share(withinNorm, answered),
        average_speed_of_answer_seconds: asa,
        abandonment_rate: share(abandonedInQueue - abandonedShort, queued - abandonedShort),
        handling: stats(handling),
      };
    }
    out.push({
      ...base(tenant, 'phone', scope, asOf),
      now: {
        calls_waiting: waiting,
        longest_wait_seconds: longest,
        calls_over_norm: overNorm,
        calls_in_progress: inProgress,
        callbacks_open: open,
        callbacks_due_today: dueToday,
        callbacks_overdue: overdue,
        norm_seconds: norm,
        short_abandon_seconds: short,
      },
      windows,
    });
  }
  return out;
}

/** The aggregator's default for AGGREGATOR_CASE_SUSPENDED_LONG_DAYS. */
const DEFAULT_SUSPENDED_LONG_DAYS = 28;

function caseSnapshots(
  tenant: string,
  events: CanonicalEvent[],
  t: number,
  asOf: string,
  norms: { at: number; p: Norms[number] }[],
): ReferenceSnapshot[] {
  const today = amsterdamDate(t);
  const horizonNorm = tenantNorm(norms, 'case_lead_time');
  const horizon = horizonNorm ? horizonNorm.warning_horizon : { target: 2, unit: 'working_days' as const };
  const types: string[] = [];
  const teams: string[] = [];
  for (const e of events) {
    if (e.type === 'reference.case_type') add(types, e.payload.case_type_id);
    if (e.type === 'case.created') {
      add(types, e.payload.case_type_id);
      add(teams, e.payload.team_id);
    }
  }
  const rows = [...collectCases(events).values()]
    .filter((c) => c.created !== null)
    .map((c) => {
      const created = c.created!;
      const { list, suspendedNow } = suspensionsOf(c);
      // Frozen while suspended: the open suspension has not added a day yet.
      const since = suspendedNow ? list[list.length - 1]!.from : null;
      const counted = since === null ? list : list.map((s) => (s.to === null ? { ...s, to: s.from } : s));
      const due = caseDueDate(
        created.start_date,
        created.lead_time_norm,
        counted,
        c.extension,
        c.closed ? c.closed.end : today,
      );
      const dueAt = endOfDayMs(due);
      const open = c.closed === null;
      const overdue = open && (since === null ? t > dueAt : due < since);
      const suspendedLong = open && since !== null && daysBetween(since, today) > DEFAULT_SUSPENDED_LONG_DAYS;
      let atRisk = false;
      if (open && !overdue && since === null) {
        let left: number;
        if (horizon.unit === 'working_days') left = workingDaysBetween(today, due, ATW_CLOSED_2026);
        else if (horizon.unit === 'calendar_days') left = daysBetween(today, due);
        else left = (dueAt - t) / 1000 / toSeconds(1, horizon.unit);
        atRisk = left <= horizon.target;
      }
      return { c, created, open, suspendedNow, suspendedLong, due, overdue, atRisk };
    });
  const out: ReferenceSnapshot[] = [];
  for (const scope of scopesOf({ case_type: types, team: teams })) {
    const inScope = (r: (typeof rows)[number]) =>
      scope.kind === 'tenant' ||
      (scope.kind === 'case_type' && r.created.case_type_id === scope.id) ||
      (scope.kind === 'team' && r.created.team_id === scope.id);
    let open = 0;
    let suspended = 0;
    let suspendedLong = 0;
    let atRisk = 0;
    let overdue = 0;
    const closedToday: typeof rows = [];
    for (const r of rows) {
      if (!inScope(r)) continue;
      if (r.open) {
        open += 1;
        if (r.suspendedNow) suspended += 1;
        if (r.suspendedLong) suspendedLong += 1;
        if (r.atRisk) atRisk += 1;
        if (r.overdue) overdue += 1;
      } else if (r.c.closed!.end === today) closedToday.push(r);
    }
    const windowOf = (w: Win) => {
      const list = w === 'today' ? closedToday : [];
      let within = 0;
      const lead: number[] = [];
      for (const r of list) {
        if (r.c.closed!.end <= r.due) within += 1;
        lead.push(daysBetween(r.created.start_date, r.c.closed!.end));
      }
      return { closed: list.length, closed_within_norm: within, lead_time_days: stats(lead) };
    };
    out.push({
      ...base(tenant, 'cases', scope, asOf),
      now: {
        open,
        suspended,
        suspended_long: suspendedLong,
        completion_period_passed: 0,
        at_risk: atRisk,
        overdue,
        past_legal_term: overdue,
      },
      windows: {
        '15m': windowOf('15m'),
        half_hour: windowOf('half_hour'),
        '1h': windowOf('1h'),
        today: windowOf('today'),
      },
    });
  }
  return out;
}

function writtenSnapshots(
  tenant: string,
  events: CanonicalEvent[],
  t: number,
  asOf: string,
  norms: { at: number; p: Norms[number] }[],
): ReferenceSnapshot[] {
  const answerNorm = tenantNorm(norms, 'written_answer') ?? { target: 2, unit: 'working_days' };
  const ackNorm = tenantNorm(norms, 'written_acknowledge') ?? { target: 1, unit: 'working_days' };
  const contacts = new Map<
    string,
    {
      received: { at: number; channel: string; team: string | null } | null;
      ack: number | null;
      answered: number | null;
    }
  >();
  const channels: string[] = [];
  const teams: string[] = [];
  for (const e of events) {
    if (e.type !== 'written.received' && e.type !== 'written.acknowledged' && e.type !== 'written.answered')
      continue;
    const id = e.payload.contact_id;
    const c = contacts.get(id) ?? { received: null, ack: null, answered: null };
    contacts.set(id, c);
    const at = ms(e.occurred_at);
    if (e.type === 'written.received') {
      c.received = { at, channel: e.payload.channel, team: e.payload.team_id ?? null };
      add(channels, e.payload.channel);
      add(teams, e.payload.team_id);
    } else if (e.type === 'written.acknowledged') c.ack = c.ack === null ? at : Math.min(c.ack, at);
    else c.answered = c.answered === null ? at : Math.min(c.answered, at);
  }
  const rows = [...contacts.values()].filter((c) => c.received !== null);
  const out: ReferenceSnapshot[] = [];
  for (const scope of scopesOf({ channel: channels, team: teams })) {
    const inScope = (r: (typeof rows)[number]) =>
      scope.kind === 'tenant' ||
      (scope.kind === 'channel' && r.received!.channel === scope.id) ||
      (scope.kind === 'team' && r.received!.team === scope.id);
    let open = 0;
    let unack = 0;
    let answerOverdue = 0;
    let ackOverdue = 0;
    let oldest: number | null = null;
    for (const r of rows) {
      if (!inScope(r) || r.answered !== null) continue;
      const received = r.received!.at;
      open += 1;
      if (t > dueFrom(received, answerNorm)) answerOverdue += 1;
      if (r.ack === null) {
        unack += 1;
        if (t > dueFrom(received, ackNorm)) ackOverdue += 1;
      }
      const age = Math.max(0, (t - received) / 1000);
      if (oldest === null || age > oldest) oldest = age;
    }
    const windowOf = (w: Win) => {
      let received = 0;
      let answered = 0;
      let within = 0;
      for (const r of rows) {
        if (!inScope(r)) continue;
        if (inWindow(r.received!.at, w, t)) received += 1;
        if (r.answered !== null && inWindow(r.answered, w, t)) {
          answered += 1;
          if (r.answered <= dueFrom(r.received!.at, answerNorm)) within += 1;
        }
      }
      return { received, answered, answered_within_norm: within };
    };
    out.push({
      ...base(tenant, 'written', scope, asOf),
      now: {
        open,
        unacknowledged: unack,
        answer_overdue: answerOverdue,
        acknowledge_overdue: ackOverdue,
        oldest_open_age_seconds: oldest,
      },
      windows: {
        '15m': windowOf('15m'),
        half_hour: windowOf('half_hour'),
        '1h': windowOf('1h'),
        today: windowOf('today'),
      },
    });
  }
  return out;
}

function surveySnapshots(
  tenant: string,
  events: CanonicalEvent[],
  t: number,
  asOf: string,
): ReferenceSnapshot[] {
  const rows: { at: number; p: EventOf<'survey.responded'>['payload'] }[] = [];
  const channels: string[] = [];
  const locations: string[] = [];
  const teams: string[] = [];
  for (const e of events) {
    if (e.type !== 'survey.responded') continue;
    rows.push({ at: ms(e.occurred_at), p: e.payload });
    add(channels, e.payload.channel);
    add(locations, e.payload.location_id);
    add(teams, e.payload.team_id);
  }
  const out: ReferenceSnapshot[] = [];
  for (const scope of scopesOf({ channel: channels, location: locations, team: teams })) {
    const inScope = (p: EventOf<'survey.responded'>['payload']) =>
      scope.kind === 'tenant' ||
      (scope.kind === 'channel' && p.channel === scope.id) ||
      (scope.kind === 'location' && p.location_id === scope.id) ||
      (scope.kind === 'team' && p.team_id === scope.id);
    const windowOf = (w: Win) => {
      let responses = 0;
      let satisfied = 0;
      let dissatisfied = 0;
      const scales: { min: number; max: number; scores: number[] }[] = [];
      const byChannel = { counter: 0, phone: 0, email: 0, post: 0, web_form: 0, chat: 0, video: 0 };
      for (const r of rows) {
        if (!inScope(r.p) || !inWindow(r.at, w, t)) continue;
        responses += 1;
        const position = (r.p.score - r.p.scale.min) / (r.p.scale.max - r.p.scale.min);
        if (position >= 0.75) satisfied += 1;
        if (position < 0.25) dissatisfied += 1;
        let scale = scales.find((x) => x.min === r.p.scale.min && x.max === r.p.scale.max);
        if (!scale) {
          scale = { min: r.p.scale.min, max: r.p.scale.max, scores: [] };
          scales.push(scale);
        }
        scale.scores.push(r.p.score);
        byChannel[r.p.channel] += 1;
      }
      scales.sort((a, b) => (a.min !== b.min ? a.min - b.min : a.max - b.max));
      const byScale = scales.map((x) => ({
        min: x.min,
        max: x.max,
        responses: x.scores.length,
        mean_score: stats(x.scores).mean!,
      }));
      return {
        responses,
        satisfied,
        dissatisfied,
        satisfied_share: share(satisfied, responses),
        dissatisfied_share: share(dissatisfied, responses),
        mean_score: byScale.length === 1 ? byScale[0]!.mean_score : null,
        scale: byScale.length === 1 ? { min: byScale[0]!.min, max: byScale[0]!.max } : null,
        by_scale: byScale,
        responses_by_channel: byChannel,
      };
    };
    out.push({
      ...base(tenant, 'survey', scope, asOf),
      now: {},
      windows: {
        '15m': windowOf('15m'),
        half_hour: windowOf('half_hour'),
        '1h': windowOf('1h'),
        today: windowOf('today'),
      },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rollups

export interface VisitRollupRow {
  tenant: string;
  /** visits_per_hour_v1: the UTC hour as ISO, e.g. 2026-04-28T07:00:00.000Z. */
  hour?: string;
  /** visits_per_day_v1: the Europe/Amsterdam date, YYYY-MM-DD. */
  day?: string;
  location_id: string;
  queue_id: string;
  kind: 'walk_in' | 'appointment';
  visits: number;
  served: number;
  no_shows: number;
  left_or_removed: number;
  wait_count: number;
  wait_sum: number;
  wait_p50: number;
  wait_p90: number;
  service_count: number;
  service_sum: number;
  service_p90: number;
}

export interface CallRollupRow {
  tenant: string;
  /** The UTC hour of offered_at as ISO. */
  hour: string;
  /** '' for calls without a queue. */
  queue_id: string;
  offered: number;
  queued: number;
  answered: number;
  abandoned_in_queue: number;
  abandoned_short: number;
  abandoned_in_menu: number;
  blocked: number;
  transferred_out: number;
  answer_wait_sum: number;
  answer_wait_p50: number;
  answer_wait_p90: number;
  handling_sum: number;
  handling_p90: number;
  short_abandon_seconds: number;
}

export interface ReferenceVisitFact {
  tenant: string;
  visit_id: string;
  location_id: string;
  queue_id: string;
  kind: 'walk_in' | 'appointment';
  arrived_at: number;
  outcome: 'served' | 'no_show' | 'left' | 'removed';
  /** The finish's products, else the arrival's. */
  products: string[];
  wait_seconds: number | null;
  service_seconds: number | null;
}

/** The visit facts of all finished visits (arrival and finish known; served/no_show need a call). */
export function referenceVisitFacts(events: CanonicalEvent[]): ReferenceVisitFact[] {
  const out: ReferenceVisitFact[] = [];
  const tenants: string[] = [];
  for (const e of events) add(tenants, e.tenant);
  for (const tenant of tenants) {
    const visits = collectVisits(events.filter((e) => e.tenant === tenant));
    for (const v of visits.values()) {
      if (!v.arrival || !v.finish) continue;
      const needsCall = v.finish.outcome === 'served' || v.finish.outcome === 'no_show';
      if (needsCall && v.calls.length === 0) continue;
      const call = countedCall(v);
      out.push({
        tenant,
        visit_id: v.id,
        location_id: v.arrival.location_id,
        queue_id: factQueue(v),
        kind: v.arrival.kind,
        arrived_at: v.arrivedAt,
        outcome: v.finish.outcome,
        products: v.finish.products.length > 0 ? [...v.finish.products] : [...v.arrival.products],
        wait_seconds: call ? Math.max(0, (call.at - waitFrom(v)) / 1000) : null,
        service_seconds: call ? Math.max(0, (v.finish.at - call.at) / 1000) : null,
      });
    }
  }
  return out;
}

function utcHour(at: number): string {
  const d = new Date(at);
  d.setUTCMinutes(0, 0, 0);
  return d.toISOString();
}

function visitRows(
  facts: ReferenceVisitFact[],
  keyOf: (f: ReferenceVisitFact) => string,
  by: 'hour' | 'day',
) {
  const groups = new Map<string, ReferenceVisitFact[]>();
  for (const f of facts) {
    const key = [f.tenant, keyOf(f), f.location_id, f.queue_id, f.kind].join('|');
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  const rows: VisitRollupRow[] = [];
  for (const [key, list] of groups) {
    const [tenant, when] = key.split('|') as [string, string];
    const waits: number[] = [];
    const services: number[] = [];
    let served = 0;
    let noShows = 0;
    let left = 0;
    for (const f of list) {
      if (f.outcome === 'served') served += 1;
      else if (f.outcome === 'no_show') noShows += 1;
      else left += 1;
      if (f.wait_seconds !== null) waits.push(f.wait_seconds);
      if (f.service_seconds !== null) services.push(f.service_seconds);
    }
    let waitSum = 0;
    for (const w of waits) waitSum += w;
    let serviceSum = 0;
    for (const s of services) serviceSum += s;
    rows.push({
      tenant,
      ...(by === 'hour' ? { hour: when } : { day: when }),
      location_id: list[0]!.location_id,
      queue_id: list[0]!.queue_id,
      kind: list[0]!.kind,
      visits: list.length,
      served,
      no_shows: noShows,
      left_or_removed: left,
      wait_count: waits.length,
      wait_sum: waitSum,
      wait_p50: percentile(waits, 0.5) ?? 0,
      wait_p90: percentile(waits, 0.9) ?? 0,
      service_count: services.length,
      service_sum: serviceSum,
      service_p90: percentile(services, 0.9) ?? 0,
    });
  }
  const k = (r: VisitRollupRow) => [r.tenant, r.hour ?? r.day, r.location_id, r.queue_id, r.kind].join('|');
  return rows.sort((a, b) => (k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0));
}

function callRows(
  events: CanonicalEvent[],
  short: number,
  by: 'hour' | 'day',
): (Omit<CallRollupRow, 'hour'> & { hour?: string; day?: string })[] {
  const tenants: string[] = [];
  for (const e of events) add(tenants, e.tenant);
  const groups = new Map<string, CallEnd[]>();
  for (const tenant of tenants) {
    for (const c of collectCalls(events.filter((e) => e.tenant === tenant)).values()) {
      const end = callEnd(c);
      if (!end) continue;
      const when = by === 'hour' ? utcHour(end.offeredAt) : amsterdamDate(end.offeredAt);
      const key = [tenant, when, end.queue ?? ''].join('|');
      const list = groups.get(key) ?? [];
      list.push(end);
      groups.set(key, list);
    }
  }
  const rows: (Omit<CallRollupRow, 'hour'> & { hour?: string; day?: string })[] = [];
  for (const [key, list] of groups) {
    const [tenant, when, queue] = key.split('|') as [string, string, string];
    const row = {
      tenant,
      ...(by === 'hour' ? { hour: when } : { day: when }),
      queue_id: queue,
      offered: list.length,
      queued: 0,
      answered: 0,
      abandoned_in_queue: 0,
      abandoned_short: 0,
      abandoned_in_menu: 0,
      blocked: 0,
      transferred_out: 0,
      answer_wait_sum: 0,
      answer_wait_p50: 0,
      answer_wait_p90: 0,
      handling_sum: 0,
      handling_p90: 0,
      short_abandon_seconds: short,
    };
    const waits: number[] = [];
    const handling: number[] = [];
    for (const c of list) {
      if (c.queuedAt !== null) row.queued += 1;
      if (c.outcome === 'answered') {
        row.answered += 1;
        waits.push(c.wait ?? 0);
        handling.push(c.handling);
      } else if (c.outcome === 'abandoned_in_queue') {
        row.abandoned_in_queue += 1;
        if ((c.wait ?? 0) < short) row.abandoned_short += 1;
      } else if (c.outcome === 'abandoned_in_menu') row.abandoned_in_menu += 1;
      else if (c.outcome === 'blocked') row.blocked += 1;
      else row.transferred_out += 1;
    }
    for (const w of waits) row.answer_wait_sum += w;
    for (const h of handling) row.handling_sum += h;
    row.answer_wait_p50 = percentile(waits, 0.5) ?? 0;
    row.answer_wait_p90 = percentile(waits, 0.9) ?? 0;
    row.handling_p90 = percentile(handling, 0.9) ?? 0;
    rows.push(row);
  }
  return sortRows(rows, (r) => [r.tenant, r.hour ?? r.day ?? '', r.queue_id]);
}

function sortRows<R>(rows: R[], keyOf: (r: R) => string[]): R[] {
  const k = (r: R) => keyOf(r).join('|');
  return rows.sort((a, b) => (k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0));
}

/**
 * The rollups of visits_per_hour_v1, visits_per_day_v1 (0003) and calls_per_hour_v1 (0004), from
 * the facts of every finished visit and call in `events`. Hours are UTC hours as ISO instants
 * (2026-04-28T07:00:00.000Z), days Europe/Amsterdam dates; percentiles of empty sets are 0, as
 * the SQL's ifNull / quantileExactIf give them.
 */
export function referenceRollups(
  events: CanonicalEvent[],
  options: ReferenceOptions = {},
): { visits_per_hour: VisitRollupRow[]; visits_per_day: VisitRollupRow[]; calls_per_hour: CallRollupRow[] } {
  const facts = referenceVisitFacts(events);
  const short = options.shortAbandonSeconds ?? DEFAULT_SHORT_ABANDON_SECONDS;
  return {
    visits_per_hour: visitRows(facts, (f) => utcHour(f.arrived_at), 'hour'),
    visits_per_day: visitRows(facts, (f) => amsterdamDate(f.arrived_at), 'day'),
    calls_per_hour: callRows(events, short, 'hour') as CallRollupRow[],
  };
}

// ---------------------------------------------------------------------------------------------
// Daily rollups of 0006

export type CallDayRow = Omit<CallRollupRow, 'hour'> & { day: string };

export interface CaseDayRow {
  tenant: string;
  /** end_date of the closed cases. */
  day: string;
  case_type_id: string;
  /** '' without a team. */
  team_id: string;
  closed: number;
  closed_within_norm: number;
  lead_time_days_sum: number;
  lead_time_days_p50: number;
  lead_time_days_p90: number;
  /** Calendar days suspended (whatever the norm's unit), up to the end date (case_facts_v1). */
  suspended_days_sum: number;
  /** Cases with any extension. */
  extended: number;
}

export interface WrittenDayRow {
  tenant: string;
  day: string;
  channel: string;
  team_id: string;
  received: number;
  acknowledged: number;
  acknowledge_working_days_sum: number;
  answered: number;
  answer_working_days_sum: number;
}

export interface SurveyDayRow {
  tenant: string;
  day: string;
  channel: string;
  product_id: string;
  location_id: string;
  team_id: string;
  responses: number;
  satisfied: number;
  dissatisfied: number;
  score_normalised_sum: number;
}

export interface VisitProductDayRow {
  tenant: string;
  day: string;
  location_id: string;
  /** '' for a visit without products. */
  product_id: string;
  visits: number;
  served: number;
  wait_count: number;
  wait_sum: number;
}

/** A closed case as the case facts hold it: end date, lead time, within its own deadline. */
export interface ReferenceClosedCase {
  tenant: string;
  end: string;
  case_type_id: string;
  team_id: string;
  lead: number;
  within: boolean;
  suspendedDays: number;
  extended: boolean;
}

/** Closed cases: within norm = end date ≤ due date; suspended days in calendar days up to the end. */
export function referenceClosedCases(events: CanonicalEvent[]): ReferenceClosedCase[] {
  const tenants: string[] = [];
  for (const e of events) add(tenants, e.tenant);
  const out: ReferenceClosedCase[] = [];
  for (const tenant of tenants) {
    for (const c of collectCases(events.filter((e) => e.tenant === tenant)).values()) {
      if (!c.created || !c.closed) continue;
      const created = c.created;
      const end = c.closed.end;
      const { list } = suspensionsOf(c);
      const clipped = list.map((s) => ({ from: s.from, to: s.to === null || s.to > end ? end : s.to }));
      const due = caseDueDate(created.start_date, created.lead_time_norm, clipped, c.extension, end);
      let suspendedDays = 0;
      for (const i of suspensionIntervals(clipped, end)) {
        suspendedDays += daysBetween(i.from, i.to);
      }
      out.push({
        tenant,
        end,
        case_type_id: created.case_type_id,
        team_id: created.team_id ?? '',
        lead: daysBetween(created.start_date, end),
        within: end <= due,
        suspendedDays,
        extended: c.extension > 0,
      });
    }
  }
  return out;
}

/** A written contact: receipt, the first acknowledgement and answer (instants), working days to answer. */
export interface ReferenceWrittenContact {
  tenant: string;
  receivedDay: string;
  channel: string;
  team: string;
  ack: number | null;
  answer: number | null;
  /** From the day after receipt to the answer's day, never below 0; null while unanswered. */
  answerWorkingDays: number | null;
}

export function referenceWrittenContacts(events: CanonicalEvent[]): ReferenceWrittenContact[] {
  const tenants: string[] = [];
  for (const e of events) add(tenants, e.tenant);
  const out: ReferenceWrittenContact[] = [];
  for (const tenant of tenants) {
    const contacts = new Map<
      string,
      { received: number; channel: string; team: string; ack: number | null; answer: number | null }
    >();
    const pending: { id: string; kind: 'ack' | 'answer'; at: number }[] = [];
    for (const e of events) {
      if (e.tenant !== tenant) continue;
      const at = ms(e.occurred_at);
      if (e.type === 'written.received') {
        const current = contacts.get(e.payload.contact_id);
        if (!current || at < current.received)
          contacts.set(e.payload.contact_id, {
            received: at,
            channel: e.payload.channel,
            team: e.payload.team_id ?? '',
            ack: current ? current.ack : null,
            answer: current ? current.answer : null,
          });
      } else if (e.type === 'written.acknowledged')
        pending.push({ id: e.payload.contact_id, kind: 'ack', at });
      else if (e.type === 'written.answered') pending.push({ id: e.payload.contact_id, kind: 'answer', at });
    }
    for (const p of pending) {
      const c = contacts.get(p.id);
      if (!c) continue;
      if (p.kind === 'ack') c.ack = c.ack === null ? p.at : Math.min(c.ack, p.at);
      else c.answer = c.answer === null ? p.at : Math.min(c.answer, p.at);
    }
    for (const c of contacts.values()) {
      const receivedDay = amsterdamDate(c.received);
      out.push({
        tenant,
        receivedDay,
        channel: c.channel,
        team: c.team,
        ack: c.ack,
        answer: c.answer,
        answerWorkingDays:
          c.answer === null ? null : Math.max(0, workingDaysBetween(receivedDay, amsterdamDate(c.answer))),
      });
    }
  }
  return out;
}

/**
 * The daily rollups of 0006 (cases_per_day_v1, written_per_day_v1, survey_per_day_v1,
 * calls_per_day_v1, visits_by_product_per_day_v1), from all events. Case facts: closed cases,
 * by end date; within norm = end date ≤ due date; suspended days in calendar days up to the end
 * date (whatever the norm's unit, as case_facts_v1 defines suspended_days).
 * Written: working days from the Amsterdam date of receipt to that of the acknowledgement or
 * answer, counted from the day after receipt (never below 0); the first of each kind counts.
 */
export function referenceDailyRollups(
  events: CanonicalEvent[],
  options: ReferenceOptions = {},
): {
  cases_per_day: CaseDayRow[];
  written_per_day: WrittenDayRow[];
  survey_per_day: SurveyDayRow[];
  calls_per_day: CallDayRow[];
  visits_by_product_per_day: VisitProductDayRow[];
} {
  const short = options.shortAbandonSeconds ?? DEFAULT_SHORT_ABANDON_SECONDS;
  const tenants: string[] = [];
  for (const e of events) add(tenants, e.tenant);

  // Cases.
  const caseGroups = new Map<string, CaseDayRow & { leads: number[] }>();
  for (const c of referenceClosedCases(events)) {
    const key = [c.tenant, c.end, c.case_type_id, c.team_id].join('|');
    const row = caseGroups.get(key) ?? {
      tenant: c.tenant,
      day: c.end,
      case_type_id: c.case_type_id,
      team_id: c.team_id,
      closed: 0,
      closed_within_norm: 0,
      lead_time_days_sum: 0,
      lead_time_days_p50: 0,
      lead_time_days_p90: 0,
      suspended_days_sum: 0,
      extended: 0,
      leads: [],
    };
    caseGroups.set(key, row);
    row.closed += 1;
    if (c.within) row.closed_within_norm += 1;
    row.leads.push(c.lead);
    row.lead_time_days_sum += c.lead;
    row.suspended_days_sum += c.suspendedDays;
    if (c.extended) row.extended += 1;
  }
  const cases: CaseDayRow[] = [];
  for (const { leads, ...row } of caseGroups.values()) {
    row.lead_time_days_p50 = percentile(leads, 0.5) ?? 0;
    row.lead_time_days_p90 = percentile(leads, 0.9) ?? 0;
    cases.push(row);
  }

  // Written contacts: each measure on its own day.
  const writtenGroups = new Map<string, WrittenDayRow>();
  const writtenRow = (tenant: string, day: string, channel: string, team: string) => {
    const key = [tenant, day, channel, team].join('|');
    let row = writtenGroups.get(key);
    if (!row) {
      row = {
        tenant,
        day,
        channel,
        team_id: team,
        received: 0,
        acknowledged: 0,
        acknowledge_working_days_sum: 0,
        answered: 0,
        answer_working_days_sum: 0,
      };
      writtenGroups.set(key, row);
    }
    return row;
  };
  for (const c of referenceWrittenContacts(events)) {
    writtenRow(c.tenant, c.receivedDay, c.channel, c.team).received += 1;
    if (c.ack !== null) {
      const row = writtenRow(c.tenant, amsterdamDate(c.ack), c.channel, c.team);
      row.acknowledged += 1;
      row.acknowledge_working_days_sum += Math.max(
        0,
        workingDaysBetween(c.receivedDay, amsterdamDate(c.ack)),
      );
    }
    if (c.answer !== null) {
      const row = writtenRow(c.tenant, amsterdamDate(c.answer), c.channel, c.team);
      row.answered += 1;
      row.answer_working_days_sum += c.answerWorkingDays!;
    }
  }

  // Survey responses (by response id: the first one counts).
  const surveyGroups = new Map<string, SurveyDayRow>();
  const seenResponses = new Set<string>();
  for (const e of events) {
    if (e.type !== 'survey.responded') continue;
    const p = e.payload;
    const id = `${e.tenant}|${p.response_id}`;
    if (seenResponses.has(id)) continue;
    seenResponses.add(id);
    const day = amsterdamDate(ms(e.occurred_at));
    const key = [e.tenant, day, p.channel, p.product_id ?? '', p.location_id ?? '', p.team_id ?? ''].join(
      '|',
    );
    const row = surveyGroups.get(key) ?? {
      tenant: e.tenant,
      day,
      channel: p.channel,
      product_id: p.product_id ?? '',
      location_id: p.location_id ?? '',
      team_id: p.team_id ?? '',
      responses: 0,
      satisfied: 0,
      dissatisfied: 0,
      score_normalised_sum: 0,
    };
    surveyGroups.set(key, row);
    const position = (p.score - p.scale.min) / (p.scale.max - p.scale.min);
    row.responses += 1;
    if (position >= 0.75) row.satisfied += 1;
    if (position < 0.25) row.dissatisfied += 1;
    row.score_normalised_sum += position;
  }

  // Visits by product: once per distinct product, '' without products.
  const productGroups = new Map<string, VisitProductDayRow>();
  for (const f of referenceVisitFacts(events)) {
    const day = amsterdamDate(f.arrived_at);
    const products = f.products.length === 0 ? [''] : [...new Set(f.products)];
    for (const product of products) {
      const key = [f.tenant, day, f.location_id, product].join('|');
      const row = productGroups.get(key) ?? {
        tenant: f.tenant,
        day,
        location_id: f.location_id,
        product_id: product,
        visits: 0,
        served: 0,
        wait_count: 0,
        wait_sum: 0,
      };
      productGroups.set(key, row);
      row.visits += 1;
      if (f.outcome === 'served') row.served += 1;
      if (f.wait_seconds !== null) {
        row.wait_count += 1;
        row.wait_sum += f.wait_seconds;
      }
    }
  }

  return {
    cases_per_day: sortRows(cases, (r) => [r.tenant, r.day, r.case_type_id, r.team_id]),
    written_per_day: sortRows([...writtenGroups.values()], (r) => [r.tenant, r.day, r.channel, r.team_id]),
    survey_per_day: sortRows([...surveyGroups.values()], (r) => [
      r.tenant,
      r.day,
      r.channel,
      r.product_id,
      r.location_id,
      r.team_id,
    ]),
    calls_per_day: callRows(events, short, 'day') as CallDayRow[],
    visits_by_product_per_day: sortRows([...productGroups.values()], (r) => [
      r.tenant,
      r.day,
      r.location_id,
      r.product_id,
    ]),
  };
}

/**
 * Whether a snapshot holds nothing: every count 0 and every other value null (the settings
 * and labels in SETTINGS aside). The aggregator publishes only scopes that hold
 * an item (and retires the others), while the reference lists every scope it has seen; an empty
 * reference snapshot matches an absent key.
 */
// Settings and labels a snapshot carries whether or not it holds anything.
const SETTINGS = new Set([
  'norm_seconds',
  'short_abandon_seconds',
  'wait_norm_seconds',
  'expected_wait_basis',
]);

export function isEmptySnapshot(s: ReferenceSnapshot): boolean {
  const empty = (value: unknown, key: string): boolean => {
    if (SETTINGS.has(key)) return true;
    if (value === null || value === 0) return true;
    if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (!empty(v, k)) return false;
      return true;
    }
    return false;
  };
  return empty(s.now, 'now') && empty(s.windows, 'windows');
}

/** For debugging a comparison: an instant as local time. */
export const local = formatLocal;
