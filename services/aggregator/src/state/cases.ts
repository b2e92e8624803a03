import { Temporal } from '@js-temporal/polyfill';
import type { CanonicalEvent, EventOf } from '@stuurwiel/schemas';
import {
  type Calendar,
  type CalendarBook,
  computeDeadline,
  createCalendarBook,
  type Norm,
  parseDate,
  singleCalendarBook,
  TIME_ZONE,
} from '../deadlines/index.js';
import type { CaseFact } from '../facts/types.js';
import { dayOf, millis, toUtc } from '../time/instants.js';
import type { ExpiryClock } from './common.js';
import { createEntityStore } from './entity-store.js';

/**
 * Case (zaak) state per tenant, pure and replayable.
 *
 * Decisions:
 * - Order: events of a case may come in any order; everything is derived from what is known,
 *   sorted by event time, so the same events give the same fact in any order. A case gets
 *   facts once its `case.created` is known; before that the record only collects events.
 * - Suspension is a state, not an event count: suspended/resumed events are put in time order
 *   and walked; a `case.suspended` while suspended changes nothing (ZGW re-sends it on every
 *   change of the case) except a later `until`, a `case.resumed` while running changes nothing.
 * - Suspension per Awb 4:15 lid 1: `case.suspended` is the day the applicant was asked to
 *   complete the application; the term stands still from the day AFTER that up to the day it was
 *   completed (`case.resumed`), that day not counted: asked Monday, completed Friday → Tuesday to
 *   Thursday, 3 days. So the deadlines module gets [asked + 1, resumed) as Amsterdam dates.
 * - A suspension with `until` (the end of the period given to complete) ends by law on that day
 *   if nothing came in: it counts as resumed on `until`, and a later resumption cannot lengthen
 *   it. The facts cannot know today, so a fact keeps such a case suspended until an event says
 *   otherwise; `open(tenant, today)` applies it.
 * - Calendars: the legal lead time counts on the Algemene termijnenwet calendar (the municipality's
 *   closing days are working days for it); the service norm on the municipality's service
 *   calendar, which also closes its closing days (`CalendarBook`).
 * - Deadline: computed by `computeDeadline`. The norm that counts is the case type's service norm
 *   when it has one (the stricter one the municipality steers on), else the legal lead time;
 *   `legal_due_date` always uses the lead time. While suspended, the due date is the one "as if
 *   resumed on the first day it stood still": the days left are frozen at the suspension, in the
 *   fact and live alike.
 * - Extensions: a zaak has one extension; each `case.extended` states the one in force (working
 *   days or calendar weeks), and the latest by event time counts: a correction from 10 to 15
 *   working days gives 15, not 25.
 * - Several `case.created`: the earliest counts; several `case.closed`: the latest counts (a
 *   correction). Status: the latest `case.status_changed` by event time, then sequence.
 * - A closed case's suspension still running ends on its end date; suspensions are clipped
 *   to the end date.
 * - Facts: after every event the fact is derived again and returned if anything but its version
 *   changed; `version` = number of distinct events applied, which grows with every change in
 *   any order.
 * - Memory: a closed case's record is kept (option `closedMemory`, default 10 000, oldest
 *   dropped first) so late events still correct its fact; after that only its key is remembered
 *   (`finishedMemory`) and its events are ignored. Records without `case.created` are dropped
 *   by `expireIncomplete`.
 */

export interface CaseCreated {
  at: string;
  event_id: string;
  case_type_id: string;
  start_date: string;
  lead_time_norm: Norm;
  service_norm: Norm | null;
  team_id: string | null;
}

export interface CaseHold {
  at: string;
  event_id: string;
  kind: 'suspended' | 'resumed';
  /** case.suspended: end of the period given to complete the application (YYYY-MM-DD). */
  until?: string | null;
}

export interface CaseExtension {
  event_id: string;
  /** Absent in snapshots written before extensions replaced each other: they sort first. */
  at?: string;
  working_days?: number;
  calendar_weeks?: number;
}

export interface CaseRecord {
  tenant: string;
  case_id: string;
  event_ids: string[];
  last_seen: string;
  created: CaseCreated | null;
  status: { at: string; status: string; sequence: number | null } | null;
  holds: CaseHold[];
  extensions: CaseExtension[];
  closed: { at: string; end_date: string; result: string } | null;
  /** The last emitted fact without its version, to emit only changes. */
  emitted: string | null;
}

