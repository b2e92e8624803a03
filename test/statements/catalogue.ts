/**
 * Every statement the services send to ClickHouse, each through the real function that sends it,
 * with representative values (seed.ts), and a cheap check of what it did. The catalogue runs on
 * a current ClickHouse in process (current-clickhouse.test.ts, chdb) and on the server of the
 * integration run (integration-server.int.test.ts, 18.16 here), so a statement that one of them
 * rejects, or answers differently, fails a test.
 *
 * Migrations need no entry: migrate() applies every file in deploy/clickhouse/migrations first.
 * A new statement is one entry below, after the inserts whose rows it reads; entries run in
 * order on one database.
 */
import {
  countRawEvents,
  countRawEventsByType,
  type Db,
  ident,
  insertRawEvents,
  ping,
  type Sql,
  sql,
} from '@stuurwiel/clickhouse';
import { HISTOGRAM_BOUNDS } from '@stuurwiel/schemas';
import { expect } from 'vitest';
import {
  insertCallbackFacts,
  insertCallFacts,
  insertCaseFacts,
  insertSurveyComments,
  insertSurveyFacts,
  insertVisitFacts,
  insertWrittenFacts,
} from '../../services/aggregator/src/facts/store.js';
import {
  storedSourceFreshness,
  storedStateEvents,
  storedTenants,
} from '../../services/aggregator/src/pipeline/rebuild.js';
import {
  callbackRollupDays,
  recomputeCallbackRollups,
} from '../../services/aggregator/src/rollups/callbacks.js';
import {
  recomputeCallDailyRollup,
  recomputeCallRollups,
} from '../../services/aggregator/src/rollups/calls.js';
import { recomputeCaseLeadTimeRollups } from '../../services/aggregator/src/rollups/case-lead-times.js';
import { recomputeCaseRollups } from '../../services/aggregator/src/rollups/cases.js';
import type { NormsOf } from '../../services/aggregator/src/rollups/norms.js';
import { createRollupScheduler, roundTime } from '../../services/aggregator/src/rollups/rollup-scheduler.js';
import { recomputeSurveyRollups } from '../../services/aggregator/src/rollups/surveys.js';
import {
  recomputeVisitDailyRollup,
  recomputeVisitHourlyRollup,
  recomputeVisitProductRollup,
} from '../../services/aggregator/src/rollups/visits.js';
import {
  recomputeCallWaitsPerDay,
  recomputeCallWaitsPerHour,
  recomputeVisitWaitsPerDay,
  recomputeVisitWaitsPerHour,
} from '../../services/aggregator/src/rollups/wait-histograms.js';
import { recomputeWrittenRollups } from '../../services/aggregator/src/rollups/written.js';
import { recomputeWrittenAnswerRollups } from '../../services/aggregator/src/rollups/written-answers.js';
import {
  alertHistory,
  clickHouseAlertHistory,
  insertAlertStates,
  insertNotificationAttempts,
  latestAlertStates,
  listAlerts,
  notificationAttempts,
  notificationLog,
} from '../../services/alerting/src/history/index.js';
import {
  CALL_HOUR,
  CALLBACKS,
  CALLS,
  CASES,
  DAY,
  LATER_ROUND,
  LOOKBACK_HOURS,
  MOVED_CASE,
  NEXT_DAY,
  NO_NORMS,
  NORMS_OF,
  OLD_EVENTS,
  OLD_INGEST,
  OTHER_TENANT,
  REBUILD_AT,
  REBUILD_EVENT_IDS,
  RECENT_EVENTS,
  ROUND,
  SURVEY_COMMENTS,
  SURVEYS,
  TENANT,
  VERSION,
  VISIT_HOUR,
  VISITS,
  WRITTEN,
} from './seed.js';
import {
  ALERT_CHANGES,
  ATTEMPTS,
  ISO,
  OLD_ALERT,
  PHONE_ALERT,
  QUEUE_ALERT,
  REPLAYED_ATTEMPT,
  REPLAYED_CHANGE,
  SINCE,
} from './seed-alerts.js';

export interface Statement {
  /** What is sent, as the test is named. */
  readonly name: string;
  /** Calls the real function on the catalogue's database and checks what it did. */
  readonly run: (db: Db) => Promise<void>;
}

const NUMERIC = /^-?\d+(?:\.\d+)?$/;

