import type { CanonicalEvent, EventOf } from '@stuurwiel/schemas';
import type { VisitFact } from '../facts/types.js';
import { later, millis, secondsBetween, toUtc } from '../time/instants.js';
import { clone, type ExpiryClock, TenantMap } from './common.js';
import { createEntityStore } from './entity-store.js';

/**
 * Open-visit state per tenant (queue management: visit.* and desk.*), pure and replayable.
 *
 * Decisions:
 * - Order: events of one visit may come in any order. A record keeps what is known; the fact is
 *   emitted once the visit is finished AND its arrival is known AND, for outcome `served` or
 *   `no_show` (both imply a call), at least one call is known. What never completes is handled by
 *   `expireIncomplete`.
 * - Calls and transfers are put in occurred_at order (a call sorts before a transfer at the same
 *   instant). An episode is a run of calls not separated by a transfer; a transfer that comes
 *   before any call does not end the wait: the visitor keeps waiting in the new queue.
 * - The counted call is the LAST call of the FIRST episode (a recall within an episode replaces
 *   the earlier call). `called_at`, `desk_id` and `queue_id` come from it; `wait_seconds` runs from
 *   the original arrival (appointment: max(arrival, appointment_start)) to it, never below 0;
 *   `service_seconds` runs from it to `finished`, so service at later desks after a transfer is
 *   service time, not wait. `recalls` counts calls beyond the first in each episode; `transfers`
 *   counts all transfers.
 * - Without a call (left, removed) `queue_id` is the finished event's queue, else the last
 *   queue transferred to, else the arrival queue.
 * - Idempotence: each open record keeps the event ids it applied; a repeated id changes nothing.
 *   After a visit's fact is emitted (or it expired) its key goes into a bounded set (default
 *   100 000 keys per store, option `finishedMemory`, oldest forgotten first) and every later event
 *   of that visit is ignored. A duplicate older than the bound re-opens a partial record, which
 *   ends in `expireIncomplete`; facts are keyed by visit id, so a re-emitted fact would replace,
 *   not add.
 * - Visit ids are taken to be unique per tenant (not reused by the source system within the
 *   bound).
 * - Desks: the latest desk.opened/closed by occurred_at wins; an older event changes nothing.
 */

export interface VisitArrival {
  at: string;
  location_id: string;
  queue_id: string;
  kind: 'walk_in' | 'appointment';
  appointment_start: string | null;
  products: string[];
}

export interface VisitCall {
  at: string;
  location_id: string;
  queue_id: string;
  desk_id: string;
  recall: boolean;
}

export interface VisitTransfer {
  at: string;
  from_queue_id: string;
  to_kind: 'queue' | 'desk' | 'staff';
  to_id: string;
}

export interface VisitFinish {
  at: string;
  location_id: string;
  queue_id: string | null;
  desk_id: string | null;
  outcome: VisitFact['outcome'];
  products: string[];
}

export interface VisitRecord {
  tenant: string;
  visit_id: string;
  event_ids: string[];
  /** Latest occurred_at among the applied events (UTC). */
  last_seen: string;
  arrived: VisitArrival | null;
  calls: VisitCall[];
  transfers: VisitTransfer[];
  finished: VisitFinish | null;
}

export interface DeskRecord {
  tenant: string;
  desk_id: string;
  location_id: string;
  open: boolean;
  queue_ids: string[];
  staff_key: string | null;
  /** occurred_at of the desk event that set this state (UTC). */
  since: string;
}

export interface WaitingVisit {
  visit_id: string;
  location_id: string;
  /** Current queue (after transfers). */
  queue_id: string;
  kind: 'walk_in' | 'appointment';
  arrived_at: string;
  appointment_start: string | null;
  /** Arrival, or the transfer that put the visit back in a queue after a call. */
  waiting_since: string;
  /** When it was already called before (then sent back to a queue): its counted call. */
  counted_called_at: string | null;
  /** Queue of that counted call: the queue its figures count for (as in the fact). */
  counted_queue_id: string | null;
}