export interface OpenCase {
  case_id: string;
  case_type_id: string;
  team_id: string | null;
  start_date: string;
  last_status: string | null;
  norm: Norm;
  suspended: boolean;
  /** First day the term stands still (the day after the applicant was asked to complete). */
  suspended_since: string | null;
  /** End of the period given to complete the application, if the case system gave one. */
  suspended_until: string | null;
  /** The suspension ended by law because `until` passed without a resumption. */
  completion_period_passed: boolean;
  /** For a suspended case: frozen, as if resumed on the first day it stood still. */
  due_date: string;
  /** 23:59:59 Europe/Amsterdam of `due_date`, with offset (or the instant for hour norms). */
  due_at: string;
  legal_due_date: string;
  legal_due_at: string;
  /**
   * Working days left under `norm` on its calendar: after today up to the due date; for a
   * suspended case frozen at the last day the term ran (the day the applicant was asked).
   */
  working_days_left: number;
  suspended_days: number;
  extension_working_days: number;
  extension_weeks: number;
}

export interface IncompleteCase {
  tenant: string;
  case_id: string;
  reason: 'created_missing';
  last_seen: string;
}

export interface CaseStoreSnapshot {
  version: 1;
  open: CaseRecord[];
  /** Oldest first. */
  closed: CaseRecord[];
  finished: string[];
}

export interface CaseStore {
  /** Applies one event; returns the case's fact when its derived state changed. Other types are ignored. */
  apply(event: CanonicalEvent): CaseFact[];
  /**
   * Open cases (created, not closed), by due date, as of `today` (YYYY-MM-DD, Europe/Amsterdam;
   * default: today): it decides whether a suspension's completion period has passed.
   */
  open(tenant: string, today?: string): OpenCase[];
  /**
   * Derives every case of the tenant again (its calendar changed, e.g. a closing day) and returns
   * the facts that changed.
   */
  recalculate(tenant: string): CaseFact[];
  /** Drops records without `case.created` not updated (by event time) within `maxAgeMs` before `now`. */
  expireIncomplete(now: ExpiryClock, maxAgeMs: number): IncompleteCase[];
  snapshot(): CaseStoreSnapshot;
  restore(snapshot: CaseStoreSnapshot): void;
}

export interface CaseStoreOptions {
  /** Legal and per-municipality service calendars (default: Atw and decree days, no closing days). */
  calendars?: CalendarBook;
  /** One calendar for legal terms and service norms alike; ignored when `calendars` is given. */
  calendar?: Calendar;
  /** Closed case records kept for late events (default 10 000). */
  closedMemory?: number;
  /** Keys of dropped closed cases remembered to ignore their events (default 100 000). */
  finishedMemory?: number;
}

type CaseEvent = EventOf<
  'case.created' | 'case.status_changed' | 'case.suspended' | 'case.resumed' | 'case.extended' | 'case.closed'
>;

const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

const minDate = (a: string, b: string) => (a < b ? a : b);
const nextDay = (date: string) => parseDate(date).add({ days: 1 }).toString();
const previousDay = (date: string) => parseDate(date).subtract({ days: 1 }).toString();
const todayInAmsterdam = () => Temporal.Now.plainDateISO(TIME_ZONE).toString();

interface Holds {
  /** Finished suspensions [from, to) as Amsterdam dates: the days the term stood still. */
  intervals: { from: string; to: string }[];
  /** The suspension still running: first day it stands still, and the end of its completion period. */
  open: { from: string; until: string | null } | null;
  /**
   * The last suspension ended because its completion period passed and no resumption has been
   * reported since (a later resumption still ends the interval on `until`, but clears this).
   */
  periodPassed: boolean;
}

const HOLD_ORDER = { suspended: 0, resumed: 1 } as const;

/**
 * Walks the holds in time order. `today` (when known) ends an open suspension whose completion
 * period has passed, on its `until` day.
 */
