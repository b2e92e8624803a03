import { type Db, render, type Sql } from '@stuurwiel/clickhouse';
import { describe, expect, it } from 'vitest';
import { recomputeCallbackRollups } from '../../src/rollups/callbacks.js';
import { recomputeCallDailyRollup, recomputeCallRollups } from '../../src/rollups/calls.js';
import { recomputeCaseLeadTimeRollups } from '../../src/rollups/case-lead-times.js';
import { recomputeCaseRollups } from '../../src/rollups/cases.js';
import { recomputeSurveyRollups } from '../../src/rollups/surveys.js';
import {
  recomputeVisitDailyRollup,
  recomputeVisitHourlyRollup,
  recomputeVisitProductRollup,
} from '../../src/rollups/visits.js';
import {
  recomputeCallWaitsPerDay,
  recomputeCallWaitsPerHour,
  recomputeVisitWaitsPerDay,
  recomputeVisitWaitsPerHour,
} from '../../src/rollups/wait-histograms.js';
import { recomputeWrittenRollups } from '../../src/rollups/written.js';
import { recomputeWrittenAnswerRollups } from '../../src/rollups/written-answers.js';

// Records the statements a recomputation sends, rendered as the legacy server receives them.
function recorder() {
  const sent: string[] = [];
  const db = {
    command: async (statement: Sql) => {
      sent.push(render(statement, { name: 'legacy' }).query);
    },
  } as unknown as Db;
  return { db, sent };
}

const AT = new Date('2026-04-27T10:15:59.900Z');
const HOURS = ['2026-04-27T08:00:00.000Z', '2026-04-27T09:30:00.000Z'];
const DAYS = ['2026-04-27', '2026-04-28'];
const normsOf = () => [
  {
    norm_id: 'n1',
    kpi: 'phone_service_level' as const,
    target: 20,
    unit: 'seconds' as const,
    warning_horizon: { target: 5, unit: 'seconds' as const },
    scope: { kind: 'tenant' as const },
  },
];

const recomputations: [string, (db: Db) => Promise<void>][] = [
  ['visits per hour', (db) => recomputeVisitHourlyRollup(db, 'GM0363', HOURS, AT)],
  ['visits per day', (db) => recomputeVisitDailyRollup(db, 'GM0363', HOURS, AT)],
  ['visits by product', (db) => recomputeVisitProductRollup(db, 'GM0363', HOURS, AT)],
  ['calls per hour', (db) => recomputeCallRollups(db, 'GM0363', HOURS, AT)],
  ['calls per day', (db) => recomputeCallDailyRollup(db, 'GM0363', HOURS, AT)],
  ['cases per day', (db) => recomputeCaseRollups(db, ['GM0363', 'GM0599'], DAYS, AT)],
  ['written per day', (db) => recomputeWrittenRollups(db, 'GM0363', DAYS, AT)],
  ['surveys per day', (db) => recomputeSurveyRollups(db, 'GM0363', DAYS, AT)],
  ['visit waits per hour', (db) => recomputeVisitWaitsPerHour(db, 'GM0363', HOURS, AT, normsOf)],
  ['visit waits per day', (db) => recomputeVisitWaitsPerDay(db, 'GM0363', HOURS, AT, normsOf)],
  ['call waits per hour', (db) => recomputeCallWaitsPerHour(db, 'GM0363', HOURS, AT, normsOf)],
  ['call waits per day', (db) => recomputeCallWaitsPerDay(db, 'GM0363', HOURS, AT, normsOf)],
  ['callbacks per day', (db) => recomputeCallbackRollups(db, ['GM0363', 'GM0599'], DAYS, AT)],
  ['written answers per day', (db) => recomputeWrittenAnswerRollups(db, 'GM0363', DAYS, AT, normsOf)],
  ['case lead times per day', (db) => recomputeCaseLeadTimeRollups(db, 'GM0363', DAYS, AT)],
];

describe('rollup statements', () => {
  it.each(recomputations)(
    '%s: bind one computed_at into every branch and never ask the server for now()',
    async (_name, recompute) => {
      const { db, sent } = recorder();
      await recompute(db);
      expect(sent.length).toBeGreaterThan(0);
      for (const query of sent) {
        expect(query).not.toMatch(/\bnow\s*\(/i);
        const branches = query.split(/\bUNION ALL\b/).length;
        const stamps = query.split("toDateTime('2026-04-27 10:15:59', 'UTC')").length - 1;
        // Every branch that writes a row writes the one bound instant (a branch of a sub-select,
        // such as the streams of written contacts, writes none).
        expect(stamps).toBeGreaterThanOrEqual(1);
        expect(stamps).toBeLessThanOrEqual(branches);
      }
    },
  );
});