export interface VisitInService {
  visit_id: string;
  location_id: string;
  queue_id: string;
  desk_id: string;
  kind: 'walk_in' | 'appointment' | null;
  arrived_at: string | null;
  appointment_start: string | null;
  /** Latest call. */
  called_at: string;
  /** The counted call (last call of the first episode): the wait ends there. */
  counted_called_at: string;
  /** Queue of that counted call: the queue its figures count for (as in the fact). */
  counted_queue_id: string;
}

export interface OpenDesk {
  desk_id: string;
  location_id: string;
  queue_ids: string[];
  staff_key: string | null;
  opened_at: string;
}

export interface IncompleteVisit {
  tenant: string;
  visit_id: string;
  reason: 'arrival_missing' | 'not_finished';
  last_seen: string;
  record: VisitRecord;
}

export interface VisitExpiry {
  /** Facts derived from finished visits whose call never came (called_at null). */
  facts: VisitFact[];
  /** Records dropped without a fact. */
  incomplete: IncompleteVisit[];
}

export interface VisitStoreSnapshot {
  version: 1;
  visits: VisitRecord[];
  desks: DeskRecord[];
  finished: string[];
}

export interface VisitStore {
  /** Applies one event; returns the facts of visits it completed (zero or one). Other event types are ignored. */
  apply(event: CanonicalEvent): VisitFact[];
  waiting(tenant: string): WaitingVisit[];
  inService(tenant: string): VisitInService[];
  openDesks(tenant: string): OpenDesk[];
  /** Drops records not updated (by event time) within `maxAgeMs` before `now`. */
  expireIncomplete(now: ExpiryClock, maxAgeMs: number): VisitExpiry;
  snapshot(): VisitStoreSnapshot;
  restore(snapshot: VisitStoreSnapshot): void;
}

export interface VisitStoreOptions {
  /** How many finished visit keys to remember for dropping late events (default 100 000). */
  finishedMemory?: number;
}

type VisitEvent = EventOf<'visit.arrived' | 'visit.called' | 'visit.finished' | 'visit.transferred'>;
type DeskEvent = EventOf<'desk.opened' | 'desk.closed'>;

type Step = { kind: 'call'; call: VisitCall } | { kind: 'transfer'; transfer: VisitTransfer };

function timeline(record: VisitRecord): Step[] {
  const steps: Step[] = [
    ...record.calls.map((call): Step => ({ kind: 'call', call })),
    ...record.transfers.map((transfer): Step => ({ kind: 'transfer', transfer })),
  ];
  const at = (s: Step) => millis(s.kind === 'call' ? s.call.at : s.transfer.at);
  return steps.sort((a, b) => at(a) - at(b) || (a.kind === b.kind ? 0 : a.kind === 'call' ? -1 : 1));
}

/** The counted call (last call of the first episode) and the number of recalls. */
function countedCall(record: VisitRecord): { call: VisitCall | null; recalls: number } {
  let counted: VisitCall | null = null;
  let closed = false;
  let inEpisode = 0;
  let recalls = 0;
  for (const step of timeline(record)) {
    if (step.kind === 'call') {
      if (!closed) counted = step.call;
      inEpisode += 1;
      if (inEpisode > 1) recalls += 1;
    } else if (inEpisode > 0) {
      closed = true;
      inEpisode = 0;
    }
  }
  return { call: counted, recalls };
}

function lastQueue(record: VisitRecord, arrival: VisitArrival): string {
  const toQueue = record.transfers
    .filter((t) => t.to_kind === 'queue')
    .sort((a, b) => millis(a.at) - millis(b.at))
    .at(-1);
  return toQueue?.to_id ?? arrival.queue_id;
}

