import type { CanonicalEvent, EventOf } from '@stuurwiel/schemas';
import { type Calendar, createCalendar } from '../deadlines/index.js';
import type { WrittenFact } from '../facts/types.js';
import { dayOf, millis, toUtc } from '../time/instants.js';
import type { ExpiryClock } from './common.js';
import { createEntityStore } from './entity-store.js';

/**
 * Written contacts (e-mail, post, web form, chat) per tenant, pure and replayable.
 *
 * Decisions:
 * - Order: events may come in any order; a contact gets facts once its `written.received` is
 *   known. Several of one kind: the earliest counts (the first receipt, the first
 *   acknowledgement, the first answer), so the result does not depend on arrival order.
 * - Working days: from the Amsterdam date of receipt to that of the acknowledgement or answer,
 *   counted from the day after receipt (`calendar.workingDaysBetween`): answered the same day 0,
 *   on the next working day 1. Received on a Saturday and answered on Monday is 1. A time before
 *   the receipt (clock skew) counts 0. No norm is applied here: norms are data, applied at
 *   query time to these numbers.
 * - An answer without an acknowledgement leaves `acknowledged_at` null; whether an answer counts
 *   as acknowledging is a query-time choice.
 * - Facts: after every event the fact is derived again and returned when anything but its
 *   version changed; `version` = number of distinct events applied.
 * - Memory: answered contacts are kept (option `closedMemory`, default 10 000) so that a late
 *   acknowledgement still corrects the fact, then only their keys (`finishedMemory`). Records
 *   without `written.received` are dropped by `expireIncomplete`.
 */

export interface WrittenRecord {
  tenant: string;
  contact_id: string;
  event_ids: string[];
  last_seen: string;
  received: {
    at: string;
    channel: WrittenFact['channel'];
    team_id: string | null;
    category: string | null;
  } | null;
  acknowledged_at: string | null;
  answered_at: string | null;
  emitted: string | null;
}

export interface OpenWritten {
  contact_id: string;
  channel: WrittenFact['channel'];
  team_id: string | null;
  category: string | null;
  received_at: string;
  acknowledged_at: string | null;
}

export interface IncompleteWritten {
  tenant: string;
  contact_id: string;
  reason: 'received_missing';
  last_seen: string;
}

export interface WrittenStoreSnapshot {
  version: 1;
  open: WrittenRecord[];
  /** Oldest first. */
  answered: WrittenRecord[];
  finished: string[];
}

export interface WrittenStore {
  /** Applies one event; returns the contact's fact when its derived state changed. Other types are ignored. */
  apply(event: CanonicalEvent): WrittenFact[];
  /** Received and not yet answered, oldest first. */
  open(tenant: string): OpenWritten[];
  /** Drops records without `written.received` not updated (by event time) within `maxAgeMs` before `now`. */
  expireIncomplete(now: ExpiryClock, maxAgeMs: number): IncompleteWritten[];
  snapshot(): WrittenStoreSnapshot;
  restore(snapshot: WrittenStoreSnapshot): void;
}

export interface WrittenStoreOptions {
  /** One calendar for every tenant; ignored when `calendarOf` is given. */
  calendar?: Calendar;
  /** The municipality's service calendar (its closing days are no working days for a written norm). */
  calendarOf?: (tenant: string) => Calendar;
  /** Answered contact records kept for late events (default 10 000). */
  closedMemory?: number;
  /** Keys of dropped contacts remembered to ignore their events (default 100 000). */
  finishedMemory?: number;
}

type WrittenEvent = EventOf<'written.received' | 'written.acknowledged' | 'written.answered'>;

const earliest = (current: string | null, at: string): string =>
  current === null || millis(at) < millis(current) ? at : current;

