import type { Db } from '@stuurwiel/clickhouse';
import type { CanonicalEvent } from '@stuurwiel/schemas';
import {
  type Calendar,
  type CalendarBook,
  createCalendarBook,
  singleCalendarBook,
} from '../deadlines/index.js';
import {
  insertCallbackFacts,
  insertCallFacts,
  insertCaseFacts,
  insertSurveyComments,
  insertSurveyFacts,
  insertVisitFacts,
  insertWrittenFacts,
} from '../facts/store.js';
import type {
  CallbackFact,
  CallFact,
  CaseFact,
  SurveyComment,
  SurveyFact,
  VisitFact,
  WrittenFact,
} from '../facts/types.js';
import { createReferenceStore, type ReferenceStore } from '../reference/reference-store.js';
import type { RollupScheduler } from '../rollups/rollup-scheduler.js';
import type { ExpiryClock } from '../state/common.js';
import {
  type CallStore,
  type CaseStore,
  createCallStore,
  createCaseStore,
  createSurveyStore,
  createVisitStore,
  createWrittenStore,
  type SurveyStore,
  type VisitStore,
  type WrittenStore,
} from '../state/index.js';
import { createCoalescingSink } from '../storage/coalescing-sink.js';

/** What one batch of events finished or changed. */
export interface BatchFacts {
  visits: VisitFact[];
  calls: CallFact[];
  callbacks: CallbackFact[];
  cases: CaseFact[];
  written: WrittenFact[];
  surveys: SurveyFact[];
  comments: SurveyComment[];
}

export interface FactPipeline {
  readonly visits: VisitStore;
  readonly calls: CallStore;
  readonly cases: CaseStore;
  readonly written: WrittenStore;
  readonly surveys: SurveyStore;
  readonly reference: ReferenceStore;
  /** The legal calendar (Algemene termijnenwet); a municipality's service norms use `calendars`. */
  readonly calendar: Calendar;
  /** Legal and per-municipality service calendars; closing days come from the reference store. */
  readonly calendars: CalendarBook;
  /**
   * Applies a batch's events to the open-entity state, in order, at once; returns the facts they
   * produced (see `store`). Facts produced by an event `isLive` refuses (too late) are in
   * `notLive`: stored, not shown live.
   */
  apply(
    events: readonly CanonicalEvent[],
    isLive?: (event: CanonicalEvent) => boolean,
  ): { facts: BatchFacts; notLive: Set<object> };
  /** Stores facts (gathered with other batches' into one insert) and marks their rollups. */
  store(facts: BatchFacts): Promise<void>;
  /**
   * Ends what will never complete: visits and calls not updated (by event time) within
   * `openMaxAgeMs` before `now`, per tenant when `now` is a function (a finished visit whose call never came still gets its fact), and
   * orphan records (a case without its creation, a contact without its receipt) after
   * `orphanMaxAgeMs`. Without this, a lost event would keep a visitor waiting for ever.
   */
  expire(
    now: ExpiryClock,
    openMaxAgeMs: number,
    orphanMaxAgeMs: number,
  ): { facts: BatchFacts; dropped: number };
}

const emptyFacts = (): BatchFacts => ({
  visits: [],
  calls: [],
  callbacks: [],
  cases: [],
  written: [],
  surveys: [],
  comments: [],
});

const domainOf = (event: CanonicalEvent) => event.type.slice(0, event.type.indexOf('.'));

export interface FactPipelineOptions {
  /** Recomputes the rollups of stored facts. */
  rollups: RollupScheduler;
  /** One calendar for every tenant and norm (tests); default: the legal one plus closing days. */
  calendar?: Calendar;
  /** Facts gathered from several batches before one insert. */
  flushMaxFacts?: number;
  flushIntervalMs?: number;
}

export function createFactPipeline(db: Db, options: FactPipelineOptions): FactPipeline {
  const reference = createReferenceStore();
  const calendars = options.calendar
    ? singleCalendarBook(options.calendar)
    : createCalendarBook((tenant) => reference.closingDays(tenant));
  const calendar = calendars.legal;
  const visits = createVisitStore();
  const calls = createCallStore({ calendarOf: (tenant) => calendars.service(tenant) });
  const cases = createCaseStore({ calendars });
  const written = createWrittenStore({ calendarOf: (tenant) => calendars.service(tenant) });
  const surveys = createSurveyStore();

  // Flushes run one at a time, so a recomputation, reading the facts as they are when it starts,
  // can never overwrite a newer one.
  const sink = createCoalescingSink<BatchFacts>({
    maxItems: options.flushMaxFacts ?? 50_000,
    weight: (b) => Object.values(b).reduce((n, list) => n + list.length, 0),
    maxDelayMs: options.flushIntervalMs ?? 200,
    flush: async (batches) => {
      const all = emptyFacts();
      for (const b of batches)
        for (const k of Object.keys(all) as (keyof BatchFacts)[]) all[k].push(...(b[k] as never[]));
      await Promise.all([
        insertVisitFacts(db, all.visits),
        insertCallFacts(db, all.calls),
        insertCallbackFacts(db, all.callbacks),
        insertCaseFacts(db, all.cases),
        insertWrittenFacts(db, all.written),
        insertSurveyFacts(db, all.surveys),
        insertSurveyComments(db, all.comments),
      ]);
      options.rollups.mark(all);
    },
  });

  return {
    visits,
    calls,
    cases,
    written,
    surveys,
    reference,
    calendar,
    calendars,
    async store(facts) {
      if (Object.values(facts).every((list) => list.length === 0)) return;
      await sink.add([facts]);
    },
    apply(events, isLive) {
      const facts = emptyFacts();
      const notLive = new Set<object>();
      for (const event of events) {
        const live = isLive?.(event) ?? true;
        const lists: object[][] | undefined = live ? undefined : Object.values(facts);
        const before = lists?.map((list) => list.length);
        switch (domainOf(event)) {
          case 'visit':
          case 'desk':
            facts.visits.push(...visits.apply(event));
            break;
          case 'call':
            facts.calls.push(...calls.apply(event));
            break;
          case 'callback':
            facts.callbacks.push(...calls.applyCallback(event));
            break;
          case 'case':
            facts.cases.push(...cases.apply(event));
            break;
          case 'written':
            facts.written.push(...written.apply(event));
            break;
          case 'survey': {
            const out = surveys.apply(event);
            facts.surveys.push(...out.facts);
            facts.comments.push(...out.comments);
            break;
          }
          case 'reference':
            reference.apply(event);
            // A closing day moves the service-norm deadlines of the municipality's cases now.
            for (const tenant of reference.takeClosingDayChanges())
              facts.cases.push(...cases.recalculate(tenant));
            break;
        }
        if (lists && before) {
          lists.forEach((list, i) => {
            for (const f of list.slice(before[i])) notLive.add(f);
          });
        }
      }
      return { facts, notLive };
    },
    expire(now, openMaxAgeMs, orphanMaxAgeMs) {
      const v = visits.expireIncomplete(now, openMaxAgeMs);
      const c = calls.expireIncomplete(now, openMaxAgeMs);
      const orphans =
        cases.expireIncomplete(now, orphanMaxAgeMs).length +
        written.expireIncomplete(now, orphanMaxAgeMs).length;
      const facts: BatchFacts = { ...emptyFacts(), visits: v.facts, calls: c.facts };
      return { facts, dropped: v.incomplete.length + c.incomplete.length + orphans };
    },
  };
}
