import { KPI_SCOPES, type KpiScope, type KpiSnapshotOf } from '@stuurwiel/schemas';
import type { VisitFact } from '../facts/types.js';
import { ms, msOrNull, secondsSince } from '../time/instants.js';
import type { CounterInput, CounterSettings, OpenDesk } from './inputs.js';
import { splitByScope } from './scopes.js';
import { durationStats } from './stats.js';
import { inWindow, perWindow, type WindowBounds, windowBounds } from './windows.js';

type CounterSnapshot = KpiSnapshotOf<'counter'>;
type Kind = 'walk_in' | 'appointment';

export const DEFAULT_COUNTER_WAIT_NORM_SECONDS = 600;

type ExpectedWaitBasis = CounterSnapshot['now']['expected_wait_basis'];

export interface ExpectedWaitInputs {
  waiting: number;
  desksOpen: number;
  called15m: number;
  called1h: number;
  /** Mean service time of today's served visits of the scope; null when none. */
  meanServiceTodaySeconds: number | null;
  /** The scope's counter_service_time norm in seconds, if any. */
  serviceTimeNormSeconds: number | undefined;
}

/**
 * A newcomer waits about (n + 1) ÷ μ (domain.md). μ comes from the most recent evidence there is:
 * a quiet quarter of an hour is exactly when the number matters, so it falls back to the hour,
 * then to what a desk takes per visitor, rather than reading null or 0.
 */
export function expectedWait(i: ExpectedWaitInputs): { seconds: number | null; basis: ExpectedWaitBasis } {
  const ahead = i.waiting + 1;
  if (i.desksOpen === 0) return { seconds: null, basis: 'no_open_desk' };
  if (i.called15m > 0) return { seconds: (ahead * 900) / i.called15m, basis: 'called_15m' };
  if (i.called1h > 0) return { seconds: (ahead * 3600) / i.called1h, basis: 'called_1h' };
  if (i.meanServiceTodaySeconds !== null && i.meanServiceTodaySeconds > 0)
    return { seconds: (ahead * i.meanServiceTodaySeconds) / i.desksOpen, basis: 'service_time_today' };
  if (i.serviceTimeNormSeconds !== undefined)
    return { seconds: (ahead * i.serviceTimeNormSeconds) / i.desksOpen, basis: 'service_time_norm' };
  return { seconds: null, basis: 'no_data' };
}

/**
 * One visit in whichever state it is, with its instants parsed once: the windows read every
 * visit three times per scope, every second.
 */
interface VisitRow {
  location_id: string;
  /** The queue the visit's window figures count for: its counted call's, as in the fact. */
  queue_id: string;
  /** Where it is now (waiting or at a desk), for the `now` figures. */
  now_queue_id: string;
  state: 'waiting' | 'in_service' | 'finished';
  kind: Kind | null;
  arrivedMs: number | null;
  /** Waiting: when the wait started; its length grows with as_of. */
  waitStartMs: number | null;
  calledMs: number | null;
  /** The counted wait, once called. */
  waitSeconds: number | null;
  finishedMs: number | null;
  outcome: VisitFact['outcome'] | null;
  serviceSeconds: number | null;
}

/** When the wait starts: an early visitor for an appointment waits from the appointment start. */
function waitStart(kind: Kind | null, arrivedMs: number, appointmentStart: string | null): number {
  if (kind !== 'appointment' || appointmentStart == null) return arrivedMs;
  return Math.max(arrivedMs, ms(appointmentStart));
}

// Facts never change once made (a recomputed fact is a new object), and the day log hands out the
// same objects every second: parse each once.
const factRows = new WeakMap<VisitFact, VisitRow>();

function factRow(f: VisitFact): VisitRow {
  let row = factRows.get(f);
  if (!row) {
    row = {
      location_id: f.location_id,
      queue_id: f.queue_id,
      now_queue_id: f.queue_id,
      state: 'finished',
      kind: f.kind,
      arrivedMs: ms(f.arrived_at),
      waitStartMs: null,
      calledMs: msOrNull(f.called_at),
      waitSeconds: f.wait_seconds,
      finishedMs: ms(f.finished_at),
      outcome: f.outcome,
      serviceSeconds: f.service_seconds,
    };
    factRows.set(f, row);
  }
  return row;
}

/** A visit is in one state only: a finished fact wins over an open record, service over waiting. */
function visitRows(input: CounterInput): VisitRow[] {
  const rows: VisitRow[] = [];
  const seen = new Set<string>();
  for (const f of input.finished) {
    seen.add(f.visit_id);
    rows.push(factRow(f));
  }
  for (const v of input.inService) {
    if (seen.has(v.visit_id)) continue;
    seen.add(v.visit_id);
    const arrivedMs = msOrNull(v.arrived_at);
    const calledMs = ms(v.called_at);
    rows.push({
      location_id: v.location_id,
      queue_id: v.counted_queue_id ?? v.queue_id,
      now_queue_id: v.queue_id,
      state: 'in_service',
      kind: v.kind,
      arrivedMs,
      waitStartMs: null,
      calledMs,
      // A visit already at the desk has finished waiting: its wait counts now, not at its end.
      waitSeconds:
        v.kind != null && arrivedMs != null
          ? secondsSince(waitStart(v.kind, arrivedMs, v.appointment_start), calledMs)
          : null,
      finishedMs: null,
      outcome: null,
      serviceSeconds: null,
    });
  }
  for (const v of input.waiting) {
    if (seen.has(v.visit_id)) continue;
    seen.add(v.visit_id);
    const arrivedMs = ms(v.arrived_at);
    const firstWaitStart = waitStart(v.kind, arrivedMs, v.appointment_start);
    const calledMs = v.requeued ? ms(v.requeued.counted_called_at) : null;
    rows.push({
      location_id: v.location_id,
      queue_id: v.requeued?.counted_queue_id ?? v.queue_id,
      now_queue_id: v.queue_id,
      state: 'waiting',
      kind: v.kind,
      arrivedMs,
      waitStartMs: v.requeued ? ms(v.requeued.waiting_since) : firstWaitStart,
      calledMs,
      waitSeconds: calledMs === null ? null : secondsSince(firstWaitStart, calledMs),
      finishedMs: null,
      outcome: null,
      serviceSeconds: null,
    });
  }
  return rows;
}

