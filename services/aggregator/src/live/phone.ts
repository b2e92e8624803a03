import { KPI_SCOPES, type KpiScope, type KpiSnapshotOf } from '@stuurwiel/schemas';
import { dueMs } from '../deadlines/index.js';
import type { CallFact } from '../facts/types.js';
import { ms, secondsSince } from '../time/instants.js';
import type { OpenCallback, PhoneInput, PhoneSettings } from './inputs.js';
import { splitByScope } from './scopes.js';
import { durationStats, share } from './stats.js';
import { inWindow, perWindow, type WindowBounds, windowBounds } from './windows.js';

type PhoneSnapshot = KpiSnapshotOf<'phone'>;

export const DEFAULT_ANSWER_NORM_SECONDS = 30;
export const DEFAULT_SHORT_ABANDON_SECONDS = 5;

/** The norm a scope reports: a queue's own norm, else the tenant's, else 30 s. */
export function answerNormFor(scope: KpiScope, settings: PhoneSettings): number {
  const tenantNorm = settings.answerNormSeconds ?? DEFAULT_ANSWER_NORM_SECONDS;
  if (scope.kind !== 'queue' || scope.id == null) return tenantNorm;
  return settings.answerNormSecondsByQueue?.[scope.id] ?? tenantNorm;
}

/**
 * Offered to a queue: it entered one, or it left one (a queue abandon, or an answer whose source
 * wait is known even though our `call.queued` went missing). Keeps answered_within_norm ≤ queued.
 */
function wasQueued(f: CallFact): boolean {
  return (
    f.queued_at != null ||
    f.outcome === 'abandoned_in_queue' ||
    (f.outcome === 'answered' && f.wait_seconds != null)
  );
}

/** A finished call with its end parsed once: the day log hands out the same fact every second. */
interface CallRow {
  fact: CallFact;
  endedMs: number;
}
const callRows = new WeakMap<CallFact, CallRow>();

function callRow(fact: CallFact): CallRow {
  let row = callRows.get(fact);
  if (!row) {
    row = { fact, endedMs: ms(fact.ended_at) };
    callRows.set(fact, row);
  }
  return row;
}

function phoneWindow(
  calls: readonly CallRow[],
  bounds: WindowBounds,
  normSeconds: number,
  shortSeconds: number,
): PhoneSnapshot['windows']['15m'] {
  let ended = 0;
  let queued = 0;
  let answered = 0;
  let withinNorm = 0;
  let abandoned = 0;
  let abandonedShort = 0;
  let inMenu = 0;
  let blocked = 0;
  const answerWaits: number[] = [];
  const handling: number[] = [];

  for (const { fact: f, endedMs } of calls) {
    if (!inWindow(bounds, endedMs)) continue;
    ended += 1;
    const offered = wasQueued(f);
    if (offered) queued += 1;
    switch (f.outcome) {
      case 'answered':
        answered += 1;
        handling.push(f.handling_seconds);
        if (f.wait_seconds != null) {
          answerWaits.push(f.wait_seconds);
          if (offered && f.wait_seconds <= normSeconds) withinNorm += 1;
        }
        break;
      case 'abandoned_in_queue':
        abandoned += 1;
        if (f.wait_seconds != null && f.wait_seconds < shortSeconds) abandonedShort += 1;
        break;
      case 'abandoned_in_menu':
        inMenu += 1;
        break;
      case 'blocked':
        blocked += 1;
        break;
      case 'transferred_out':
        break;
    }
  }

  const offeredNet = queued - abandonedShort;
  const asa = answerWaits.length === 0 ? null : answerWaits.reduce((a, b) => a + b, 0) / answerWaits.length;
  return {
    ended,
    queued,
    answered,
    answered_within_norm: withinNorm,
    abandoned_in_queue: abandoned,
    abandoned_short: abandonedShort,
    abandoned_in_menu: inMenu,
    blocked,
    service_level: share(withinNorm, offeredNet),
    service_level_of_answered: share(withinNorm, answered),
    average_speed_of_answer_seconds: asa,
    abandonment_rate: share(abandoned - abandonedShort, offeredNet),
    handling: durationStats(handling),
  };
}

interface CallbackCounts {
  due_today: number;
  overdue: number;
}

/** Due today: the promise ends before the next Amsterdam midnight and has not passed yet. */
function callbackCounts(
  callbacks: readonly OpenCallback[],
  asOfMs: number,
  endOfTodayMs: number,
  settings: PhoneSettings,
): CallbackCounts {
  let dueToday = 0;
  let overdue = 0;
  for (const c of callbacks) {
    const due = dueMs(settings.calendar, c.requested_at, c.promise);
    if (asOfMs > due) overdue += 1;
    else if (due < endOfTodayMs) dueToday += 1;
  }
  return { due_today: dueToday, overdue };
}

export function computePhoneSnapshots(
  tenant: string,
  input: PhoneInput,
  asOf: string,
  settings: PhoneSettings,
): PhoneSnapshot[] {
  const windows = windowBounds(asOf);
  const asOfMs = ms(asOf);
  const endOfTodayMs = windows.today.nextMidnightMs;
  const shortSeconds = settings.shortAbandonSeconds ?? DEFAULT_SHORT_ABANDON_SECONDS;
  const finishedIds = new Set(input.finished.map((f) => f.call_id));
  const live = {
    inQueue: input.inQueue.filter((c) => !finishedIds.has(c.call_id)),
    inProgress: input.inProgress.filter((c) => !finishedIds.has(c.call_id)),
    callbacks: input.callbacks,
    finished: input.finished.map(callRow),
  };
  const scoped = splitByScope(live, KPI_SCOPES.phone, {
    inQueue: (c) => [c.queue_id],
    inProgress: (c) => [c.queue_id],
    callbacks: (c) => [c.queue_id],
    finished: (c) => [c.fact.queue_id],
  });

  return scoped.map(({ scope, input: part }) => {
    const normSeconds = answerNormFor(scope, settings);
    let longest: number | null = null;
    let overNorm = 0;
    for (const c of part.inQueue) {
      const wait = secondsSince(ms(c.queued_at), asOfMs);
      if (wait > normSeconds) overNorm += 1;
      if (longest === null || wait > longest) longest = wait;
    }
    const cb = callbackCounts(part.callbacks, asOfMs, endOfTodayMs, settings);
    return {
      spec_version: 1,
      tenant,
      domain: 'phone',
      scope,
      as_of: asOf,
      computed_at: settings.computedAt,
      last_event_at: settings.lastEventAt,
      now: {
        calls_waiting: part.inQueue.length,
        longest_wait_seconds: longest,
        calls_over_norm: overNorm,
        calls_in_progress: part.inProgress.length,
        callbacks_open: part.callbacks.length,
        callbacks_due_today: cb.due_today,
        callbacks_overdue: cb.overdue,
        norm_seconds: normSeconds,
        short_abandon_seconds: shortSeconds,
      },
      windows: perWindow(windows, (bounds) => phoneWindow(part.finished, bounds, normSeconds, shortSeconds)),
    };
  });
}
