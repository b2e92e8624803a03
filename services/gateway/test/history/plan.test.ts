import { render, type Sql } from '@stuurwiel/clickhouse';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/auth/principal.js';
import { buildHistoryApp, historyUrl, MANAGER, unreachableDb } from './build.js';

/** A Db that answers every query with no rows and keeps the statements as 18.16 would get them. */
function recordingDb() {
  const statements: string[] = [];
  return {
    statements,
    db: {
      ...unreachableDb,
      query: async (statement: Sql) => {
        statements.push(render(statement, { name: 'legacy' }).query);
        return [];
      },
    },
  };
}

const DAY = { from: '2026-04-01', to: '2026-04-30' };
let app: FastifyInstance | undefined;
afterEach(() => app?.close());

async function ask(params: Record<string, string>, principal: Principal = MANAGER) {
  const recording = recordingDb();
  app = await buildHistoryApp(recording.db, principal);
  const res = await app.inject({ method: 'GET', url: historyUrl(params) });
  await app.close();
  app = undefined;
  return { res, statements: recording.statements };
}

describe('planning a history question', () => {
  it('binds every statement to the caller’s municipality, with a timeout and a row limit', async () => {
    const { res, statements } = await ask({ kpi: 'counter_visits', ...DAY, location: 'centrum' });
    expect(res.statusCode).toBe(200);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toContain("tenant = 'GM0363'");
    expect(statements[0]).toContain("= 'centrum'");
    expect(statements[0]).toContain('FROM `visits_per_day_v1` FINAL');
    expect(statements[0]).toMatch(/LIMIT 10001 SETTINGS max_execution_time = 20$/);
  });

  it('reads hours from the hourly rollup and days from the daily one', async () => {
    const hourly = await ask({
      kpi: 'phone_answered',
      from: '2026-04-28T08:00:00+02:00',
      to: '2026-04-28T18:00:00+02:00',
      granularity: 'hour',
    });
    expect(hourly.res.statusCode).toBe(200);
    expect(hourly.statements[0]).toContain('FROM `calls_per_hour_v1` FINAL');
    const byHourOfDay = await ask({ kpi: 'phone_answered', ...DAY, group_by: 'hour_of_day' });
    expect(byHourOfDay.statements[0]).toContain('FROM `calls_per_hour_v1` FINAL');
    const daily = await ask({ kpi: 'phone_answered', ...DAY, granularity: 'month' });
    expect(daily.statements[0]).toContain('FROM `calls_per_day_v1` FINAL');
  });

  it('answers per product from the product rollup, and survey hours from the facts', async () => {
    const product = await ask({ kpi: 'counter_visits', ...DAY, group_by: 'product' });
    expect(product.statements[0]).toContain('FROM `visits_by_product_per_day_v1` FINAL');
    const survey = await ask({ kpi: 'survey_mean_score', ...DAY, group_by: 'hour_of_day' });
    expect(survey.statements[0]).toContain('FROM survey_facts_v1 FINAL');
  });

  it('refuses a filter, a grouping or a granularity the KPI’s tables do not have, naming the field', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ kpi: 'counter_wait_mean', case_type: 'paspoort' }, 'case_type'],
      [{ kpi: 'phone_service_level', location: 'centrum' }, 'location'],
      [{ kpi: 'cases_closed', group_by: 'queue' }, 'group_by'],
      [{ kpi: 'cases_closed', group_by: 'hour_of_day' }, 'group_by'],
      [{ kpi: 'cases_closed', granularity: 'hour' }, 'granularity'],
      [{ kpi: 'counter_no_shows', product: 'paspoort' }, 'product'],
      [{ kpi: 'counter_visits', group_by: 'location,location' }, 'group_by'],
    ];
    for (const [params, field] of cases) {
      const { res, statements } = await ask({ ...DAY, ...params });
      expect(res.statusCode, JSON.stringify(params)).toBe(400);
      expect(res.json().issues[0].field, JSON.stringify(params)).toBe(field);
      expect(statements).toEqual([]);
    }
  });

  it('refuses periods that are empty, reversed, or not whole days or hours where they must be', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ from: '2026-04-30', to: '2026-04-01' }, 'to'],
      [{ from: '2026-04-28T10:00:00+02:00', to: '2026-04-28T10:00:00+02:00', granularity: 'hour' }, 'to'],
      [{ from: '2026-04-28T10:00:00+02:00', to: '2026-04-29' }, 'from'],
      [{ from: '2026-04-28T10:30:00+02:00', to: '2026-04-28T12:00:00+02:00', granularity: 'hour' }, 'from'],
      [{ from: '1999-12-31', to: '2026-01-01' }, 'from'],
    ];
    for (const [params, field] of cases) {
      const { res } = await ask({ kpi: 'counter_visits', ...params });
      expect(res.statusCode, JSON.stringify(params)).toBe(400);
      expect(res.json().issues[0].field, JSON.stringify(params)).toBe(field);
    }
  });

  it('takes a date as a whole local day and a local midnight instant alike', async () => {
    const dates = await ask({ kpi: 'counter_visits', from: '2026-03-29', to: '2026-03-29' });
    const instants = await ask({
      kpi: 'counter_visits',
      from: '2026-03-29T00:00:00+01:00',
      to: '2026-03-30T00:00:00+02:00',
    });
    expect(dates.res.json().period).toEqual({
      from: '2026-03-29T00:00:00+01:00',
      to: '2026-03-30T00:00:00+02:00',
      time_zone: 'Europe/Amsterdam',
    });
    expect(instants.res.json().period).toEqual(dates.res.json().period);
    expect(instants.statements).toEqual(dates.statements);
  });

  it('leaves history to managers and admins', async () => {
    for (const role of ['wallscreen', 'teamlead'] as const) {
      const { res, statements } = await ask({ kpi: 'counter_visits', ...DAY }, { ...MANAGER, role });
      expect(res.statusCode, role).toBe(403);
      expect(statements).toEqual([]);
    }
    expect((await ask({ kpi: 'counter_visits', ...DAY }, { ...MANAGER, role: 'admin' })).res.statusCode).toBe(
      200,
    );
  });

  it('narrows a caller limited to some locations to them, and refuses the others', async () => {
    const limited = { ...MANAGER, locations: ['centrum', 'zuidoost'] };
    const own = await ask({ kpi: 'counter_visits', ...DAY }, limited);
    expect(own.res.statusCode).toBe(200);
    expect(own.statements[0]).toContain("has(['centrum', 'zuidoost'], CAST(location_id AS String))");
    const other = await ask({ kpi: 'counter_visits', ...DAY, location: 'noord' }, limited);
    expect(other.res.statusCode).toBe(403);
    expect(other.res.json().issues[0].field).toBe('location');
    const phone = await ask({ kpi: 'phone_answered', ...DAY }, limited);
    expect(phone.res.statusCode).toBe(403);
  });

  it('echoes the query, the KPI’s unit and definition, and the tables it reads', async () => {
    const { res } = await ask({ kpi: 'phone_service_level', ...DAY, norm: '20' });
    expect(res.json()).toMatchObject({
      query: { kpi: 'phone_service_level', ...DAY, granularity: 'day', norm: '20' },
      kpi: { name: 'phone_service_level', unit: 'share', norm: { unit: 'seconds' } },
      tables: ['answer waits per hour', 'answer waits per day', 'calls per hour', 'calls per day'],
      rows: [],
    });
  });

  it('refuses a question whose answer would pass the row limit, saying how to narrow it', async () => {
    const many = Array.from({ length: 10_001 }, (_, i) => ({
      bucket: `2026-01-01 00:00:00`,
      g_queue: `q${i}`,
      m_offered: 1,
      m_queued: 1,
      m_answered: 1,
      m_abandoned_in_queue: 0,
      m_abandoned_short: 0,
      m_abandoned_in_menu: 0,
      m_blocked: 0,
      m_answer_wait_sum: 1,
      m_handling_sum: 1,
    }));
    app = await buildHistoryApp({ ...unreachableDb, query: async <Row>() => many as Row[] });
    const res = await app.inject({
      method: 'GET',
      url: historyUrl({ kpi: 'phone_answered', ...DAY, granularity: 'hour', group_by: 'queue' }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().reason).toContain(
      'more than 10000 rows; narrow the period, the granularity or the grouping',
    );
  });
});