const within = (bounds: WindowBounds, at: number | null) => at !== null && inWindow(bounds, at);

function counterWindow(visits: readonly VisitRow[], bounds: WindowBounds): CounterSnapshot['windows']['15m'] {
  const waits: Record<Kind, number[]> = { walk_in: [], appointment: [] };
  const service: number[] = [];
  let arrivals = 0;
  let called = 0;
  let served = 0;
  let noShows = 0;
  let leftOrRemoved = 0;

  for (const v of visits) {
    if (within(bounds, v.arrivedMs)) arrivals += 1;
    if (within(bounds, v.calledMs)) {
      called += 1;
      if (v.kind !== null && v.waitSeconds !== null) waits[v.kind].push(v.waitSeconds);
    }
    if (!within(bounds, v.finishedMs)) continue;
    if (v.outcome === 'served') {
      served += 1;
      if (v.serviceSeconds !== null) service.push(v.serviceSeconds);
    } else if (v.outcome === 'no_show') {
      noShows += 1;
    } else {
      leftOrRemoved += 1;
    }
  }

  return {
    arrivals,
    // At the very start of today or of a half hour the window has no length yet: no rate rather than a division by zero.
    arrivals_per_hour: bounds.hours > 0 ? arrivals / bounds.hours : 0,
    called,
    wait_walk_in: durationStats(waits.walk_in),
    wait_appointment: durationStats(waits.appointment),
    service: durationStats(service),
    served,
    no_shows: noShows,
    left_or_removed: leftOrRemoved,
  };
}

function counterNow(
  visits: readonly VisitRow[],
  desks: readonly OpenDesk[],
  asOfMs: number,
  windows: CounterSnapshot['windows'],
  norms: ScopeNorms,
): CounterSnapshot['now'] {
  let longest: number | null = null;
  let waiting = 0;
  let walkIn = 0;
  let inService = 0;
  let overNorm = 0;
  for (const v of visits) {
    if (v.state === 'in_service') inService += 1;
    if (v.state !== 'waiting' || v.waitStartMs === null) continue;
    waiting += 1;
    if (v.kind === 'walk_in') walkIn += 1;
    const wait = secondsSince(v.waitStartMs, asOfMs);
    if (wait > norms.waitSeconds) overNorm += 1;
    if (longest === null || wait > longest) longest = wait;
  }
  const expected = expectedWait({
    waiting,
    desksOpen: desks.length,
    called15m: windows['15m'].called,
    called1h: windows['1h'].called,
    meanServiceTodaySeconds: windows.today.service.mean,
    serviceTimeNormSeconds: norms.serviceTimeSeconds,
  });
  return {
    waiting,
    waiting_walk_in: walkIn,
    waiting_appointment: waiting - walkIn,
    longest_wait_seconds: longest,
    wait_norm_seconds: norms.waitSeconds,
    waiting_over_norm: overNorm,
    in_service: inService,
    desks_open: desks.length,
    expected_wait_seconds: expected.seconds,
    expected_wait_basis: expected.basis,
  };
}

interface ScopeNorms {
  waitSeconds: number;
  serviceTimeSeconds: number | undefined;
}

/** The norms in force for a scope: its own, else the tenant's (see CounterSettings). */
function scopeNorms(scope: KpiScope, settings: CounterSettings): ScopeNorms {
  const byId = scope.kind === 'location' || scope.kind === 'queue' ? settings.norms?.[scope.kind] : undefined;
  const own = scope.id == null ? undefined : byId?.[scope.id];
  return {
    waitSeconds: own?.waitSeconds ?? settings.norms?.tenant?.waitSeconds ?? DEFAULT_COUNTER_WAIT_NORM_SECONDS,
    serviceTimeSeconds: own?.serviceTimeSeconds ?? settings.norms?.tenant?.serviceTimeSeconds,
  };
}

export function computeCounterSnapshots(
  tenant: string,
  input: CounterInput,
  asOf: string,
  settings: CounterSettings,
): CounterSnapshot[] {
  const windows = windowBounds(asOf);
  const asOfMs = ms(asOf);
  const rows = visitRows(input);
  // A visit's window figures count where its wait ended (its counted call's queue, as in the fact
  // and the rollups); its `now` figures count where it is now.
  const scoped = splitByScope(
    { visits: rows, present: rows.filter((v) => v.state !== 'finished'), desks: input.desks },
    KPI_SCOPES.counter,
    {
      visits: (v, kind) => [kind === 'location' ? v.location_id : v.queue_id],
      present: (v, kind) => [kind === 'location' ? v.location_id : v.now_queue_id],
      desks: (d, kind) => (kind === 'location' ? [d.location_id] : d.queue_ids),
    },
  );
  return scoped.map(({ scope, input: part }) => {
    const perWin = perWindow(windows, (bounds) => counterWindow(part.visits, bounds));
    return {
      spec_version: 1,
      tenant,
      domain: 'counter',
      scope,
      as_of: asOf,
      computed_at: settings.computedAt,
      last_event_at: settings.lastEventAt,
      now: counterNow(part.present, part.desks, asOfMs, perWin, scopeNorms(scope, settings)),
      windows: perWin,
    };
  });
}