function toFact(rec: WrittenRecord, received: NonNullable<WrittenRecord['received']>, calendar: Calendar) {
  const workingDays = (to: string | null) =>
    to === null ? null : Math.max(0, calendar.workingDaysBetween(dayOf(received.at), dayOf(to)));
  const fact: WrittenFact = {
    tenant: rec.tenant,
    contact_id: rec.contact_id,
    channel: received.channel,
    team_id: received.team_id,
    category: received.category,
    received_at: received.at,
    acknowledged_at: rec.acknowledged_at,
    answered_at: rec.answered_at,
    acknowledge_working_days: workingDays(rec.acknowledged_at),
    answer_working_days: workingDays(rec.answered_at),
    status: rec.answered_at === null ? 'open' : 'answered',
    version: rec.event_ids.length,
  };
  return fact;
}

const newContact = (tenant: string, contact_id: string, at: string): WrittenRecord => ({
  tenant,
  contact_id,
  event_ids: [],
  last_seen: at,
  received: null,
  acknowledged_at: null,
  answered_at: null,
  emitted: null,
});

export function createWrittenStore(options: WrittenStoreOptions = {}): WrittenStore {
  const single = options.calendar ?? createCalendar();
  const calendarOf = options.calendarOf ?? (() => single);
  const contacts = createEntityStore<WrittenRecord>({
    kind: 'written',
    idOf: (rec) => rec.contact_id,
    create: newContact,
    closedMemory: options.closedMemory ?? 10_000,
    finishedMemory: options.finishedMemory,
  });

  function applyWritten(event: WrittenEvent): WrittenFact[] {
    const at = toUtc(event.occurred_at);
    const rec = contacts.recordFor(event.tenant, event.payload.contact_id, event.event_id, at);
    if (!rec) return [];

    switch (event.type) {
      case 'written.received': {
        const p = event.payload;
        if (!rec.received || millis(at) < millis(rec.received.at)) {
          rec.received = { at, channel: p.channel, team_id: p.team_id ?? null, category: p.category ?? null };
        }
        break;
      }
      case 'written.acknowledged':
        rec.acknowledged_at = earliest(rec.acknowledged_at, at);
        break;
      case 'written.answered':
        rec.answered_at = earliest(rec.answered_at, at);
        break;
    }

    if (!rec.received) return [];
    if (rec.answered_at !== null && !contacts.isClosed(rec)) contacts.close(rec);
    const fact = toFact(rec, rec.received, calendarOf(rec.tenant));
    const content = JSON.stringify({ ...fact, version: 0 });
    if (content === rec.emitted) return [];
    rec.emitted = content;
    return [fact];
  }

  return {
    apply(event) {
      switch (event.type) {
        case 'written.received':
        case 'written.acknowledged':
        case 'written.answered':
          return applyWritten(event);
        default:
          return [];
      }
    },

    open(tenant) {
      return contacts
        .open(tenant)
        .filter((rec) => rec.received && rec.answered_at === null)
        .map((rec) => ({
          contact_id: rec.contact_id,
          channel: rec.received!.channel,
          team_id: rec.received!.team_id,
          category: rec.received!.category,
          received_at: rec.received!.at,
          acknowledged_at: rec.acknowledged_at,
        }))
        .sort((a, b) => millis(a.received_at) - millis(b.received_at));
    },

    expireIncomplete(now, maxAgeMs) {
      const out: IncompleteWritten[] = [];
      for (const rec of contacts.idle(now, maxAgeMs)) {
        if (rec.received) continue;
        out.push({
          tenant: rec.tenant,
          contact_id: rec.contact_id,
          reason: 'received_missing',
          last_seen: rec.last_seen,
        });
        contacts.drop(rec);
      }
      return out;
    },

    snapshot() {
      const { open, closed, finished } = contacts.snapshot();
      return { version: 1, open, answered: closed, finished };
    },

    restore(snapshot) {
      if (snapshot.version !== 1)
        throw new Error(`unsupported written snapshot version ${String(snapshot.version)}`);
      contacts.restore({ open: snapshot.open, closed: snapshot.answered, finished: snapshot.finished });
    },
  };
}