function walkHolds(holds: readonly CaseHold[], today?: string): Holds {
  const sorted = [...holds].sort(
    (a, b) =>
      millis(a.at) - millis(b.at) ||
      HOLD_ORDER[a.kind] - HOLD_ORDER[b.kind] ||
      (a.event_id < b.event_id ? -1 : a.event_id > b.event_id ? 1 : 0),
  );
  const out: Holds = { intervals: [], open: null, periodPassed: false };
  const close = (open: NonNullable<Holds['open']>, to: string, byPeriod: boolean) => {
    out.intervals.push({ from: open.from, to: open.until !== null && open.until < to ? open.until : to });
    out.periodPassed = byPeriod;
    out.open = null;
  };
  for (const hold of sorted) {
    const day = dayOf(hold.at);
    const open = out.open;
    if (hold.kind === 'resumed') {
      if (open) close(open, day, false);
    } else if (open && open.until !== null && open.until <= day) {
      // The period had run out before this suspension: that one ended on `until`, a new one begins.
      close(open, open.until, true);
      out.open = { from: nextDay(day), until: hold.until ?? null };
    } else if (open) {
      if (hold.until) open.until = hold.until;
    } else {
      out.open = { from: nextDay(day), until: hold.until ?? null };
    }
  }
  const open = out.open;
  if (open && open.until !== null && today !== undefined && open.until <= today)
    close(open, open.until, true);
  return out;
}

/**
 * Suspensions as the deadline sees them: an open one runs on (to null); a closed case's clock
 * stops for good on its end date, or on the `until` of a suspension still open then.
 */
function suspensionsOf(holds: Holds, endDate: string | null): { from: string; to: string | null }[] {
  const all: { from: string; to: string | null }[] = [...holds.intervals];
  if (holds.open) all.push({ from: holds.open.from, to: endDate === null ? null : holds.open.until });
  if (endDate === null) return all;
  return all
    .filter((s) => s.from < endDate)
    .map((s) => ({ from: s.from, to: s.to === null ? endDate : minDate(s.to, endDate) }));
}

interface Derived {
  fact: CaseFact;
  due_at: string;
  legal_due_at: string;
  suspended_until: string | null;
  extension_weeks: number;
  /** The calendar of the norm that counts, and the day its days left count from. */
  calendar: Calendar;
  left_from: string | null;
  completion_period_passed: boolean;
}

// Deadline maths walks calendar days with Temporal, the costliest step of a case event; most
// cases of a type share start dates and norms, and a case is derived again after every event.
const DEADLINE_CACHE_LIMIT = 50_000;
const deadlineCaches = new WeakMap<Calendar, Map<string, ReturnType<typeof computeDeadline>>>();

function cachedDeadline(
  input: Parameters<typeof computeDeadline>[0],
  calendar: Calendar,
  today: string | undefined,
): ReturnType<typeof computeDeadline> {
  let cache = deadlineCaches.get(calendar);
  if (!cache) {
    cache = new Map();
    deadlineCaches.set(calendar, cache);
  }
  const key = JSON.stringify([input, today]);
  let deadline = cache.get(key);
  if (!deadline) {
    deadline = computeDeadline(input, { calendar, today });
    if (cache.size >= DEADLINE_CACHE_LIMIT) cache.clear();
    cache.set(key, deadline);
  }
  return deadline;
}

// Open cases are listed for every live snapshot; most share their due date and today, so the
// day-by-day count is kept per calendar rather than walked again for each case.
const daysLeftCaches = new WeakMap<Calendar, Map<string, number>>();

function workingDaysLeft(calendar: Calendar, from: string, due: string): number {
  let cache = daysLeftCaches.get(calendar);
  if (!cache) {
    cache = new Map();
    daysLeftCaches.set(calendar, cache);
  }
  const key = `${from}|${due}`;
  let left = cache.get(key);
  if (left === undefined) {
    left = calendar.workingDaysBetween(from, due);
    if (cache.size >= DEADLINE_CACHE_LIMIT) cache.clear();
    cache.set(key, left);
  }
  return left;
}

/** The extension in force: the latest `case.extended` by event time (a zaak has one verlenging). */
function extensionInForce(extensions: readonly CaseExtension[]): { working_days: number; weeks: number } {
  let latest: CaseExtension | undefined;
  for (const e of extensions) {
    const at = e.at === undefined ? -1 : millis(e.at);
    const best = latest?.at === undefined ? -1 : millis(latest.at);
    if (!latest || at > best || (at === best && e.event_id > latest.event_id)) latest = e;
  }
  return { working_days: latest?.working_days ?? 0, weeks: latest?.calendar_weeks ?? 0 };
}

/**
 * Derives the fact; `today` only for the live view (open cases): it ends a suspension whose
 * completion period has passed and counts the days suspended so far.
 */
