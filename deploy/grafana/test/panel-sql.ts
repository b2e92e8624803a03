/**
 * Runs every SQL text of every generated dashboard (panel targets and variable queries) on one
 * migrated database with a few rows of everything, after expanding Grafana's variables and the
 * plugin's macros as they would be for a day of the seed. Shared by the 18.16 server test and the
 * current-engine (chdb) test, which hold the columns to one record, so both engines answer alike.
 */
import { type Db, insertRawEvents, migrate, Sql } from '@stuurwiel/clickhouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  insertCallbackFacts,
  insertCallFacts,
  insertCaseFacts,
  insertVisitFacts,
  insertWrittenFacts,
} from '../../../services/aggregator/src/facts/store.js';
import {
  recomputeCallDailyRollup,
  recomputeCallRollups,
} from '../../../services/aggregator/src/rollups/calls.js';
import { recomputeCaseRollups } from '../../../services/aggregator/src/rollups/cases.js';
import {
  recomputeVisitDailyRollup,
  recomputeVisitHourlyRollup,
} from '../../../services/aggregator/src/rollups/visits.js';
import {
  recomputeCallWaitsPerDay,
  recomputeCallWaitsPerHour,
  recomputeVisitWaitsPerDay,
  recomputeVisitWaitsPerHour,
} from '../../../services/aggregator/src/rollups/wait-histograms.js';
import { recomputeWrittenRollups } from '../../../services/aggregator/src/rollups/written.js';
import {
  insertAlertStates,
  insertNotificationAttempts,
} from '../../../services/alerting/src/history/index.js';
import {
  CALL_HOUR,
  CALLBACKS,
  CALLS,
  CASES,
  DAY,
  NEXT_DAY,
  NORMS_OF,
  OLD_EVENTS,
  OLD_INGEST,
  REBUILD_AT,
  RECENT_EVENTS,
  ROUND,
  TENANT,
  VERSION,
  VISIT_HOUR,
  VISITS,
  WRITTEN,
} from '../../../test/statements/seed.js';
import { ALERT_CHANGES, ATTEMPTS } from '../../../test/statements/seed-alerts.js';
import {
  ALL,
  type DashboardQuery,
  dashboards,
  expandMacros,
  type MacroContext,
  queriesOf,
} from '../src/index.js';

/** Amsterdam's 27 and 28 April 2026: every seeded fact, change and event is in it. */
export const RANGE = { from: new Date('2026-04-26T22:00:00.000Z'), to: new Date('2026-04-28T21:59:59.000Z') };

/** The seed's one visit still waiting: V-today, a walk-in that arrived at 08:05:00.250 on the 28th. */
export const WAITING_SINCE = new Date('2026-04-28T08:05:00.000Z');

export const contextFor = (location: string): MacroContext => ({
  ...RANGE,
  intervalSeconds: 300,
  variables: { tenant: TENANT, location, answer_norm_seconds: '30', short_abandon_seconds: '5' },
});

async function seed(db: Db): Promise<void> {
  await insertRawEvents(db, OLD_EVENTS, OLD_INGEST);
  await insertRawEvents(db, RECENT_EVENTS, REBUILD_AT);
  await insertVisitFacts(db, VISITS, VERSION);
  await insertCallFacts(db, CALLS, VERSION);
  await insertCallbackFacts(db, CALLBACKS);
  await insertCaseFacts(db, CASES);
  await insertWrittenFacts(db, WRITTEN);
  await recomputeVisitHourlyRollup(db, TENANT, [VISIT_HOUR], ROUND);
  await recomputeVisitDailyRollup(db, TENANT, [VISIT_HOUR], ROUND);
  await recomputeVisitWaitsPerHour(db, TENANT, [VISIT_HOUR], ROUND, NORMS_OF);
  await recomputeVisitWaitsPerDay(db, TENANT, [VISIT_HOUR], ROUND, NORMS_OF);
  await recomputeCallRollups(db, TENANT, [CALL_HOUR], ROUND);
  await recomputeCallDailyRollup(db, TENANT, [CALL_HOUR], ROUND);
  await recomputeCallWaitsPerHour(db, TENANT, [CALL_HOUR], ROUND, NORMS_OF);
  await recomputeCallWaitsPerDay(db, TENANT, [CALL_HOUR], ROUND, NORMS_OF);
  await recomputeCaseRollups(db, TENANT, [DAY], ROUND);
  await recomputeWrittenRollups(db, TENANT, [DAY, NEXT_DAY], ROUND);
  await insertAlertStates(db, ALERT_CHANGES);
  await insertNotificationAttempts(db, ATTEMPTS);
}

