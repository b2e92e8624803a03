import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIMENSIONS } from '../../src/tables/statement.js';
import { buildHistoryApp, historyUrl, unreachableDb } from './build.js';
import { HOSTILE_VALUES } from './hostile-values.js';

/**
 * Acceptance 2 of the gateway: hostile values through every filter parameter (and every other
 * query parameter) are refused with 400 and a reason naming the field, before any statement is
 * sent: the Db here fails the test if it is reached.
 */

const VALID = { kpi: 'counter_visits', from: '2026-04-01', to: '2026-04-30' };

const PARAMETERS = [...DIMENSIONS, 'kpi', 'from', 'to', 'granularity', 'group_by', 'norm'] as const;

describe('hostile input to GET /api/v1/history', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildHistoryApp(unreachableDb);
  });
  afterAll(() => app.close());

  it('has a corpus of at least 40 distinct hostile values', () => {
    expect(new Set(HOSTILE_VALUES).size).toBe(HOSTILE_VALUES.length);
    expect(HOSTILE_VALUES.length).toBeGreaterThanOrEqual(40);
  });

  for (const path of ['/api/v1/history', '/api/v1/history/export']) {
    for (const parameter of PARAMETERS) {
      it(`${path}: refuses every hostile ${parameter} with 400 naming ${parameter}, without querying`, async () => {
        const failures: string[] = [];
        for (const value of HOSTILE_VALUES) {
          const res = await app.inject({
            method: 'GET',
            url: historyUrl({ ...VALID, format: 'csv', [parameter]: value }, path),
          });
          const body = res.json();
          if (res.statusCode !== 400)
            failures.push(`${JSON.stringify(value)}: ${res.statusCode} ${res.body.slice(0, 200)}`);
          else if (!body.issues?.some((i: { field: string | null }) => i.field === parameter))
            failures.push(
              `${JSON.stringify(value)}: 400 without naming ${parameter}: ${res.body.slice(0, 200)}`,
            );
          else if (typeof body.reason !== 'string' || body.reason.length === 0)
            failures.push(`${JSON.stringify(value)}: no reason`);
        }
        expect(failures).toEqual([]);
      });
    }
  }

  for (const parameter of PARAMETERS) {
    it(`refuses ${parameter} given twice (an array where a scalar belongs)`, async () => {
      const valid = { ...VALID, location: 'centrum', queue: 'q1', product: 'paspoort', channel: 'counter' };
      const one = (valid as Record<string, string>)[parameter] ?? 'day';
      const res = await app.inject({ method: 'GET', url: historyUrl({ ...VALID, [parameter]: [one, one] }) });
      expect(res.statusCode).toBe(400);
      expect(res.json().issues.map((i: { field: string }) => i.field)).toContain(parameter);
    });
  }

  it('refuses unknown fields, bracket arrays and the tenant as a parameter, naming them', async () => {
    for (const name of [
      'tenant',
      'locatoin',
      'location[]',
      'location[0]',
      '__proto__',
      'constructor',
      'limit',
    ]) {
      const res = await app.inject({ method: 'GET', url: historyUrl({ ...VALID, [name]: 'GM0014' }) });
      expect(res.statusCode, name).toBe(400);
      expect(res.json().issues, name).toContainEqual({ field: name, reason: 'is not a known parameter' });
    }
  });

  it('refuses a numeric norm beyond what the KPI allows, and a norm on a KPI that has none', async () => {
    const share = { ...VALID, kpi: 'counter_wait_share_within_norm' };
    for (const norm of ['0', '0.0', '86401', '9999999']) {
      const res = await app.inject({ method: 'GET', url: historyUrl({ ...share, norm }) });
      expect(res.statusCode, norm).toBe(400);
      expect(res.json().issues[0].field).toBe('norm');
    }
    const res = await app.inject({ method: 'GET', url: historyUrl({ ...VALID, norm: '30' }) });
    expect(res.json()).toMatchObject({ error: 'bad_request', issues: [{ field: 'norm' }] });
  });
});
