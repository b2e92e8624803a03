import type { CanonicalEvent, EventOf } from '@stuurwiel/schemas';
import { type Calendar, createCalendar, dueMs, type Norm } from '../deadlines/index.js';
import type { CallbackFact, CallFact } from '../facts/types.js';
import { amsterdamDateOf, millis, secondsBetween, toUtc } from '../time/instants.js';
import { clone, type ExpiryClock, expiryCutoff, finishedKey, TenantMap } from './common.js';
import { createEntityStore } from './entity-store.js';

/**
 * Open-call and open-callback state per tenant (telephony: call.* and callback.*), pure and
 * replayable.
 *
 * Decisions:
 * - A call ends with `call.ended` (outcome answered), `call.abandoned` (abandoned_in_menu /
 *   abandoned_in_queue by its stage), `call.blocked`, or a `call.transferred` to an `external`
 *   destination before any answer (transferred_out). A transfer to a queue or agent, or any
 *   transfer after the answer, does not end the call: `call.ended` follows.
 * - The fact is emitted when the end is known AND `call.offered` is known (a blocked call needs no
 *   offer: offered_at is then the blocked time and line its line) AND, for `call.ended`, the
 *   answer is known. Out-of-order events wait in the record; `expireIncomplete` handles the rest
 *   (an ended call whose answer never came gets a fact with answered_at and wait null).
 * - `queued_at` is the FIRST `call.queued`, or, when none came before the end, the answer or queue
 *   abandon minus the source's wait: a transfer to another queue does not restart the
 *   caller's wait. `answered_at`/`queue_id`/agent come from the first answer.
 * - `wait_seconds` prefers our timestamps: answer (or abandon, or external transfer) − queued_at,
 *   so it agrees with queued_at and answered_at in the same fact and with the live `inQueue` view.
 *   Only when `call.queued` is missing does it fall back to the source's own `wait_seconds` of
 *   the answer or queue abandon. It is null for menu abandons and blocked calls (no queue wait).
 * - handling = talk + hold + after-call work from `call.ended`; 0 for calls not answered.
 * - Idempotence as in the visit store: event ids per open record, and a bounded set (default
 *   100 000, option `finishedMemory`) of calls and callbacks already closed; later events for
 *   those are ignored.
 * - A request stays open (readable via `openCallbacks`) until its `callback.completed`; a
 *   completion that comes first waits for its request. Open requests do not expire; orphan
 *   completions do. Once the request is known, every change gives a callback fact (open, then
 *   completed), so its on-time share has history; its deadline is the one the live counts use.
 */

export interface CallRecord {
  tenant: string;
  call_id: string;
  event_ids: string[];
  last_seen: string;
  offered: { at: string; line: string; caller_key: string | null } | null;
  menu: { at: string; menu: string; choice: string }[];
  queued: { at: string; queue_id: string }[];
  answers: { at: string; queue_id: string; agent_key: string; wait_seconds: number }[];
  transfers: {
    at: string;
    from_queue_id: string | null;
    to_kind: 'queue' | 'agent' | 'external';
    to_id: string;
  }[];
  abandoned: { at: string; stage: 'menu' | 'queue'; queue_id: string | null; wait_seconds: number } | null;
  blocked: { at: string; line: string; reason: 'busy' | 'closed' | 'capacity' } | null;
  ended: {
    at: string;
    talk_seconds: number;
    hold_seconds: number;
    after_call_work_seconds: number;
    resolved: boolean | null;
  } | null;
}

export interface CallbackRecord {
  tenant: string;
  callback_id: string;
  requested: {
    at: string;
    call_id: string | null;
    queue_id: string | null;
    promise: EventOf<'callback.requested'>['payload']['promise'];
  } | null;
  completed: { at: string; outcome: 'reached' | 'not_reached' | 'cancelled' } | null;
}

export interface CallInQueue {
  call_id: string;
  /** Current queue (latest queued or transfer to a queue). */
  queue_id: string;
  /** First entry into a queue: the service-level wait runs from here. */
  queued_at: string;
  line: string | null;
}

