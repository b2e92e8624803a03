import type { Db } from '@stuurwiel/clickhouse';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neutralise } from '../../src/export/neutralise.js';
import { buildHistoryApp, historyUrl, unreachableDb } from '../history/build.js';
import { parseCsvExport, parseXlsxExport } from './parse.js';

/**
 * Exports of a history result, parsed back: the same numbers as the JSON, the KPI, unit, period
 * and query in the file, and text that a spreadsheet would run as a formula neutralised.
 */

// Rows as ClickHouse returns them for visits per day by location; location ids from a source
// system that start like formulas (the filter refuses them, a group can still hold them).
const STORED = [
  {
    bucket: '2026-04-27',
    g_location: '=HYPERLINK("http://evil","x")',
    visits: '12',
    wait_count: 10,
    wait_sum: 3000.5,
  },
  { bucket: '2026-04-27', g_location: '+31', visits: 3, wait_count: 0, wait_sum: 0 },
  { bucket: '2026-04-28', g_location: '-1', visits: 4, wait_count: 4, wait_sum: 100 },
  { bucket: '2026-04-28', g_location: '@SUM(A1)', visits: 5, wait_count: 2, wait_sum: 61 },
  { bucket: '2026-04-28', g_location: 'centrum', visits: 7, wait_count: 7, wait_sum: 700 },
].map(({ visits, wait_count, wait_sum, ...r }) => ({
  ...r,
  m_visits: visits,
  m_served: 0,
  m_no_shows: 0,
  m_left_or_removed: 0,
  m_wait_count: wait_count,
  m_wait_sum: wait_sum,
  m_service_count: 0,
  m_service_sum: 0,
}));

const cannedDb: Db = { ...unreachableDb, query: async <Row>() => STORED as Row[] };

const QUERY = { kpi: 'counter_wait_mean', from: '2026-04-27', to: '2026-04-28', group_by: 'location' };

describe('history exports', () => {
  let app: FastifyInstance;
  let json: { rows: { bucket: string; group: { location: string }; value: number | null; unit: string }[] };
  beforeAll(async () => {
    app = await buildHistoryApp(cannedDb);
    json = (await app.inject({ method: 'GET', url: historyUrl(QUERY) })).json();
  });
  afterAll(() => app.close());

  it('neutralises text that starts with =, +, - or @, and leaves other text and numbers alone', () => {
    expect(['=1+1', '+31', '-1', '@SUM(A1)', '\t=1', 'centrum', '2026-04-27'].map(neutralise)).toEqual([
      "'=1+1",
      "'+31",
      "'-1",
      "'@SUM(A1)",
      "'\t=1",
      'centrum',
      '2026-04-27',
    ]);
  });

  it('writes CSV with the KPI, unit, period and query above the same numbers as the JSON', async () => {
    const res = await app.inject({
      method: 'GET',
      url: historyUrl({ ...QUERY, format: 'csv' }, '/api/v1/history/export'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="counter_wait_mean_2026-04-27_2026-04-28.csv"',
    );
    const { about, rows } = parseCsvExport(res.rawPayload);
    expect(about).toMatchObject({
      kpi: 'counter_wait_mean',
      unit: 'seconds',
      'period from': '2026-04-27T00:00:00+02:00',
      'period to (exclusive)': '2026-04-29T00:00:00+02:00',
      'time zone': 'Europe/Amsterdam',
      'query group_by': 'location',
      'query from': '2026-04-27',
    });
    expect(rows.map((r) => [r.bucket, r.location, r.value === '' ? null : Number(r.value), r.unit])).toEqual(
      json.rows.map((r) => [r.bucket, neutralise(r.group.location), r.value, r.unit]),
    );
    expect(rows.map((r) => r.location)).toEqual([
      `'=HYPERLINK("http://evil","x")`,
      "'+31",
      "'-1",
      "'@SUM(A1)",
      'centrum',
    ]);
    // A group without waits has no mean: an empty cell, not 0.
    expect(json.rows[1]?.value).toBeNull();
    expect(rows[1]?.value).toBe('');
  });

  it('writes XLSX with the rows on one sheet and the KPI, period and query on another', async () => {
    const res = await app.inject({
      method: 'GET',
      url: historyUrl({ ...QUERY, format: 'xlsx' }, '/api/v1/history/export'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const { about, rows } = await parseXlsxExport(res.rawPayload);
    expect(about).toMatchObject({
      kpi: 'counter_wait_mean',
      unit: 'seconds',
      'query kpi': 'counter_wait_mean',
    });
    expect(rows.map((r) => [r.bucket, r.location, r.value])).toEqual(
      json.rows.map((r) => [r.bucket, neutralise(r.group.location), r.value]),
    );
    // Numbers are numeric cells, not text.
    expect(typeof rows[0]?.value).toBe('number');
    // No cell holds a formula.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula))),
    );
  });

  it('refuses a format it does not write, naming the field', async () => {
    const res = await app.inject({
      method: 'GET',
      url: historyUrl({ ...QUERY, format: 'pdf' }, '/api/v1/history/export'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0].field).toBe('format');
  });
});
