import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIMENSIONS } from '../../src/tables/statement.js';
import { buildHistoryApp, historyUrl, unreachableDb } from './build.js';

/**
 * Acceptance 2 of the gateway: hostile values through every filter parameter (and every other
 * query parameter) are refused with 400 and a reason naming the field, before any statement is
 * sent: the Db here fails the test if it is reached.
 */

export const HOSTILE_VALUES: readonly string[] = [
  // Quotes and escapes.
  "'",
  '"',
  "centrum'",
  "' OR '1'='1",
  "centrum' OR tenant != '",
  '" OR ""="',
  '\\',
  "\\'",
  'centrum\\',
  '`tenant`',
  // SQL comments and statements.
  '--',
  'centrum--',
  'centrum -- x',
  '/* x */',
  'centrum/**/',
  '#',
  "'; DROP TABLE visits_per_day_v1; --",
  'centrum; SELECT 1',
  '1 UNION ALL SELECT * FROM system.tables',
  '{p0:String}',
  // Unicode tricks.
  'centrum\u202Eexe.txt', // right-to-left override
  'c\u0435ntrum', // Cyrillic e, a homoglyph
  'сentrum', // Cyrillic s
  'centrum\u200B', // zero-width space
  '\uFEFFcentrum', // byte-order mark
  'ｃｅｎｔｒｕｍ', // full-width letters
  'centrum\u0301', // combining accent
  '\uD83D\uDE00',
  '١٢٣', // Arabic-Indic digits
  // Control characters.
  'centrum\u0000',
  '\u0000',
  'centrum\n',
  'centrum\r\nX-Injected: 1',
  '\t',
  // Numbers that are no numbers, or too big.
  '-1',
  '-0',
  '+1',
  '1e+309',
  '-9007199254740993',
  '9'.repeat(400),
  '-NaN',
  '+Infinity',
  '-Infinity',
  '0x1p+1024',
  // Overlong and empty.
  'a'.repeat(129),
  'a'.repeat(10_000),
  '',
  ' ',
  // Formula starts (a spreadsheet would run them).
  '=HYPERLINK("http://evil")',
  '@SUM(1)',
  // Paths and markup.
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '%27',
];

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