export interface CallInProgress {
  call_id: string;
  queue_id: string;
  agent_key: string;
  answered_at: string;
  line: string | null;
}

export interface OpenCallback {
  callback_id: string;
  requested_at: string;
  call_id: string | null;
  queue_id: string | null;
  promise: { target: number; unit: string };
}

export interface IncompleteCall {
  tenant: string;
  /** call_id, or callback_id for an orphan completion. */
  id: string;
  reason: 'offered_missing' | 'not_finished' | 'callback_request_missing';
  last_seen: string;
}

export interface CallExpiry {
  facts: CallFact[];
  incomplete: IncompleteCall[];
}

export interface CallStoreSnapshot {
  version: 1;
  calls: CallRecord[];
  callbacks: CallbackRecord[];
  finished: string[];
}

export interface CallStore {
  /**
   * Applies one event; returns the facts of calls it completed (zero or one). Callback events are
   * applied too (see applyCallback for their facts); other event types are ignored.
   */
  apply(event: CanonicalEvent): CallFact[];
  /**
   * Applies a callback event; returns the request's fact when the request is known. Other events
   * are ignored.
   */
  applyCallback(event: CanonicalEvent): CallbackFact[];
  inQueue(tenant: string): CallInQueue[];
  inProgress(tenant: string): CallInProgress[];
  openCallbacks(tenant: string): OpenCallback[];
  /** Drops call records not updated (by event time) within `maxAgeMs` before `now`, and orphan callback completions. */
  expireIncomplete(now: ExpiryClock, maxAgeMs: number): CallExpiry;
  snapshot(): CallStoreSnapshot;
  restore(snapshot: CallStoreSnapshot): void;
}

export interface CallStoreOptions {
  /** How many closed call/callback keys to remember for dropping late events (default 100 000). */
  finishedMemory?: number;
  /** One calendar for every tenant's callback promises (default: the Atw calendar); ignored when `calendarOf` is given. */
  calendar?: Calendar;
  /** The service-norm calendar of a tenant (its closing days count), as the live callback counts use. */
  calendarOf?: (tenant: string) => Calendar;
}

type CallEvent = EventOf<
  | 'call.offered'
  | 'call.menu_choice'
  | 'call.queued'
  | 'call.answered'
  | 'call.abandoned'
  | 'call.blocked'
  | 'call.transferred'
  | 'call.ended'
>;
type CallbackEvent = EventOf<'callback.requested' | 'callback.completed'>;

const byTime = <T extends { at: string }>(items: readonly T[]): T[] =>
  [...items].sort((a, b) => millis(a.at) - millis(b.at));

function transferOut(record: CallRecord): CallRecord['transfers'][number] | null {
  const firstAnswer = byTime(record.answers)[0];
  return (
    byTime(record.transfers).find(
      (t) => t.to_kind === 'external' && (!firstAnswer || millis(t.at) < millis(firstAnswer.at)),
    ) ?? null
  );
}

type End =
  | { outcome: 'answered'; at: string }
  | { outcome: 'abandoned_in_menu' | 'abandoned_in_queue'; at: string }
  | { outcome: 'blocked'; at: string }
  | { outcome: 'transferred_out'; at: string };

function endOf(record: CallRecord): End | null {
  if (record.blocked) return { outcome: 'blocked', at: record.blocked.at };
  if (record.abandoned)
    return {
      outcome: record.abandoned.stage === 'menu' ? 'abandoned_in_menu' : 'abandoned_in_queue',
      at: record.abandoned.at,
    };
  if (record.ended) return { outcome: 'answered', at: record.ended.at };
  const out = transferOut(record);
  return out ? { outcome: 'transferred_out', at: out.at } : null;
}