/**
 * The rows of a check query, numbers as numbers: servers differ in quoting 64-bit integers in
 * JSON (18.16 quotes them, a current one need not), which is not what the catalogue tests.
 */
async function rows(db: Db, statement: Sql): Promise<Record<string, unknown>[]> {
  const result = await db.query<Record<string, unknown>>(statement);
  return result.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [k, typeof v === 'string' && NUMERIC.test(v) ? Number(v) : v]),
    ),
  );
}

const count = async (db: Db, table: string) =>
  (await rows(db, sql`SELECT count() AS n FROM ${ident(table)} FINAL`))[0]?.n;

/** The counts of a histogram over `bounds`: the given ones by bucket index, zeros elsewhere. */
const histogram = (bounds: readonly number[], counts: Readonly<Record<number, number>> = {}) =>
  Array.from({ length: bounds.length + 1 }, (_, i) => counts[i] ?? 0);

const COUNTER_WAIT = HISTOGRAM_BOUNDS.counter_wait_seconds;
const PHONE_WAIT = HISTOGRAM_BOUNDS.phone_answer_wait_seconds;
const WORKING_DAYS = HISTOGRAM_BOUNDS.working_days;
const LEAD_TIME = HISTOGRAM_BOUNDS.case_lead_time_days;

type WaitRecompute = (
  db: Db,
  tenant: string,
  instants: readonly string[],
  computedAt: Date,
  normsOf: NormsOf,
) => Promise<void>;

/**
 * Two entries for a wait histogram: a round without norms, which binds only the default, then a
 * later round with TENANT's norms, which binds the lookup arrays. `expected` gives the rows for a
 * norm (seconds) and the count within it.
 */
function underDefaultAndSetNorms(
  name: string,
  recompute: WaitRecompute,
  instant: string,
  check: Sql,
  expected: (norm: number, within: number) => Record<string, unknown>[],
  byDefault: [norm: number, within: number],
  bySetNorm: [norm: number, within: number],
): Statement[] {
  return [
    {
      name: `${name}, without norms (the default)`,
      run: async (db) => {
        await recompute(db, TENANT, [instant], ROUND, NO_NORMS);
        expect(await rows(db, check)).toEqual(expected(...byDefault));
      },
    },
    {
      name: `${name}, with the norms in force`,
      run: async (db) => {
        await recompute(db, TENANT, [instant], LATER_ROUND, NORMS_OF);
        expect(await rows(db, check)).toEqual(expected(...bySetNorm));
      },
    },
  ];
}

const visitWaitColumns = sql`kind, wait_count, wait_norm_seconds, waited_within_norm, wait_histogram`;
// V1 waited 300 s, in the bucket (240, 300]; V2's wait is unknown.
const visitWaits = (at: string) => (norm: number, within: number) => [
  {
    at,
    kind: 'walk_in',
    wait_count: 1,
    wait_norm_seconds: norm,
    waited_within_norm: within,
    wait_histogram: histogram(COUNTER_WAIT, { 4: 1 }),
  },
  {
    at,
    kind: 'appointment',
    wait_count: 0,
    wait_norm_seconds: norm,
    waited_within_norm: 0,
    wait_histogram: histogram(COUNTER_WAIT),
  },
];

const callWaitColumns = sql`queue_id, answered, answer_wait_count, answer_norm_seconds, answered_within_norm, answer_wait_histogram`;
// C1 was answered after 60 s, in the bucket (55, 60]; C2 was abandoned, so its wait does not count.
const callWaits = (at: string) => (norm: number, within: number) => [
  {
    at,
    queue_id: 'KCC',
    answered: 1,
    answer_wait_count: 1,
    answer_norm_seconds: norm,
    answered_within_norm: within,
    answer_wait_histogram: histogram(PHONE_WAIT, { 11: 1 }),
  },
];

const leadTimes = sql`SELECT toString(day) AS day, tenant, case_type_id, team_id, closed, closed_within_norm,
  lead_time_days_histogram FROM case_lead_times_per_day_v1 FINAL`;