function buildFact(record: VisitRecord, arrival: VisitArrival, finish: VisitFinish): VisitFact {
  const { call, recalls } = countedCall(record);
  const waitFrom =
    arrival.kind === 'appointment' && arrival.appointment_start !== null
      ? later(arrival.at, arrival.appointment_start)
      : arrival.at;
  return {
    tenant: record.tenant,
    visit_id: record.visit_id,
    location_id: arrival.location_id,
    queue_id: call?.queue_id ?? finish.queue_id ?? lastQueue(record, arrival),
    desk_id: call?.desk_id ?? null,
    kind: arrival.kind,
    products: finish.products.length > 0 ? [...finish.products] : [...arrival.products],
    arrived_at: arrival.at,
    appointment_start: arrival.appointment_start,
    called_at: call?.at ?? null,
    finished_at: finish.at,
    outcome: finish.outcome,
    wait_seconds: call ? secondsBetween(waitFrom, call.at) : null,
    service_seconds: call ? secondsBetween(call.at, finish.at) : null,
    transfers: record.transfers.length,
    recalls,
  };
}

function isComplete(record: VisitRecord): boolean {
  const { arrived, finished } = record;
  if (!arrived || !finished) return false;
  const needsCall = finished.outcome === 'served' || finished.outcome === 'no_show';
  return !needsCall || record.calls.length > 0;
}

const newVisit = (tenant: string, visit_id: string, at: string): VisitRecord => ({
  tenant,
  visit_id,
  event_ids: [],
  last_seen: at,
  arrived: null,
  calls: [],
  transfers: [],
  finished: null,
});