function buildFact(record: CallRecord, end: End): CallFact {
  const queued = byTime(record.queued)[0] ?? null;
  const answer = byTime(record.answers)[0] ?? null;
  const lastQueued = byTime(record.queued).at(-1) ?? null;
  const ended = end.outcome === 'answered' ? record.ended : null;
  let wait: number | null = null;
  switch (end.outcome) {
    case 'answered':
      if (answer) wait = queued ? secondsBetween(queued.at, answer.at) : answer.wait_seconds;
      break;
    case 'abandoned_in_queue':
      wait = queued ? secondsBetween(queued.at, end.at) : (record.abandoned?.wait_seconds ?? null);
      break;
    case 'transferred_out':
      wait = queued ? secondsBetween(queued.at, end.at) : null;
      break;
    default:
      wait = null;
  }
  const talk = ended?.talk_seconds ?? 0;
  const hold = ended?.hold_seconds ?? 0;
  const acw = ended?.after_call_work_seconds ?? 0;
  return {
    tenant: record.tenant,
    call_id: record.call_id,
    line: record.offered?.line ?? record.blocked?.line ?? null,
    queue_id:
      answer?.queue_id ??
      record.abandoned?.queue_id ??
      lastQueued?.queue_id ??
      byTime(record.transfers).find((t) => t.from_queue_id !== null)?.from_queue_id ??
      null,
    caller_key: record.offered?.caller_key ?? null,
    offered_at: record.offered?.at ?? end.at,
    queued_at: queued?.at ?? queuedFromWait(record, end, answer) ?? null,
    answered_at: answer?.at ?? null,
    ended_at: end.at,
    outcome: end.outcome,
    wait_seconds: wait,
    talk_seconds: talk,
    hold_seconds: hold,
    after_call_work_seconds: acw,
    handling_seconds: talk + hold + acw,
    transfers: record.transfers.length,
    resolved: ended?.resolved ?? null,
  };
}

/**
 * A call answered or abandoned in a queue was queued, even when its `call.queued` has not come
 * (it may arrive after the end, when the fact is already out): the source's own wait tells when.
 */
function queuedFromWait(
  record: CallRecord,
  end: End,
  answer: CallRecord['answers'][number] | null | undefined,
): string | null {
  const wait =
    end.outcome === 'abandoned_in_queue'
      ? record.abandoned?.wait_seconds
      : answer
        ? answer.wait_seconds
        : undefined;
  if (wait === undefined) return null;
  const at = end.outcome === 'abandoned_in_queue' ? end.at : answer!.at;
  return new Date(millis(at) - wait * 1000).toISOString();
}

function readyEnd(record: CallRecord): End | null {
  const end = endOf(record);
  if (!end) return null;
  if (end.outcome === 'blocked') return end;
  if (!record.offered) return null;
  if (end.outcome === 'answered' && record.answers.length === 0) return null;
  return end;
}

// Completed facts rank above open ones, and a later request above an earlier one (request times
// in seconds stay far below this): the facts table keeps the most complete state whatever order
// replicas or replays insert them in.
const COMPLETED_VERSION = 10_000_000_000;

function callbackFact(record: CallbackRecord, calendar: Calendar): CallbackFact {
  const requested = record.requested!;
  const promise = requested.promise as Norm;
  const due = dueMs(calendar, requested.at, promise);
  const completed = record.completed;
  const requestDay = amsterdamDateOf(millis(requested.at));
  return {
    tenant: record.tenant,
    callback_id: record.callback_id,
    call_id: requested.call_id,
    queue_id: requested.queue_id,
    requested_at: requested.at,
    promise_target: promise.target,
    promise_unit: promise.unit,
    due_at: new Date(due).toISOString(),
    completed_at: completed?.at ?? null,
    outcome: completed?.outcome ?? null,
    status: completed ? 'completed' : 'open',
    on_time: !completed || completed.outcome === 'cancelled' ? null : millis(completed.at) <= due,
    working_days: completed
      ? calendar.workingDaysBetween(
          requestDay,
          calendar.nextWorkingDayOnOrAfter(amsterdamDateOf(millis(completed.at))),
        )
      : null,
    version: (completed ? COMPLETED_VERSION : 0) + Math.floor(millis(requested.at) / 1000),
  };
}

