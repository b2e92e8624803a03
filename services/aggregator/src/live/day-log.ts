import type { CallFact, VisitFact } from '../facts/types.js';
import { ms } from '../time/instants.js';
import type { AnsweredWrittenContact, ClosedCase, SurveyResponse } from './inputs.js';
import { retentionStartMs, windowBounds } from './windows.js';

/** The finished items the live windows read, per kind. */
export interface DayLogItems {
  visits: VisitFact;
  calls: CallFact;
  closedCases: ClosedCase;
  answered: AnsweredWrittenContact;
  surveys: SurveyResponse;
}
export type DayLogKind = keyof DayLogItems;

interface KindRule<T> {
  id: (item: T) => string;
  /**
   * Latest instant by which the item can still fall in a window (every instant a KPI dates it by
   * is at or before this one), or for a date-only item null and `date` instead.
   */
  lastInstant: (item: T) => string | null;
  date?: (item: T) => string;
}

const RULES: { [K in DayLogKind]: KindRule<DayLogItems[K]> } = {
  visits: { id: (v) => v.visit_id, lastInstant: (v) => v.finished_at },
  calls: { id: (c) => c.call_id, lastInstant: (c) => c.ended_at },
  closedCases: { id: (c) => c.case_id, lastInstant: () => null, date: (c) => c.end_date },
  answered: { id: (c) => c.contact_id, lastInstant: (c) => c.answered_at },
  surveys: { id: (r) => r.response_id, lastInstant: (r) => r.occurred_at },
};

const KINDS = Object.keys(RULES) as DayLogKind[];

export interface DayLog {
  /** Adds a finished item; one with the same id replaces the earlier (a recomputed fact). */
  put<K extends DayLogKind>(tenant: string, kind: K, item: DayLogItems[K]): void;
  list<K extends DayLogKind>(tenant: string, kind: K): DayLogItems[K][];
  /** Drops what can no longer fall in any window of `asOf` (nor of a later as_of). */
  prune(asOf: string): number;
  forget(tenant: string): void;
  tenants(): string[];
}

type TenantLog = { [K in DayLogKind]: Map<string, DayLogItems[K]> };

export function createDayLog(): DayLog {
  const tenants = new Map<string, TenantLog>();
  const logOf = (tenant: string): TenantLog => {
    let log = tenants.get(tenant);
    if (!log) {
      log = {
        visits: new Map(),
        calls: new Map(),
        closedCases: new Map(),
        answered: new Map(),
        surveys: new Map(),
      };
      tenants.set(tenant, log);
    }
    return log;
  };

  const pruneKind = <K extends DayLogKind>(
    map: Map<string, DayLogItems[K]>,
    kind: K,
    startMs: number,
    today: string,
  ) => {
    const rule = RULES[kind] as KindRule<DayLogItems[K]>;
    let removed = 0;
    for (const [id, item] of map) {
      const instant = rule.lastInstant(item);
      // Date-only items count in `today` only, so yesterday's date can go at midnight.
      const stale = instant != null ? ms(instant) < startMs : (rule.date?.(item) ?? '') < today;
      if (stale) {
        map.delete(id);
        removed += 1;
      }
    }
    return removed;
  };

  return {
    put(tenant, kind, item) {
      const map = logOf(tenant)[kind] as Map<string, typeof item>;
      map.set(RULES[kind].id(item as never), item);
    },
    list(tenant, kind) {
      const log = tenants.get(tenant);
      return log ? [...(log[kind] as Map<string, DayLogItems[typeof kind]>).values()] : [];
    },
    prune(asOf) {
      const startMs = retentionStartMs(asOf);
      const today = windowBounds(asOf).today.date;
      let removed = 0;
      for (const log of tenants.values()) {
        for (const kind of KINDS) removed += pruneKind(log[kind] as Map<string, never>, kind, startMs, today);
      }
      return removed;
    },
    forget(tenant) {
      tenants.delete(tenant);
    },
    tenants() {
      return [...tenants.keys()];
    },
  };
}