export const STATEMENTS: readonly Statement[] = [
  {
    name: 'readiness check (ping)',
    run: (db) => ping(db),
  },
  {
    name: 'raw events: insert as TabSeparated, again without a second copy counting',
    run: async (db) => {
      await insertRawEvents(db, OLD_EVENTS, OLD_INGEST);
      await insertRawEvents(db, RECENT_EVENTS, REBUILD_AT);
      await insertRawEvents(db, RECENT_EVENTS, REBUILD_AT);
      expect(await countRawEvents(db)).toBe(OLD_EVENTS.length + RECENT_EVENTS.length);
    },
  },
  {
    name: 'raw events: count per tenant and per type',
    run: async (db) => {
      expect(await countRawEvents(db, { tenant: OTHER_TENANT })).toBe(1);
      expect(await countRawEventsByType(db, TENANT)).toEqual({
        'reference.tenant': 1,
        'case.created': 2,
        'case.closed': 1,
        'visit.arrived': 2,
      });
    },
  },
  {
    name: 'rebuild: the tenants with stored events',
    run: async (db) => expect(await storedTenants(db)).toEqual([TENANT, OTHER_TENANT]),
  },
  {
    name: 'rebuild: reference data, open long-lived entities and recent entities, in event order',
    run: async (db) => {
      const events = await storedStateEvents(db, [TENANT], REBUILD_AT, LOOKBACK_HOURS);
      expect(events.map((e) => e.event_id)).toEqual(REBUILD_EVENT_IDS);
      const stored = [...OLD_EVENTS, ...RECENT_EVENTS].filter((e) => REBUILD_EVENT_IDS.includes(e.event_id));
      expect(events).toEqual(expect.arrayContaining(stored));
    },
  },
  {
    name: 'rebuild: the freshness of each source, and the event ids since a horizon',
    run: async (db) => {
      const { sources, recent } = await storedSourceFreshness(
        db,
        [TENANT],
        new Date('2026-04-28T08:00:00.000Z'),
      );
      const byVendorSystem = sources
        .map((s) => [s.system, s.instance, new Date(s.lastEventMs).toISOString(), s.lastReceivedMs])
        .sort();
      expect(byVendorSystem).toEqual([
        ['case_system', null, '2026-04-03T09:00:00.000Z', OLD_INGEST.getTime()],
        ['queue_management', null, '2026-04-28T08:05:00.250Z', REBUILD_AT.getTime()],
        ['reference', null, '2026-01-05T09:00:00.000Z', OLD_INGEST.getTime()],
      ]);
      // The raw insert above was sent twice; unmerged copies may repeat an id, never another one.
      expect([...new Set(recent.map((r) => r.eventId))]).toEqual(['visit-today']);
    },
  },
  {
    name: 'facts: insert visits, calls, cases, written contacts, surveys and comments',
    run: async (db) => {
      await insertVisitFacts(db, VISITS, VERSION);
      await insertCallFacts(db, CALLS, VERSION);
      await insertCallbackFacts(db, CALLBACKS);
      await insertCaseFacts(db, CASES);
      await insertWrittenFacts(db, WRITTEN);
      await insertSurveyFacts(db, SURVEYS, VERSION);
      await insertSurveyComments(db, SURVEY_COMMENTS, VERSION);
      expect(await count(db, 'visit_facts_v1')).toBe(VISITS.length);
      expect(await count(db, 'call_facts_v1')).toBe(CALLS.length);
      expect(await count(db, 'callback_facts_v1')).toBe(CALLBACKS.length);
      expect(await count(db, 'case_facts_v1')).toBe(CASES.length);
      expect(await count(db, 'written_facts_v1')).toBe(WRITTEN.length);
      expect(await count(db, 'survey_facts_v1')).toBe(SURVEYS.length);
      expect(await rows(db, sql`SELECT comment FROM survey_comments_v1 FINAL`)).toEqual(
        SURVEY_COMMENTS.map((c) => ({ comment: c.comment })),
      );
    },
  },
  {
    name: "rollups: a round's time from the server",
    run: async (db) => {
      const at = await roundTime(db);
      expect(Number.isNaN(at.getTime())).toBe(false);
      expect(at.getUTCMilliseconds()).toBe(0);
    },
  },
  {
    name: 'rollups: visits per hour',
    run: async (db) => {
      await recomputeVisitHourlyRollup(db, TENANT, [VISIT_HOUR], ROUND);
      expect(
        await rows(
          db,
          sql`SELECT toString(hour) AS hour, kind, visits, served, left_or_removed, wait_count, wait_p50
              FROM visits_per_hour_v1 FINAL ORDER BY kind`,
        ),
      ).toEqual([
        {
          hour: '2026-04-27 08:00:00',
          kind: 'walk_in',
          visits: 1,
          served: 1,
          left_or_removed: 0,
          wait_count: 1,
          wait_p50: 300,
        },
        {
          hour: '2026-04-27 08:00:00',
          kind: 'appointment',
          visits: 1,
          served: 0,
          left_or_removed: 1,
          wait_count: 0,
          wait_p50: 0,
        },
      ]);
    },
  },
  {
    name: 'rollups: visits per day',
    run: async (db) => {
      await recomputeVisitDailyRollup(db, TENANT, [VISIT_HOUR], ROUND);
      expect(
        await rows(
          db,
          sql`SELECT toString(day) AS day, sum(visits) AS visits FROM visits_per_day_v1 FINAL GROUP BY day`,
        ),
      ).toEqual([{ day: DAY, visits: 2 }]);
    },
  },
  {
    name: 'rollups: visits per product per day',
    run: async (db) => {
      await recomputeVisitProductRollup(db, [TENANT, OTHER_TENANT], [VISIT_HOUR], ROUND);
      expect(
        await rows(
          db,
          sql`SELECT product_id, visits, served FROM visits_by_product_per_day_v1 FINAL ORDER BY product_id`,
        ),
      ).toEqual([
        { product_id: '', visits: 1, served: 0 },
        { product_id: 'paspoort', visits: 1, served: 1 },
        { product_id: 'rijbewijs', visits: 1, served: 1 },
      ]);
    },
  },
  ...underDefaultAndSetNorms(
    'rollups: counter-wait histograms per hour',
    recomputeVisitWaitsPerHour,
    VISIT_HOUR,
    sql`SELECT toString(hour) AS at, ${visitWaitColumns} FROM visit_waits_per_hour_v1 FINAL ORDER BY kind`,
    visitWaits('2026-04-27 08:00:00'),
    [600, 1],
    // Q1's own norm of 4 minutes, not the tenant's 15.
    [240, 0],
  ),
  ...underDefaultAndSetNorms(
    'rollups: counter-wait histograms per day',
    recomputeVisitWaitsPerDay,
    VISIT_HOUR,
    sql`SELECT toString(day) AS at, ${visitWaitColumns} FROM visit_waits_per_day_v1 FINAL ORDER BY kind`,
    visitWaits(DAY),
    [600, 1],
    [240, 0],
  ),
  {
    name: 'rollups: calls per hour and per day',
    run: async (db) => {
      await recomputeCallRollups(db, TENANT, [CALL_HOUR], ROUND);
      await recomputeCallDailyRollup(db, TENANT, [CALL_HOUR], ROUND);
      const measures = {
        queue_id: 'KCC',
        offered: 2,
        answered: 1,
        abandoned_in_queue: 1,
        abandoned_short: 1,
        answer_wait_p50: 60,
      };
      const columns = sql`queue_id, offered, answered, abandoned_in_queue, abandoned_short, answer_wait_p50`;
      expect(await rows(db, sql`SELECT ${columns} FROM calls_per_hour_v1 FINAL`)).toEqual([measures]);
      expect(
        await rows(db, sql`SELECT toString(day) AS day, ${columns} FROM calls_per_day_v1 FINAL`),
      ).toEqual([{ day: DAY, ...measures }]);
    },
  },
  ...underDefaultAndSetNorms(
    'rollups: answer-wait histograms per hour',
    recomputeCallWaitsPerHour,
    CALL_HOUR,
    sql`SELECT toString(hour) AS at, ${callWaitColumns} FROM call_waits_per_hour_v1 FINAL`,
    callWaits('2026-04-27 09:00:00'),
    [30, 0],
    [120, 1],
  ),
  ...underDefaultAndSetNorms(
    'rollups: answer-wait histograms per day',
    recomputeCallWaitsPerDay,
    CALL_HOUR,
    sql`SELECT toString(day) AS at, ${callWaitColumns} FROM call_waits_per_day_v1 FINAL`,
    callWaits(DAY),
    [30, 0],
    [120, 1],
  ),
  {
    name: 'rollups: callbacks per day, requests on their day and completions on theirs',
    run: async (db) => {
      await recomputeCallbackRollups(db, TENANT, callbackRollupDays(CALLBACKS), ROUND);
      const none = histogram(WORKING_DAYS);
      expect(
        await rows(
          db,
          sql`SELECT toString(day) AS day, queue_id, requested, completed, completed_on_time, cancelled,
                working_days_histogram AS h
              FROM callbacks_per_day_v1 FINAL ORDER BY day, queue_id`,
        ),
      ).toEqual([
        { day: DAY, queue_id: '', requested: 1, completed: 0, completed_on_time: 0, cancelled: 0, h: none },
        // The cancellation counts as completed but stays out of the histogram.
        {
          day: DAY,
          queue_id: 'KCC',
          requested: 2,
          completed: 1,
          completed_on_time: 0,
          cancelled: 1,
          h: none,
        },
        {
          day: NEXT_DAY,
          queue_id: 'KCC',
          requested: 0,
          completed: 1,
          completed_on_time: 1,
          cancelled: 0,
          h: histogram(WORKING_DAYS, { 1: 1 }),
        },
      ]);
    },
  },
  {
    name: 'rollups: cases per day, for several tenants at once',
    run: async (db) => {
      await recomputeCaseRollups(db, [TENANT, OTHER_TENANT], [DAY], ROUND);
      expect(
        await rows(
          db,
          sql`SELECT tenant, team_id, closed, closed_within_norm, extended FROM cases_per_day_v1 FINAL ORDER BY tenant`,
        ),
      ).toEqual([
        { tenant: TENANT, team_id: 'team-a', closed: 1, closed_within_norm: 1, extended: 0 },
        { tenant: OTHER_TENANT, team_id: '', closed: 1, closed_within_norm: 1, extended: 1 },
      ]);
    },
  },
  {
    name: 'rollups: case lead times per day, for several tenants at once',
    run: async (db) => {
      await recomputeCaseLeadTimeRollups(db, [TENANT, OTHER_TENANT], [DAY], ROUND);
      // Lead times of 20 days, in the bucket (14, 21].
      const closed = { day: DAY, case_type_id: 'vergunning', closed: 1, closed_within_norm: 1 };
      expect(await rows(db, sql`${leadTimes} ORDER BY tenant`)).toEqual([
        {
          ...closed,
          tenant: TENANT,
          team_id: 'team-a',
          lead_time_days_histogram: histogram(LEAD_TIME, { 9: 1 }),
        },
        {
          ...closed,
          tenant: OTHER_TENANT,
          team_id: '',
          lead_time_days_histogram: histogram(LEAD_TIME, { 9: 1 }),
        },
      ]);
    },
  },
  {
    name: 'rollups: cases per day, a case moved to another day leaves zeros behind',
    run: async (db) => {
      await insertCaseFacts(db, [MOVED_CASE]);
      await recomputeCaseRollups(db, TENANT, [DAY, NEXT_DAY], LATER_ROUND);
      expect(
        await rows(
          db,
          sql`SELECT toString(day) AS day, closed FROM cases_per_day_v1 FINAL WHERE tenant = ${TENANT} ORDER BY day`,
        ),
      ).toEqual([
        { day: DAY, closed: 0 },
        { day: NEXT_DAY, closed: 1 },
      ]);
    },
  },
  {
    name: 'rollups: case lead times per day, a case moved to another day leaves zeros behind',
    run: async (db) => {
      await recomputeCaseLeadTimeRollups(db, TENANT, [DAY, NEXT_DAY], LATER_ROUND);
      const group = { tenant: TENANT, case_type_id: 'vergunning', team_id: 'team-a' };
      expect(await rows(db, sql`${leadTimes} WHERE tenant = ${TENANT} ORDER BY day`)).toEqual([
        {
          ...group,
          day: DAY,
          closed: 0,
          closed_within_norm: 0,
          lead_time_days_histogram: histogram(LEAD_TIME),
        },
        // 21 days, still in the bucket (14, 21].
        {
          ...group,
          day: NEXT_DAY,
          closed: 1,
          closed_within_norm: 1,
          lead_time_days_histogram: histogram(LEAD_TIME, { 9: 1 }),
        },
      ]);
    },
  },
  {
    name: 'rollups: written contacts per day, each measure on its own day',
    run: async (db) => {
      await recomputeWrittenRollups(db, TENANT, [DAY, NEXT_DAY], ROUND);
      expect(
        await rows(
          db,
          sql`SELECT toString(day) AS day, channel, team_id, received, acknowledged, answered, answer_working_days_sum
              FROM written_per_day_v1 FINAL ORDER BY day, channel`,
        ),
      ).toEqual([
        {
          day: DAY,
          channel: 'email',
          team_id: 'team-b',
          received: 1,
          acknowledged: 1,
          answered: 0,
          answer_working_days_sum: 0,
        },
        {
          day: DAY,
          channel: 'post',
          team_id: '',
          received: 1,
          acknowledged: 0,
          answered: 0,
          answer_working_days_sum: 0,
        },
        {
          day: NEXT_DAY,
          channel: 'email',
          team_id: 'team-b',
          received: 0,
          acknowledged: 0,
          answered: 1,
          answer_working_days_sum: 1,
        },
      ]);
    },
  },
  {
    name: 'rollups: written answers per day, under the default norm and then a norm in another unit',
    run: async (db) => {
      const check = sql`SELECT toString(day) AS day, channel, team_id, answered, answer_norm_working_days,
          answered_within_norm, working_days_histogram
        FROM written_answers_per_day_v1 FINAL`;
      // W1 was answered on the next day after 1 working day; W2 is still open.
      const answer = {
        day: NEXT_DAY,
        channel: 'email',
        team_id: 'team-b',
        answered: 1,
        working_days_histogram: histogram(WORKING_DAYS, { 1: 1 }),
      };
      await recomputeWrittenAnswerRollups(db, TENANT, [DAY, NEXT_DAY], ROUND, NO_NORMS);
      expect(await rows(db, check)).toEqual([
        { ...answer, answer_norm_working_days: 2, answered_within_norm: 1 },
      ]);
      // A norm in calendar days: the working-day histogram cannot say what is within it.
      await recomputeWrittenAnswerRollups(db, TENANT, [DAY, NEXT_DAY], LATER_ROUND, NORMS_OF);
      expect(await rows(db, check)).toEqual([
        { ...answer, answer_norm_working_days: null, answered_within_norm: null },
      ]);
    },
  },
  {
    name: 'rollups: survey responses per day',
    run: async (db) => {
      await recomputeSurveyRollups(db, TENANT, [DAY], ROUND);
      expect(
        await rows(
          db,
          sql`SELECT channel, responses, satisfied, dissatisfied, score_normalised_sum FROM survey_per_day_v1 FINAL ORDER BY channel`,
        ),
      ).toEqual([
        { channel: 'counter', responses: 1, satisfied: 1, dissatisfied: 0, score_normalised_sum: 1 },
        { channel: 'phone', responses: 1, satisfied: 0, dissatisfied: 1, score_normalised_sum: 0 },
      ]);
    },
  },
  {
    name: 'rollups: one scheduled round over every kind, side by side',
    run: async (db) => {
      const errors: unknown[] = [];
      const scheduler = createRollupScheduler(db, { intervalMs: 0, onError: (e) => errors.push(e) });
      scheduler.mark({
        visits: VISITS,
        calls: CALLS,
        callbacks: CALLBACKS,
        cases: [...CASES, MOVED_CASE],
        written: WRITTEN,
        surveys: SURVEYS,
      });
      await scheduler.idle();
      await scheduler.stop();
      expect(errors).toEqual([]);
      expect((await rows(db, sql`SELECT sum(closed) AS closed FROM cases_per_day_v1 FINAL`))[0]?.closed).toBe(
        2,
      );
      expect(
        (await rows(db, sql`SELECT sum(requested) AS requested FROM callbacks_per_day_v1 FINAL`))[0]
          ?.requested,
      ).toBe(CALLBACKS.length);
    },
  },
  {
    name: 'alert history: insert state changes, a replayed change (later updated_at) invisible',
    run: async (db) => {
      await insertAlertStates(db, ALERT_CHANGES);
      await insertAlertStates(db, [REPLAYED_CHANGE]);
      await insertAlertStates(db, ALERT_CHANGES.slice(0, 2));
      const changes = await alertHistory(db, { tenant: TENANT, fingerprint: QUEUE_ALERT });
      expect(changes.map((c) => [c.changed_at, c.state, c.message.updated_at])).toEqual([
        [ISO('09:00'), 'pending', ISO('09:00')],
        [ISO('08:30'), 'resolved', ISO('08:30')],
        // The earliest record of the change: when it really happened.
        [ISO('08:05'), 'firing', ISO('08:05')],
        [ISO('08:00'), 'pending', ISO('08:00')],
      ]);
      expect(changes[0]?.message).toEqual(ALERT_CHANGES[3]);
    },
  },
  {
    name: 'alert history: the latest state of every open alert, and of those resolved since, for a restart',
    run: async (db) => {
      const latest = await latestAlertStates(db, { tenants: [TENANT, OTHER_TENANT], since: SINCE });
      expect(latest).toEqual([ALERT_CHANGES[3], ALERT_CHANGES[5], ALERT_CHANGES[7]]);
      const early = await latestAlertStates(db, { tenants: [TENANT], since: ISO('06:00') });
      expect(early.map((a) => a.fingerprint)).toEqual([QUEUE_ALERT, PHONE_ALERT, OLD_ALERT]);
    },
  },
  {
    name: "alert history: a tenant's alerts per occurrence, by state and by period",
    run: async (db) => {
      const listed = async (filter: Omit<Parameters<typeof listAlerts>[1], 'tenant'>) =>
        (await listAlerts(db, { tenant: TENANT, ...filter })).map((a) => [
          a.message.fingerprint,
          a.message.starts_at,
          a.state,
        ]);
      const queueAgain = [QUEUE_ALERT, ISO('09:00'), 'pending'];
      const phone = [PHONE_ALERT, ISO('08:10'), 'firing'];
      const queueResolved = [QUEUE_ALERT, ISO('08:00'), 'resolved'];
      const old = [OLD_ALERT, ISO('06:00'), 'resolved'];
      expect(await listed({})).toEqual([queueAgain, phone, queueResolved, old]);
      expect(await listed({ state: 'resolved' })).toEqual([queueResolved, old]);
      expect(await listed({ from: SINCE })).toEqual([queueAgain, phone, queueResolved]);
      expect(await listed({ from: SINCE, to: ISO('08:05') })).toEqual([queueResolved]);
    },
  },
  {
    name: 'notifications: insert attempts, a replayed attempt invisible; the attempts newest first',
    run: async (db) => {
      await insertNotificationAttempts(db, ATTEMPTS);
      await insertNotificationAttempts(db, [REPLAYED_ATTEMPT]);
      const attempts = await notificationAttempts(db, { tenant: TENANT });
      expect(
        attempts.map((a) => [a.notification_id, a.attempt, a.outcome, a.outcome_reason, a.attempted_at]),
      ).toEqual([
        ['n-resolved', 1, 'sent', null, ISO('08:31')],
        ['n-fired', 2, 'sent', null, ISO('08:07')],
        ['n-fired', 1, 'failed', 'webhook ops answered 503', ISO('08:06')],
      ]);
      expect(
        await notificationAttempts(db, { tenant: TENANT, notification_id: 'n-fired', from: ISO('08:07') }),
      ).toHaveLength(1);
    },
  },
  {
    name: 'notifications: the last one sent per group and receiver (the notification log), for a restart',
    run: async (db) => {
      expect(await notificationLog(db, { tenants: [TENANT, OTHER_TENANT] })).toEqual([
        {
          tenant: TENANT,
          group_key: `${TENANT}|queue=Q1`,
          receiver: 'ops',
          notification_id: 'n-resolved',
          reason: 'resolved',
          fingerprints: [QUEUE_ALERT],
          resolved_fingerprints: [QUEUE_ALERT],
          alerts: [
            {
              fingerprint: QUEUE_ALERT,
              state: 'resolved',
              severity: 'warning',
              occurrence: 1,
              starts_at: ISO('08:00'),
            },
          ],
          sent_at: ISO('08:31'),
        },
      ]);
    },
  },
  {
    name: 'alert history: the batched history stores states and attempts with the inserts above',
    run: async (db) => {
      const history = clickHouseAlertHistory(db, { maxRows: 2, intervalMs: 60_000 });
      const later = { ...ALERT_CHANGES[7]!, state: 'resolved' as const, updated_at: ISO('10:00') };
      // Two rows fill a batch: both calls resolve once it is stored, without waiting a minute.
      await Promise.all([history.recordStates([later]), history.recordStates([ALERT_CHANGES[7]!])]);
      // One attempt fills no batch: closing the history stores it.
      const attempt = history.recordAttempt({ ...ATTEMPTS[0]!, attempt: 3, at: ISO('10:00') });
      await history.close();
      await attempt;
      expect(await latestAlertStates(db, { tenants: [OTHER_TENANT], since: ISO('10:00') })).toEqual([later]);
      expect(await notificationAttempts(db, { tenant: TENANT, from: ISO('10:00') })).toHaveLength(1);
    },
  },
];