const newCall = (tenant: string, call_id: string, at: string): CallRecord => ({
  tenant,
  call_id,
  event_ids: [],
  last_seen: at,
  offered: null,
  menu: [],
  queued: [],
  answers: [],
  transfers: [],
  abandoned: null,
  blocked: null,
  ended: null,
});

export function createCallStore(options: CallStoreOptions = {}): CallStore {
  const calls = createEntityStore<CallRecord>({
    kind: 'call',
    idOf: (record) => record.call_id,
    create: newCall,
    finishedMemory: options.finishedMemory,
  });
  // Callbacks share the memory of finished keys; their records need no event ids (their facts
  // are derived again from the request on every change).
  const callbacks = new TenantMap<CallbackRecord>();
  const { finished } = calls;
  const single = options.calendar ?? createCalendar();
  const calendarOf = options.calendarOf ?? (() => single);

  const closeCallback = (record: CallbackRecord) => {
    callbacks.delete(record.tenant, record.callback_id);
    finished.add(finishedKey(record.tenant, 'callback', record.callback_id));
  };

  function applyCall(event: CallEvent): CallFact[] {
    const at = toUtc(event.occurred_at);
    const record = calls.recordFor(event.tenant, event.payload.call_id, event.event_id, at);
    if (!record) return [];

    switch (event.type) {
      case 'call.offered': {
        const p = event.payload;
        if (!record.offered || millis(at) < millis(record.offered.at)) {
          record.offered = { at, line: p.line, caller_key: p.caller_key ?? null };
        }
        break;
      }
      case 'call.menu_choice':
        record.menu.push({ at, menu: event.payload.menu, choice: event.payload.choice });
        break;
      case 'call.queued':
        record.queued.push({ at, queue_id: event.payload.queue_id });
        break;
      case 'call.answered': {
        const p = event.payload;
        record.answers.push({
          at,
          queue_id: p.queue_id,
          agent_key: p.agent_key,
          wait_seconds: p.wait_seconds,
        });
        break;
      }
      case 'call.abandoned': {
        const p = event.payload;
        record.abandoned = { at, stage: p.stage, queue_id: p.queue_id ?? null, wait_seconds: p.wait_seconds };
        break;
      }
      case 'call.blocked':
        record.blocked = { at, line: event.payload.line, reason: event.payload.reason };
        break;
      case 'call.transferred': {
        const p = event.payload;
        record.transfers.push({
          at,
          from_queue_id: p.from_queue_id ?? null,
          to_kind: p.to.kind,
          to_id: p.to.id,
        });
        break;
      }
      case 'call.ended': {
        const p = event.payload;
        record.ended = {
          at,
          talk_seconds: p.talk_seconds,
          hold_seconds: p.hold_seconds,
          after_call_work_seconds: p.after_call_work_seconds,
          resolved: p.resolved ?? null,
        };
        break;
      }
    }

    const end = readyEnd(record);
    if (!end) return [];
    const fact = buildFact(record, end);
    calls.close(record);
    return [fact];
  }

  function applyCallback(event: CallbackEvent): CallbackFact[] {
    const { tenant } = event;
    const id = event.payload.callback_id;
    if (finished.has(finishedKey(tenant, 'callback', id))) return [];
    const at = toUtc(event.occurred_at);
    const record = callbacks.get(tenant, id) ?? { tenant, callback_id: id, requested: null, completed: null };
    callbacks.set(tenant, id, record);
    if (event.type === 'callback.requested') {
      const p = event.payload;
      // Rebooking with the same id: the latest request counts.
      if (!record.requested || millis(at) >= millis(record.requested.at)) {
        record.requested = {
          at,
          call_id: p.call_id ?? null,
          queue_id: p.queue_id ?? null,
          promise: { ...p.promise },
        };
      }
    } else {
      record.completed = { at, outcome: event.payload.outcome };
    }
    if (!record.requested) return [];
    if (record.completed) closeCallback(record);
    return [callbackFact(record, calendarOf(tenant))];
  }

  return {
    applyCallback: (event) =>
      event.type === 'callback.requested' || event.type === 'callback.completed' ? applyCallback(event) : [],
    apply(event) {
      switch (event.type) {
        case 'call.offered':
        case 'call.menu_choice':
        case 'call.queued':
        case 'call.answered':
        case 'call.abandoned':
        case 'call.blocked':
        case 'call.transferred':
        case 'call.ended':
          return applyCall(event);
        case 'callback.requested':
        case 'callback.completed':
          applyCallback(event);
          return [];
        default:
          return [];
      }
    },

    inQueue(tenant) {
      const out: CallInQueue[] = [];
      for (const record of calls.open(tenant)) {
        if (record.answers.length > 0 || endOf(record)) continue;
        const first = byTime(record.queued)[0];
        if (!first) continue;
        const current = byTime([
          ...record.queued.map((q) => ({ at: q.at, queue_id: q.queue_id })),
          ...record.transfers
            .filter((t) => t.to_kind === 'queue')
            .map((t) => ({ at: t.at, queue_id: t.to_id })),
        ]).at(-1)!;
        out.push({
          call_id: record.call_id,
          queue_id: current.queue_id,
          queued_at: first.at,
          line: record.offered?.line ?? null,
        });
      }
      return out.sort((a, b) => millis(a.queued_at) - millis(b.queued_at));
    },

    inProgress(tenant) {
      const out: CallInProgress[] = [];
      for (const record of calls.open(tenant)) {
        if (endOf(record)) continue;
        const answer = byTime(record.answers).at(-1);
        if (!answer) continue;
        out.push({
          call_id: record.call_id,
          queue_id: answer.queue_id,
          agent_key: answer.agent_key,
          answered_at: byTime(record.answers)[0]!.at,
          line: record.offered?.line ?? null,
        });
      }
      return out.sort((a, b) => millis(a.answered_at) - millis(b.answered_at));
    },

    openCallbacks(tenant) {
      return callbacks
        .of(tenant)
        .filter((c) => c.requested && !c.completed)
        .map((c) => ({
          callback_id: c.callback_id,
          requested_at: c.requested!.at,
          call_id: c.requested!.call_id,
          queue_id: c.requested!.queue_id,
          promise: { ...c.requested!.promise },
        }))
        .sort((a, b) => millis(a.requested_at) - millis(b.requested_at));
    },

    expireIncomplete(now, maxAgeMs) {
      const cutoffOf = expiryCutoff(now, maxAgeMs);
      const result: CallExpiry = { facts: [], incomplete: [] };
      for (const record of calls.idle(now, maxAgeMs)) {
        const end = endOf(record);
        if (end && (record.offered || end.outcome === 'blocked')) {
          result.facts.push(buildFact(record, end));
        } else {
          result.incomplete.push({
            tenant: record.tenant,
            id: record.call_id,
            reason: end ? 'offered_missing' : 'not_finished',
            last_seen: record.last_seen,
          });
        }
        calls.close(record);
      }
      for (const record of callbacks.all()) {
        if (record.requested || !record.completed || millis(record.completed.at) > cutoffOf(record.tenant))
          continue;
        result.incomplete.push({
          tenant: record.tenant,
          id: record.callback_id,
          reason: 'callback_request_missing',
          last_seen: record.completed.at,
        });
        closeCallback(record);
      }
      return result;
    },

    snapshot() {
      const { open, finished } = calls.snapshot();
      return { version: 1, calls: open, callbacks: clone(callbacks.all()), finished };
    },

    restore(snapshot) {
      if (snapshot.version !== 1)
        throw new Error(`unsupported call snapshot version ${String(snapshot.version)}`);
      calls.restore({ open: snapshot.calls, finished: snapshot.finished });
      callbacks.clear();
      for (const record of clone(snapshot.callbacks))
        callbacks.set(record.tenant, record.callback_id, record);
    },
  };
}