function derive(record: CaseRecord, created: CaseCreated, calendars: CalendarBook, today?: string): Derived {
  const endDate = record.closed?.end_date ?? null;
  const holds = walkHolds(record.holds, endDate === null ? today : undefined);
  const suspensions = suspensionsOf(holds, endDate);
  const running = suspensions.find((s) => s.to === null);
  const extension = extensionInForce(record.extensions);
  const serviceCalendar = calendars.service(record.tenant);
  const deadline = (n: Norm, calendar: Calendar) => {
    const d = cachedDeadline(
      {
        start_date: created.start_date,
        norm: n,
        suspensions,
        extensions_working_days: extension.working_days > 0 ? [extension.working_days] : [],
        extension_weeks: extension.weeks,
      },
      calendar,
      // Frozen: as if resumed on the first day the term stood still.
      running ? running.from : undefined,
    );
    return d.suspended
      ? { due_date: d.due_date_if_resumed_today, due_at: d.due_at_if_resumed_today }
      : { due_date: d.due_date, due_at: d.due_at };
  };
  const legal = deadline(created.lead_time_norm, calendars.legal);
  const norm = created.service_norm ?? created.lead_time_norm;
  const calendar = created.service_norm ? serviceCalendar : calendars.legal;
  const due = created.service_norm ? deadline(created.service_norm, serviceCalendar) : legal;
  const suspendedDays = suspensions.reduce(
    (sum, s) => sum + Math.max(0, daysBetween(s.from, s.to ?? today ?? s.from)),
    0,
  );
  return {
    due_at: due.due_at,
    legal_due_at: legal.due_at,
    calendar,
    // Frozen for a suspended case: the last day the term ran is the day the applicant was asked.
    left_from: running ? previousDay(running.from) : (today ?? null),
    completion_period_passed: running === undefined && holds.periodPassed,
    suspended_until: running ? (holds.open?.until ?? null) : null,
    extension_weeks: extension.weeks,
    fact: {
      tenant: record.tenant,
      case_id: record.case_id,
      case_type_id: created.case_type_id,
      team_id: created.team_id,
      start_date: created.start_date,
      end_date: endDate,
      norm: { ...norm },
      due_date: due.due_date,
      legal_due_date: legal.due_date,
      suspended: running !== undefined,
      suspended_since: running?.from ?? null,
      suspended_days: suspendedDays,
      extension_working_days: extension.working_days,
      status: endDate === null ? 'open' : 'closed',
      lead_time_days: endDate === null ? null : Math.max(0, daysBetween(created.start_date, endDate)),
      within_norm: endDate === null ? null : endDate <= due.due_date,
      last_status: record.status?.status ?? null,
      result: record.closed?.result ?? null,
      version: record.event_ids.length,
    },
  };
}

function newCase(tenant: string, caseId: string, at: string): CaseRecord {
  return {
    tenant,
    case_id: caseId,
    event_ids: [],
    last_seen: at,
    created: null,
    status: null,
    holds: [],
    extensions: [],
    closed: null,
    emitted: null,
  };
}

function update(rec: CaseRecord, event: CaseEvent, at: string): void {
  switch (event.type) {
    case 'case.created': {
      const p = event.payload;
      const earlier =
        !rec.created ||
        millis(at) < millis(rec.created.at) ||
        (millis(at) === millis(rec.created.at) && event.event_id < rec.created.event_id);
      if (earlier) {
        rec.created = {
          at,
          event_id: event.event_id,
          case_type_id: p.case_type_id,
          start_date: p.start_date,
          lead_time_norm: { ...p.lead_time_norm },
          service_norm: p.service_norm ? { ...p.service_norm } : null,
          team_id: p.team_id ?? null,
        };
      }
      break;
    }
    case 'case.status_changed': {
      const p = event.payload;
      const current = rec.status;
      const seq = p.sequence ?? null;
      if (
        !current ||
        millis(at) > millis(current.at) ||
        (millis(at) === millis(current.at) && (seq ?? 0) >= (current.sequence ?? 0))
      ) {
        rec.status = { at, status: p.status, sequence: seq };
      }
      break;
    }
    case 'case.suspended':
      rec.holds.push({ at, event_id: event.event_id, kind: 'suspended', until: event.payload.until ?? null });
      break;
    case 'case.resumed':
      rec.holds.push({ at, event_id: event.event_id, kind: 'resumed' });
      break;
    case 'case.extended': {
      const { working_days, calendar_weeks } = event.payload;
      rec.extensions.push({
        event_id: event.event_id,
        at,
        ...(working_days !== undefined ? { working_days } : {}),
        ...(calendar_weeks !== undefined ? { calendar_weeks } : {}),
      });
      break;
    }
    case 'case.closed':
      if (!rec.closed || millis(at) >= millis(rec.closed.at)) {
        rec.closed = { at, end_date: event.payload.end_date, result: event.payload.result };
      }
      break;
  }
}

