import { type Db, sql } from '@stuurwiel/clickhouse';
import type { CallbackFact, CallFact, CaseFact, SurveyFact, VisitFact, WrittenFact } from '../facts/types.js';
import { hourOf } from '../time/instants.js';
import { callbackRollupDays, recomputeCallbackRollups } from './callbacks.js';
import { recomputeCallDailyRollup, recomputeCallRollups } from './calls.js';
import { recomputeCaseLeadTimeRollups } from './case-lead-times.js';
import { caseRollupDays, recomputeCaseRollups } from './cases.js';
import type { NormsOf } from './norms.js';
import { recomputeSurveyRollups, surveyRollupDays } from './surveys.js';
import {
  recomputeVisitDailyRollup,
  recomputeVisitHourlyRollup,
  recomputeVisitProductRollup,
} from './visits.js';
import {
  recomputeCallWaitsPerDay,
  recomputeCallWaitsPerHour,
  recomputeVisitWaitsPerDay,
  recomputeVisitWaitsPerHour,
} from './wait-histograms.js';
import { recomputeWrittenRollups, writtenRollupDays } from './written.js';
import { recomputeWrittenAnswerRollups } from './written-answers.js';

export interface StoredFacts {
  visits: readonly VisitFact[];
  calls: readonly CallFact[];
  /** Absent: a caller from before callbacks had facts. */
  callbacks?: readonly CallbackFact[];
  cases: readonly CaseFact[];
  written: readonly WrittenFact[];
  surveys: readonly SurveyFact[];
}

type Kind = 'visits' | 'calls' | 'callbacks' | 'cases' | 'written' | 'surveys';
type Work = Map<Kind, Map<string, Set<string>>>;

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
  /** Least time between the starts of two rounds (the hourly visit and call tables). */
  intervalMs: number;
  /**
   * Least time between two recomputations of the day tables and of the wait histograms of hours
   * (default: every round). Each of those statements reads all facts of its hours or days, and
   * history needs no one-second freshness; idle() and stop() still bring them up to date at once.
   */
  dayIntervalMs?: number;
  /** The norms in force per tenant, for the within-norm counts (default: none, the defaults apply). */
  normsOf?: NormsOf;
  /** Told how long each round took (seconds). */
  onRound?: (seconds: number) => void;
  /**
   * While this says so (the consumer is catching up on a backlog), rounds wait, for at most
   * `maxDeferMs` after the first fact they would recompute was marked: every round reads all facts
   * of the days it touches, so during a backlog each one costs ClickHouse what the inserts need.
   */
  defer?: () => boolean;
  maxDeferMs?: number;
  shortAbandonSeconds?: number;
  onError: (error: unknown) => void;
}

// Case and contact facts change while their entity lives, and a correction can move them to
// another day (a corrected end date, an earlier answer that arrived late). The day they were last
// counted on must be recomputed too, so it is remembered, for this many entities at most.
const REMEMBERED_ENTITIES = 200_000;

// How often a deferred round asks again whether it may run.
const DEFER_POLL_MS = 100;

/**
 * The `computed_at` of one round: the rollup tables keep the row with the latest one, so it is the
 * server's clock (shared by every replica, also after a rebalance), read once and bound into every
 * statement of the round. A statement must never call now() itself: on 18.16 an INSERT ... SELECT
 * ... UNION ALL with now() in both branches fails when a second ticks over between them (Code 171,
 * "values of constants are different in source and result").
 */
export async function roundTime(db: Db): Promise<Date> {
  const rows = await db.query<{ t: number | string }>(sql`SELECT toUnixTimestamp(now()) AS t`);
  const seconds = Number(rows[0]?.t);
  if (!Number.isFinite(seconds)) throw new Error('ClickHouse did not report its time');
  return new Date(seconds * 1000);
}

