import type { Db } from '@stuurwiel/clickhouse';
import type { CallFact, CaseFact, SurveyFact, VisitFact, WrittenFact } from '../facts/types.js';
import { recomputeCallDailyRollup, recomputeCallRollups } from './calls.js';
import { caseRollupDays, recomputeCaseRollups } from './cases.js';
import { recomputeSurveyRollups, surveyRollupDays } from './surveys.js';
import { hourOf, recomputeVisitProductRollup, recomputeVisitRollups } from './visits.js';
import { recomputeWrittenRollups, writtenRollupDays } from './written.js';

export interface StoredFacts {
  visits: readonly VisitFact[];
  calls: readonly CallFact[];
  cases: readonly CaseFact[];
  written: readonly WrittenFact[];
  surveys: readonly SurveyFact[];
}

type Kind = 'visits' | 'calls' | 'cases' | 'written' | 'surveys';

/**
 * Recomputes rollups from the stored facts a moment after they were stored, every hour or day
 * once however many batches touched it: a recomputation reads the facts FINAL, so doing it per
 * batch would cost ClickHouse more than all inserts together. Offsets do not wait for it: if the
 * process dies first, the rebuild after the restart derives the facts of every entity stored
 * within the lookback again, and stores them, which marks their rollups once more.
 * Runs one recomputation at a time, so an older read never overwrites a newer one.
 */
export interface RollupScheduler {
  /** Marks the rollups the given (just stored) facts fall in. */
  mark(facts: StoredFacts): void;
  /** Resolves once nothing is marked and no recomputation runs. */
  idle(): Promise<void>;
  start(): void;
  stop(): Promise<void>;
}

export interface RollupSchedulerOptions {
  intervalMs: number;
  shortAbandonSeconds?: number;
  onError: (error: unknown) => void;
}

// Case and contact facts change while their entity lives, and a correction can move them to
// another day (a corrected end date, an earlier answer that arrived late). The day they were last
// counted on must be recomputed too, so it is remembered, for this many entities at most.
const REMEMBERED_ENTITIES = 200_000;

export function createRollupScheduler(db: Db, options: RollupSchedulerOptions): RollupScheduler {
  let dirty = new Map<Kind, Map<string, Set<string>>>();
  const countedOn = new Map<string, string[]>();
  const withPreviousDays = (entity: string, days: string[]): string[] => {
    const before = countedOn.get(entity) ?? [];
    countedOn.delete(entity);
    countedOn.set(entity, days);
    if (countedOn.size > REMEMBERED_ENTITIES) countedOn.delete(countedOn.keys().next().value as string);
    return [...new Set([...before, ...days])];
  };
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  let timer: NodeJS.Timeout | undefined;

  const add = (kind: Kind, tenant: string, keys: readonly string[]) => {
    const byTenant = dirty.get(kind) ?? new Map<string, Set<string>>();
    dirty.set(kind, byTenant);
    const set = byTenant.get(tenant) ?? new Set<string>();
    byTenant.set(tenant, set);
    for (const k of keys) set.add(k);
  };

  const recompute = async (work: Map<Kind, Map<string, Set<string>>>) => {
    const short = options.shortAbandonSeconds;
    for (const [kind, byTenant] of work) {
      for (const [tenant, set] of byTenant) {
        const keys = [...set];
        if (kind === 'visits') {
          await recomputeVisitRollups(db, tenant, keys);
          await recomputeVisitProductRollup(db, tenant, keys);
        } else if (kind === 'calls') {
          await recomputeCallRollups(db, tenant, keys, short);
          await recomputeCallDailyRollup(db, tenant, keys, short);
        } else if (kind === 'cases') await recomputeCaseRollups(db, tenant, keys);
        else if (kind === 'written') await recomputeWrittenRollups(db, tenant, keys);
        else await recomputeSurveyRollups(db, tenant, keys);
      }
    }
  };

  const run = () => {
    if (busy || dirty.size === 0) return running;
    busy = true;
    const work = dirty;
    dirty = new Map();
    running = recompute(work)
      .catch((error) => {
        // Keep what failed marked, so the next round tries again.
        for (const [kind, byTenant] of work) for (const [t, set] of byTenant) add(kind, t, [...set]);
        options.onError(error);
      })
      .finally(() => {
        busy = false;
      });
    return running;
  };

  const idle = async () => {
    for (;;) {
      await running;
      if (dirty.size === 0 && !busy) return;
      await run();
    }
  };

  return {
    mark(facts) {
      for (const f of facts.visits) add('visits', f.tenant, [hourOf(f.arrived_at)]);
      for (const f of facts.calls) add('calls', f.tenant, [hourOf(f.offered_at)]);
      for (const f of facts.cases) {
        add('cases', f.tenant, withPreviousDays(`case|${f.tenant}|${f.case_id}`, caseRollupDays([f])));
      }
      for (const f of facts.written) {
        add(
          'written',
          f.tenant,
          withPreviousDays(`written|${f.tenant}|${f.contact_id}`, writtenRollupDays([f])),
        );
      }
      for (const f of facts.surveys) add('surveys', f.tenant, surveyRollupDays([f]));
    },
    idle,
    start() {
      timer = setInterval(() => void run(), options.intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      // Leave the rollups complete for what was stored; a failure is retried after the restart.
      await idle().catch(() => {});
    },
  };
}