const contentOf = (fact: CaseFact): string => JSON.stringify({ ...fact, version: 0 });

export function createCaseStore(options: CaseStoreOptions = {}): CaseStore {
  const calendars =
    options.calendars ?? (options.calendar ? singleCalendarBook(options.calendar) : createCalendarBook());
  const cases = createEntityStore<CaseRecord>({
    kind: 'case',
    idOf: (rec) => rec.case_id,
    create: newCase,
    closedMemory: options.closedMemory ?? 10_000,
    finishedMemory: options.finishedMemory,
  });

  function applyCase(event: CaseEvent): CaseFact[] {
    const at = toUtc(event.occurred_at);
    const rec = cases.recordFor(event.tenant, event.payload.case_id, event.event_id, at);
    if (!rec) return [];
    update(rec, event, at);

    if (!rec.created) return [];
    if (rec.closed && !cases.isClosed(rec)) cases.close(rec);
    return emit(rec, rec.created);
  }

  function emit(rec: CaseRecord, created: CaseCreated): CaseFact[] {
    const { fact } = derive(rec, created, calendars);
    const content = contentOf(fact);
    if (content === rec.emitted) return [];
    rec.emitted = content;
    return [fact];
  }

  return {
    apply(event) {
      switch (event.type) {
        case 'case.created':
        case 'case.status_changed':
        case 'case.suspended':
        case 'case.resumed':
        case 'case.extended':
        case 'case.closed':
          return applyCase(event);
        default:
          return [];
      }
    },

    open(tenant, today = todayInAmsterdam()) {
      const out: OpenCase[] = [];
      for (const rec of cases.open(tenant)) {
        if (!rec.created || rec.closed) continue;
        const { fact, ...live } = derive(rec, rec.created, calendars, today);
        out.push({
          case_id: fact.case_id,
          case_type_id: fact.case_type_id,
          team_id: fact.team_id,
          start_date: fact.start_date,
          last_status: fact.last_status,
          norm: fact.norm,
          suspended: fact.suspended,
          suspended_since: fact.suspended_since,
          suspended_until: live.suspended_until,
          completion_period_passed: live.completion_period_passed,
          due_date: fact.due_date,
          due_at: live.due_at,
          legal_due_date: fact.legal_due_date,
          legal_due_at: live.legal_due_at,
          working_days_left: workingDaysLeft(live.calendar, live.left_from ?? today, fact.due_date),
          suspended_days: fact.suspended_days,
          extension_working_days: fact.extension_working_days,
          extension_weeks: live.extension_weeks,
        });
      }
      return out.sort((a, b) => millis(a.due_at) - millis(b.due_at) || (a.case_id < b.case_id ? -1 : 1));
    },

    recalculate(tenant) {
      const out: CaseFact[] = [];
      for (const rec of [...cases.open(tenant), ...cases.closed().filter((r) => r.tenant === tenant)]) {
        if (rec.created) out.push(...emit(rec, rec.created));
      }
      return out;
    },

    expireIncomplete(now, maxAgeMs) {
      const out: IncompleteCase[] = [];
      for (const rec of cases.idle(now, maxAgeMs)) {
        if (rec.created) continue;
        out.push({
          tenant: rec.tenant,
          case_id: rec.case_id,
          reason: 'created_missing',
          last_seen: rec.last_seen,
        });
        cases.drop(rec);
      }
      return out;
    },

    snapshot() {
      const { open, closed, finished } = cases.snapshot();
      return { version: 1, open, closed, finished };
    },

    restore(snapshot) {
      if (snapshot.version !== 1)
        throw new Error(`unsupported case snapshot version ${String(snapshot.version)}`);
      cases.restore(snapshot);
    },
  };
}