export function createRollupScheduler(db: Db, options: RollupSchedulerOptions): RollupScheduler {
  // The hourly counts are recomputed every round; the day tables and the hourly wait histograms
  // no more often than dayIntervalMs.
  let hourly: Work = new Map();
  let daily: Work = new Map();
  const countedOn = new Map<string, string[]>();
  const withPreviousDays = (entity: string, days: string[]): string[] => {
    const before = countedOn.get(entity) ?? [];
    countedOn.delete(entity);
    countedOn.set(entity, days);
    if (countedOn.size > REMEMBERED_ENTITIES) countedOn.delete(countedOn.keys().next().value as string);
    return [...new Set([...before, ...days])];
  };
  const normsOf = options.normsOf ?? (() => []);
  const dayIntervalMs = options.dayIntervalMs ?? 0;
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  let timer: NodeJS.Timeout | undefined;

  const add = (work: Work, kind: Kind, tenant: string, keys: readonly string[]) => {
    const byTenant = work.get(kind) ?? new Map<string, Set<string>>();
    work.set(kind, byTenant);
    const set = byTenant.get(tenant) ?? new Set<string>();
    byTenant.set(tenant, set);
    for (const k of keys) set.add(k);
  };
  const merge = (into: Work, from: Work) => {
    for (const [kind, byTenant] of from) for (const [t, set] of byTenant) add(into, kind, t, [...set]);
  };

  // One statement per rollup table for all tenants of a round: on a busy server each statement
  // reading FINAL costs about the same whatever it selects, so a replica with many tenants must not
  // pay it per tenant. Recomputing a tenant's hour that did not change rewrites the same rows.
  // The kinds write different tables, so they run side by side (on 18.16 a FINAL read uses one
  // thread); every one settles before the round ends, so rounds never overlap.
  const recompute = async (hours: Work, days: Work) => {
    const short = options.shortAbandonSeconds;
    const at = await roundTime(db);
    const parts = (work: Work) =>
      [...work].map(([kind, byTenant]) => ({
        kind,
        tenants: [...byTenant.keys()],
        keys: [...new Set([...byTenant.values()].flatMap((set) => [...set]))],
      }));
    const hourTasks = parts(hours).map(async ({ kind, tenants, keys }) => {
      if (kind === 'visits') await recomputeVisitHourlyRollup(db, tenants, keys, at);
      else if (kind === 'calls') await recomputeCallRollups(db, tenants, keys, at, short);
    });
    // The wait histograms of hours too: they answer history, which needs no one-second freshness,
    // and each statement costs a FINAL read like the counts' own.
    const dayTasks = parts(days).map(async ({ kind, tenants, keys }) => {
      if (kind === 'visits') {
        await recomputeVisitDailyRollup(db, tenants, keys, at);
        await recomputeVisitProductRollup(db, tenants, keys, at);
        await recomputeVisitWaitsPerHour(db, tenants, keys, at, normsOf);
        await recomputeVisitWaitsPerDay(db, tenants, keys, at, normsOf);
      } else if (kind === 'calls') {
        await recomputeCallDailyRollup(db, tenants, keys, at, short);
        await recomputeCallWaitsPerHour(db, tenants, keys, at, normsOf);
        await recomputeCallWaitsPerDay(db, tenants, keys, at, normsOf);
      } else if (kind === 'cases') {
        await recomputeCaseRollups(db, tenants, keys, at);
        await recomputeCaseLeadTimeRollups(db, tenants, keys, at);
      } else if (kind === 'written') {
        await recomputeWrittenRollups(db, tenants, keys, at);
        await recomputeWrittenAnswerRollups(db, tenants, keys, at, normsOf);
      } else if (kind === 'callbacks') await recomputeCallbackRollups(db, tenants, keys, at);
      else await recomputeSurveyRollups(db, tenants, keys, at);
    });
    const results = await Promise.allSettled([...hourTasks, ...dayTasks]);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  };

  // A round starts as soon as something is marked, but no sooner than `intervalMs` after the last
  // one started, nor sooner than twice its duration, and not while `defer` says a backlog is being
  // read (up to `maxDeferMs`): rounds thin out instead of taking ClickHouse's time from the inserts.
  // Day tables join a round once `dayIntervalMs` passed since they last did.
  let started = false;
  let nextAllowed = 0;
  let nextDayAllowed = 0;
  let markedSince: number | undefined;
  const maxDeferMs = options.maxDeferMs ?? 10_000;
  const daysDue = () => daily.size > 0 && Date.now() >= nextDayAllowed;
  let timerAt = 0;
  const schedule = () => {
    if (!started || busy || (hourly.size === 0 && daily.size === 0)) return;
    const at = hourly.size > 0 ? nextAllowed : Math.max(nextAllowed, nextDayAllowed);
    // A timer set for the day tables must not hold back hour work marked since.
    if (timer && timerAt <= at) return;
    if (timer) clearTimeout(timer);
    markedSince ??= Date.now();
    timerAt = at;
    timer = setTimeout(
      () => {
        timer = undefined;
        const deferred = Date.now() - (markedSince ?? Date.now()) < maxDeferMs && options.defer?.() === true;
        if (!deferred) {
          void run(false);
          return;
        }
        nextAllowed = Date.now() + DEFER_POLL_MS;
        schedule();
      },
      Math.max(0, at - Date.now()),
    );
    timer.unref();
  };

  /** A round: the hour tables, and the day tables when due or when `allDays` says so. */
  const run = (allDays: boolean) => {
    const withDays = allDays ? daily.size > 0 : daysDue();
    if (busy || (hourly.size === 0 && !withDays)) return running;
    busy = true;
    const hours = hourly;
    const days = withDays ? daily : new Map();
    hourly = new Map();
    if (withDays) daily = new Map();
    markedSince = undefined;
    const began = Date.now();
    running = recompute(hours, days)
      .catch((error) => {
        // Keep what failed marked, so the next round tries again.
        merge(hourly, hours);
        merge(daily, days);
        options.onError(error);
      })
      .finally(() => {
        busy = false;
        const took = Date.now() - began;
        options.onRound?.(took / 1000);
        nextAllowed = began + Math.max(options.intervalMs, 2 * took);
        if (withDays) nextDayAllowed = began + Math.max(dayIntervalMs, 2 * took);
        schedule();
      });
    return running;
  };

  const idle = async () => {
    for (;;) {
      await running;
      if (hourly.size === 0 && daily.size === 0 && !busy) return;
      await run(true);
    }
  };

  const both = (kind: Kind, tenant: string, keys: readonly string[]) => {
    add(hourly, kind, tenant, keys);
    add(daily, kind, tenant, keys);
  };

  return {
    mark(facts) {
      for (const f of facts.visits) both('visits', f.tenant, [hourOf(f.arrived_at)]);
      for (const f of facts.calls) both('calls', f.tenant, [hourOf(f.offered_at)]);
      for (const f of facts.callbacks ?? []) {
        add(
          daily,
          'callbacks',
          f.tenant,
          withPreviousDays(`callback|${f.tenant}|${f.callback_id}`, callbackRollupDays([f])),
        );
      }
      for (const f of facts.cases) {
        add(daily, 'cases', f.tenant, withPreviousDays(`case|${f.tenant}|${f.case_id}`, caseRollupDays([f])));
      }
      for (const f of facts.written) {
        add(
          daily,
          'written',
          f.tenant,
          withPreviousDays(`written|${f.tenant}|${f.contact_id}`, writtenRollupDays([f])),
        );
      }
      for (const f of facts.surveys) add(daily, 'surveys', f.tenant, surveyRollupDays([f]));
      schedule();
    },
    idle,
    start() {
      started = true;
      schedule();
    },
    async stop() {
      started = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      // Leave the rollups complete for what was stored; a failure is retried after the restart.
      await idle().catch(() => {});
    },
  };
}