export function createVisitStore(options: VisitStoreOptions = {}): VisitStore {
  const visits = createEntityStore<VisitRecord>({
    kind: 'visit',
    idOf: (record) => record.visit_id,
    create: newVisit,
    finishedMemory: options.finishedMemory,
  });
  const desks = new TenantMap<DeskRecord>();

  function applyVisit(event: VisitEvent): VisitFact[] {
    const at = toUtc(event.occurred_at);
    const record = visits.recordFor(event.tenant, event.payload.visit_id, event.event_id, at);
    if (!record) return [];

    switch (event.type) {
      case 'visit.arrived': {
        const p = event.payload;
        // A second, different arrival for the same visit: keep the earliest.
        if (!record.arrived || millis(at) < millis(record.arrived.at)) {
          record.arrived = {
            at,
            location_id: p.location_id,
            queue_id: p.queue_id,
            kind: p.kind,
            appointment_start: p.appointment_start === undefined ? null : toUtc(p.appointment_start),
            products: [...p.products],
          };
        }
        break;
      }
      case 'visit.called': {
        const p = event.payload;
        record.calls.push({
          at,
          location_id: p.location_id,
          queue_id: p.queue_id,
          desk_id: p.desk_id,
          recall: p.recall,
        });
        break;
      }
      case 'visit.transferred': {
        const p = event.payload;
        record.transfers.push({ at, from_queue_id: p.from_queue_id, to_kind: p.to.kind, to_id: p.to.id });
        break;
      }
      case 'visit.finished': {
        const p = event.payload;
        // A second, different finish: keep the latest.
        if (!record.finished || millis(at) >= millis(record.finished.at)) {
          record.finished = {
            at,
            location_id: p.location_id,
            queue_id: p.queue_id ?? null,
            desk_id: p.desk_id ?? null,
            outcome: p.outcome,
            products: [...p.products],
          };
        }
        break;
      }
    }

    if (!isComplete(record)) return [];
    const fact = buildFact(record, record.arrived!, record.finished!);
    visits.close(record);
    return [fact];
  }

  function applyDesk(event: DeskEvent): void {
    const { tenant } = event;
    const at = toUtc(event.occurred_at);
    const current = desks.get(tenant, event.payload.desk_id);
    if (current && millis(at) < millis(current.since)) return;
    if (event.type === 'desk.opened') {
      desks.set(tenant, event.payload.desk_id, {
        tenant,
        desk_id: event.payload.desk_id,
        location_id: event.payload.location_id,
        open: true,
        queue_ids: [...event.payload.queue_ids],
        staff_key: event.payload.staff_key ?? null,
        since: at,
      });
    } else {
      desks.set(tenant, event.payload.desk_id, {
        tenant,
        desk_id: event.payload.desk_id,
        location_id: event.payload.location_id,
        open: false,
        queue_ids: [],
        staff_key: null,
        since: at,
      });
    }
  }

  return {
    apply(event) {
      switch (event.type) {
        case 'visit.arrived':
        case 'visit.called':
        case 'visit.finished':
        case 'visit.transferred':
          return applyVisit(event);
        case 'desk.opened':
        case 'desk.closed':
          applyDesk(event);
          return [];
        default:
          return [];
      }
    },

    waiting(tenant) {
      const out: WaitingVisit[] = [];
      for (const record of visits.open(tenant)) {
        const arrival = record.arrived;
        if (!arrival || record.finished) continue;
        const steps = timeline(record);
        const last = steps.at(-1);
        if (last?.kind === 'call') continue;
        const called = steps.some((s) => s.kind === 'call');
        out.push({
          visit_id: record.visit_id,
          location_id: arrival.location_id,
          queue_id: lastQueue(record, arrival),
          kind: arrival.kind,
          arrived_at: arrival.at,
          appointment_start: arrival.appointment_start,
          waiting_since: called && last?.kind === 'transfer' ? last.transfer.at : arrival.at,
          counted_called_at: called ? (countedCall(record).call?.at ?? null) : null,
          counted_queue_id: called ? (countedCall(record).call?.queue_id ?? null) : null,
        });
      }
      return out.sort((a, b) => millis(a.arrived_at) - millis(b.arrived_at));
    },

    inService(tenant) {
      const out: VisitInService[] = [];
      for (const record of visits.open(tenant)) {
        if (record.finished) continue;
        const last = timeline(record).at(-1);
        if (last?.kind !== 'call') continue;
        out.push({
          visit_id: record.visit_id,
          location_id: last.call.location_id,
          queue_id: last.call.queue_id,
          desk_id: last.call.desk_id,
          kind: record.arrived?.kind ?? null,
          arrived_at: record.arrived?.at ?? null,
          appointment_start: record.arrived?.appointment_start ?? null,
          called_at: last.call.at,
          counted_called_at: countedCall(record).call?.at ?? last.call.at,
          counted_queue_id: countedCall(record).call?.queue_id ?? last.call.queue_id,
        });
      }
      return out.sort((a, b) => millis(a.called_at) - millis(b.called_at));
    },

    openDesks(tenant) {
      return desks
        .of(tenant)
        .filter((d) => d.open)
        .map((d) => ({
          desk_id: d.desk_id,
          location_id: d.location_id,
          queue_ids: [...d.queue_ids],
          staff_key: d.staff_key,
          opened_at: d.since,
        }))
        .sort((a, b) => (a.desk_id < b.desk_id ? -1 : a.desk_id > b.desk_id ? 1 : 0));
    },

    expireIncomplete(now, maxAgeMs) {
      const result: VisitExpiry = { facts: [], incomplete: [] };
      for (const record of visits.idle(now, maxAgeMs)) {
        if (record.finished && record.arrived) {
          result.facts.push(buildFact(record, record.arrived, record.finished));
        } else {
          result.incomplete.push({
            tenant: record.tenant,
            visit_id: record.visit_id,
            reason: record.finished ? 'arrival_missing' : 'not_finished',
            last_seen: record.last_seen,
            record: clone(record),
          });
        }
        visits.close(record);
      }
      return result;
    },

    snapshot() {
      const { open, finished } = visits.snapshot();
      return { version: 1, visits: open, desks: clone(desks.all()), finished };
    },

    restore(snapshot) {
      if (snapshot.version !== 1)
        throw new Error(`unsupported visit snapshot version ${String(snapshot.version)}`);
      visits.restore({ open: snapshot.visits, finished: snapshot.finished });
      desks.clear();
      for (const desk of clone(snapshot.desks)) desks.set(desk.tenant, desk.desk_id, desk);
    },
  };
}