const raw = (text: string) => new Sql([text], []);

interface Column {
  name: string;
  type: string;
}

const NUMBER = /^(Nullable\()?(U?Int\d+|Float\d+)\)?$/;
/** DateTime with or without a time zone; a server may wrap a result column in LowCardinality or Nullable. */
const DATE_TIME = /^DateTime(\(.*\))?$/;
const TEXT = /^(LowCardinality\()?(Nullable\()?String\)?\)?$/;

/** What the panel type needs of the columns, beyond running at all. */
function checkShape(query: DashboardQuery, columns: readonly Column[]) {
  const names = columns.map((c) => c.name);
  expect(new Set(names).size, `duplicate column names: ${names.join(', ')}`).toBe(names.length);
  if (query.result === 'variable') {
    expect(columns).toHaveLength(1);
    expect(columns[0]?.type).toMatch(TEXT);
  }
  if (query.result === 'timeSeries') {
    const [time, ...values] = columns;
    expect(time?.name).toBe('time');
    expect(time?.type).toMatch(DATE_TIME);
    // Long format: numbers, and at most one text column that names the series.
    const labels = values.filter((c) => !NUMBER.test(c.type));
    expect(labels.length, JSON.stringify(values)).toBeLessThanOrEqual(1);
    for (const label of labels) expect(label.type).toMatch(TEXT);
    expect(values.length).toBeGreaterThan(labels.length);
  }
}

const label = (q: DashboardQuery) => `${q.dashboard} › ${q.source} (${q.refId})`;

/**
 * Every dashboard query, for all locations and for one: expanded, described (names and types),
 * run, and expected to find the seed's rows. `columnRecord` is the file both engines' column
 * names must equal.
 */
export function describePanelSql(
  server: string,
  open: () => Promise<Db>,
  dispose: (db: Db) => Promise<void>,
  columnRecord: string,
) {
  describe(`every dashboard SQL, on ${server}`, () => {
    let db: Db | undefined;
    const using = () => {
      if (!db) throw new Error(`no database on ${server}: opening it failed`);
      return db;
    };
    beforeAll(async () => {
      db = await open();
      await migrate(db);
      await seed(db);
    });
    afterAll(async () => {
      if (db) await dispose(db);
    });

    const queries = Object.values(dashboards()).flatMap(queriesOf);
    const columnsOf: Record<string, string[]> = {};

    for (const location of [ALL, 'L1']) {
      it.each(queries.map((q) => [label(q), q] as const))(
        `%s, location ${location}`,
        async (_name, query) => {
          const expanded = expandMacros(query.rawSql, contextFor(location));
          const columns = await using().query<Column>(raw(`DESC (${expanded})`));
          checkShape(query, columns);
          columnsOf[label(query)] = columns.map((c) => c.name);
          const rows = await using().query<Record<string, unknown>>(raw(expanded));
          expect(rows.length, 'the seed has rows for every panel').toBeGreaterThan(0);
          expect(Object.keys(rows[0] ?? {})).toEqual(columns.map((c) => c.name));
        },
      );
    }

    it('counts the one waiting visitor and how long they have waited by the end of the range', async () => {
      const waiting = queries.find((q) => q.source === 'Wachtend nu');
      if (!waiting) throw new Error('the live dashboard has no "Wachtend nu" panel');
      const rows = await using().query<{ waiting: string; longest_wait_seconds: string }>(
        raw(expandMacros(waiting.rawSql, contextFor(ALL))),
      );
      const waited = Math.floor((RANGE.to.getTime() - WAITING_SINCE.getTime()) / 1000);
      expect(rows.map((r) => [Number(r.waiting), Number(r.longest_wait_seconds)])).toEqual([[1, waited]]);
    });

    it('returns the columns on record (the same on every engine)', async () => {
      expect(Object.keys(columnsOf)).toHaveLength(queries.length);
      await expect(`${JSON.stringify(columnsOf, null, 2)}\n`).toMatchFileSnapshot(columnRecord);
    });
  });
}
