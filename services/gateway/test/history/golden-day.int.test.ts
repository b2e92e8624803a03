import { buildApp as buildAggregator } from '@stuurwiel/aggregator';
import { testKafka, uniqueName, useInfra, useTestDatabase } from '@stuurwiel/infra/testing';
import { createProducer } from '@stuurwiel/kafka';
import { type CanonicalEvent, partitionKey, topicFor } from '@stuurwiel/schemas';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOLDEN_DAY, type GoldenDay, generateGoldenDay } from '../../../../test/golden/generate.js';
import { referenceHistoryRollups } from '../../../../test/golden/history.js';
import { referenceDailyRollups, referenceRollups } from '../../../../test/golden/reference.js';
import { formatLocal } from '../../../../test/golden/time.js';
import { aggregatorConfig, aggregatorTopics } from '../../../aggregator/test/e2e/harness.js';
import type { Principal } from '../../src/auth/principal.js';
import { parseCsvExport, parseXlsxExport } from '../export/parse.js';
import { buildHistoryApp, historyUrl, MANAGER } from './build.js';

/**
 * Acceptance 3 of the gateway: the golden day (test/golden) goes through the real aggregator into
 * ClickHouse, as in test/integration/golden-day.int.test.ts; then history through the API, for a
 * manager of each municipality, equals the values the reference calculation (which shares no code
 * with the aggregator or the gateway) derives from the same events: counts exactly, shares within
 * the norm in force and within a norm given in the request, means to 1e-9 relative. The CSV and
 * XLSX exports, parsed back, hold the same numbers.
 */

type Row = Record<string, unknown>;
type Key = { bucket: string; group: Record<string, string | number> };
type ApiRow = Key & { value: number | null; basis: number; norm?: number | null };

interface Check {
  name: string;
  params: Record<string, string>;
  /** The reference rows of one tenant. */
  rows: (tenant: string) => readonly Row[];
  key: (row: Row) => Key;
  value: (rows: readonly Row[]) => number | null;
}

const num = (r: Row, field: string) => Number(r[field]);
const total = (rows: readonly Row[], field: string) => rows.reduce((a, r) => a + num(r, field), 0);
const ratio = (n: number, d: number) => (d > 0 ? n / d : null);
const values = (rows: readonly Row[]) => rows.flatMap((r) => r.values as number[]);
const within = (rows: readonly Row[], norm: number) => values(rows).filter((v) => v <= norm).length;

const PERIOD = { from: '2026-01-01', to: '2026-06-30' };
const byDay =
  (...groups: [string, string][]) =>
  (r: Row): Key => ({
    bucket: String(r.day),
    group: Object.fromEntries(groups.map(([name, field]) => [name, String(r[field])])),
  });
const keyText = (k: Key) => `${k.bucket} ${JSON.stringify(Object.entries(k.group).sort())}`;

describe('history of the golden day through the API', () => {
  const db = useTestDatabase('gwgolden');
  const prefix = `${uniqueName('gwgolden')}.`;
  let golden: GoldenDay;
  let aggregator: ReturnType<typeof buildAggregator> | undefined;
  const apps = new Map<string, FastifyInstance>();
  let checks: Check[] = [];

  beforeAll(async () => {
    golden = generateGoldenDay();
    const infra = useInfra();
    await aggregatorTopics(infra, prefix);
    const end = golden.evaluationTimes.at(-1)!;
    aggregator = buildAggregator(aggregatorConfig(infra, db(), prefix), {
      clock: () => new Date(end),
      onFatal: (error) => console.error('aggregator fatal', error),
    });
    await aggregator.start();
    const producer = createProducer(testKafka(infra, 'gwgolden-producer'));
    await producer.connect();
    const byTopic = new Map<string, CanonicalEvent[]>();
    for (const e of golden.events)
      byTopic.set(topicFor(e.type), [...(byTopic.get(topicFor(e.type)) ?? []), e]);
    for (const [topic, events] of byTopic) {
      for (let i = 0; i < events.length; i += 1000) {
        await producer.send(
          `${prefix}${topic}`,
          events.slice(i, i + 1000).map((e) => ({ key: partitionKey(e), value: JSON.stringify(e) })),
        );
      }
    }
    await producer.disconnect();
    for (const tenant of golden.tenants) {
      const principal: Principal = { ...MANAGER, tenant, subject: `manager-${tenant}` };
      apps.set(tenant, await buildHistoryApp(db(), principal));
    }
    checks = buildChecks(golden.events);
  }, 180_000);

  afterAll(async () => {
    for (const app of apps.values()) await app.close();
    await aggregator?.app.close();
  });

  async function ask(tenant: string, params: Record<string, string>, path = '/api/v1/history') {
    return apps.get(tenant)!.inject({ method: 'GET', url: historyUrl(params, path) });
  }

  /** The differences between the API and the reference, over every check and municipality. */
  let compared = 0;
  async function differences(): Promise<string[]> {
    const out: string[] = [];
    compared = 0;
    for (const check of checks) {
      for (const tenant of golden.tenants) {
        const res = await ask(tenant, check.params);
        if (res.statusCode !== 200) {
          out.push(`${check.name} ${tenant}: ${res.statusCode} ${res.body}`);
          continue;
        }
        const actual = new Map((res.json().rows as ApiRow[]).map((r) => [keyText(r), r]));
        const grouped = new Map<string, Row[]>();
        for (const row of check.rows(tenant)) {
          const k = keyText(check.key(row));
          grouped.set(k, [...(grouped.get(k) ?? []), row]);
        }
        for (const [k, rows] of grouped) {
          const expected = check.value(rows);
          const got = actual.get(k);
          actual.delete(k);
          if (expected !== null && expected > 0) compared += 1;
          if (!got) out.push(`${check.name} ${tenant} ${k}: missing (expected ${expected})`);
          else if (
            expected === null
              ? got.value !== null
              : got.value === null || Math.abs(got.value - expected) > 1e-9 * Math.max(1, Math.abs(expected))
          )
            out.push(`${check.name} ${tenant} ${k}: ${got.value} ≠ ${expected}`);
        }
        // A group the reference has no rows for may only be one a recomputation left empty.
        for (const [k, r] of actual)
          if (r.basis !== 0) out.push(`${check.name} ${tenant} ${k}: unexpected row ${JSON.stringify(r)}`);
      }
    }
    return out;
  }

  it('equals the reference for every KPI checked, for both municipalities', async () => {
    expect(checks.length).toBeGreaterThanOrEqual(20);
    // Every check compares something for both municipalities.
    for (const check of checks)
      for (const tenant of golden.tenants)
        expect(check.rows(tenant).length, `${check.name} ${tenant}`).toBeGreaterThan(0);
    const deadline = Date.now() + 240_000;
    let problems = await differences();
    while (problems.length > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 2000));
      problems = await differences();
    }
    expect(problems.slice(0, 40), `${problems.length} differences`).toEqual([]);
    // Agreement on zeros and empty groups would prove nothing.
    expect(compared).toBeGreaterThan(150);
  }, 300_000);

  it('exports the same numbers as CSV and XLSX, with the KPI, unit, period and query', async () => {
    const params = { kpi: 'phone_service_level', ...PERIOD, group_by: 'queue', norm: '20' };
    for (const tenant of golden.tenants) {
      const json = (await ask(tenant, params)).json() as { rows: ApiRow[] };
      expect(json.rows.length).toBeGreaterThan(0);
      const expected = json.rows.map((r) => [r.bucket, r.group.queue, r.value]);
      const csv = await ask(tenant, { ...params, format: 'csv' }, '/api/v1/history/export');
      const parsedCsv = parseCsvExport(csv.rawPayload);
      expect(parsedCsv.about).toMatchObject({
        kpi: 'phone_service_level',
        unit: 'share',
        'norm unit': 'seconds',
        'period from': '2026-01-01T00:00:00+01:00',
        'period to (exclusive)': '2026-07-01T00:00:00+02:00',
        'query norm': '20',
        'query group_by': 'queue',
      });
      expect(parsedCsv.rows.map((r) => [r.bucket, r.queue, r.value === '' ? null : Number(r.value)])).toEqual(
        expected,
      );
      const xlsx = await ask(tenant, { ...params, format: 'xlsx' }, '/api/v1/history/export');
      const parsedXlsx = await parseXlsxExport(xlsx.rawPayload);
      expect(parsedXlsx.about).toMatchObject({ kpi: 'phone_service_level', 'query norm': '20' });
      expect(parsedXlsx.rows.map((r) => [r.bucket, r.queue, r.value])).toEqual(expected);
    }
  }, 60_000);
});

/** The checks: KPIs, groupings and norms, each with the reference rows and how to form the value. */
function buildChecks(events: CanonicalEvent[]): Check[] {
  const hourly = referenceRollups(events);
  const daily = referenceDailyRollups(events);
  const history = referenceHistoryRollups(events);
  const of =
    (rows: readonly object[]) =>
    (tenant: string): Row[] =>
      (rows as Row[]).filter((r) => r.tenant === tenant);
  // The service level's denominator: the calls of the same day and queue.
  const callsByKey = new Map(daily.calls_per_day.map((c) => [`${c.tenant}|${c.day}|${c.queue_id}`, c]));
  const offeredOf = (rows: readonly Row[]) =>
    rows.reduce((a, r) => {
      const calls = callsByKey.get(`${r.tenant}|${r.day}|${r.queue_id}`);
      return a + (calls ? calls.queued - calls.abandoned_short : 0);
    }, 0);
  const day = (kpi: string, extra: Record<string, string> = {}) => ({ kpi, ...PERIOD, ...extra });
  return [
    {
      name: 'counter visits by location and kind',
      params: day('counter_visits', { group_by: 'location,visit_type' }),
      rows: of(hourly.visits_per_day),
      key: byDay(['location', 'location_id'], ['visit_type', 'kind']),
      value: (rows) => total(rows, 'visits'),
    },
    {
      name: 'counter visits per hour and queue',
      params: {
        kpi: 'counter_visits',
        from: GOLDEN_DAY,
        to: GOLDEN_DAY,
        granularity: 'hour',
        group_by: 'queue',
      },
      rows: of(hourly.visits_per_hour),
      key: (r) => ({ bucket: formatLocal(Date.parse(String(r.hour))), group: { queue: String(r.queue_id) } }),
      value: (rows) => total(rows, 'visits'),
    },
    {
      name: 'counter visits by local hour of day',
      params: day('counter_visits', { group_by: 'hour_of_day' }),
      rows: of(hourly.visits_per_hour),
      key: (r) => ({
        bucket: GOLDEN_DAY,
        group: { hour_of_day: Number(formatLocal(Date.parse(String(r.hour))).slice(11, 13)) },
      }),
      value: (rows) => total(rows, 'visits'),
    },
    {
      name: 'counter visits per quarter',
      params: day('counter_visits', { granularity: 'quarter' }),
      rows: of(hourly.visits_per_day),
      key: () => ({ bucket: '2026-04-01', group: {} }),
      value: (rows) => total(rows, 'visits'),
    },
    {
      name: 'counter served by location',
      params: day('counter_served', { group_by: 'location' }),
      rows: of(hourly.visits_per_day),
      key: byDay(['location', 'location_id']),
      value: (rows) => total(rows, 'served'),
    },
    {
      name: 'counter no-shows by kind',
      params: day('counter_no_shows', { group_by: 'visit_type' }),
      rows: of(hourly.visits_per_day),
      key: byDay(['visit_type', 'kind']),
      value: (rows) => total(rows, 'no_shows'),
    },
    {
      name: 'counter wait mean by kind',
      params: day('counter_wait_mean', { group_by: 'visit_type' }),
      rows: of(hourly.visits_per_day),
      key: byDay(['visit_type', 'kind']),
      value: (rows) => ratio(total(rows, 'wait_sum'), total(rows, 'wait_count')),
    },
    {
      name: 'counter visits by product',
      params: day('counter_visits', { group_by: 'product' }),
      rows: of(daily.visits_by_product_per_day),
      key: byDay(['product', 'product_id']),
      value: (rows) => total(rows, 'visits'),
    },
    {
      name: 'counter waits within the norm in force, by location',
      params: day('counter_wait_share_within_norm', { group_by: 'location' }),
      rows: of(history.visit_waits_per_day),
      key: byDay(['location', 'location_id']),
      value: (rows) => ratio(total(rows, 'waited_within_norm'), total(rows, 'wait_count')),
    },
    {
      name: 'counter waits within 5 minutes (a norm in the request), by queue and kind',
      params: day('counter_wait_share_within_norm', { group_by: 'queue,visit_type', norm: '300' }),
      rows: of(history.visit_waits_per_day),
      key: byDay(['queue', 'queue_id'], ['visit_type', 'kind']),
      value: (rows) => ratio(within(rows, 300), values(rows).length),
    },
    {
      name: 'phone calls offered to a queue, by queue',
      params: day('phone_offered', { group_by: 'queue' }),
      rows: of(daily.calls_per_day),
      key: byDay(['queue', 'queue_id']),
      value: (rows) => total(rows, 'queued'),
    },
    {
      name: 'phone answered per hour',
      params: { kpi: 'phone_answered', from: GOLDEN_DAY, to: GOLDEN_DAY, granularity: 'hour' },
      rows: of(hourly.calls_per_hour),
      key: (r) => ({ bucket: formatLocal(Date.parse(String(r.hour))), group: {} }),
      value: (rows) => total(rows, 'answered'),
    },
    {
      name: 'phone abandonment rate by queue',
      params: day('phone_abandonment_rate', { group_by: 'queue' }),
      rows: of(daily.calls_per_day),
      key: byDay(['queue', 'queue_id']),
      value: (rows) =>
        ratio(
          total(rows, 'abandoned_in_queue') - total(rows, 'abandoned_short'),
          total(rows, 'queued') - total(rows, 'abandoned_short'),
        ),
    },
    {
      name: 'phone answer wait mean',
      params: day('phone_answer_wait_mean'),
      rows: of(daily.calls_per_day),
      key: byDay(),
      value: (rows) => ratio(total(rows, 'answer_wait_sum'), total(rows, 'answered')),
    },
    {
      name: 'phone service level under the norm in force, by queue',
      params: day('phone_service_level', { group_by: 'queue' }),
      rows: of(history.call_waits_per_day),
      key: byDay(['queue', 'queue_id']),
      value: (rows) => ratio(total(rows, 'answered_within_norm'), offeredOf(rows)),
    },
    {
      name: 'phone service level within 20 s (a norm in the request)',
      params: day('phone_service_level', { norm: '20' }),
      rows: of(history.call_waits_per_day),
      key: byDay(),
      value: (rows) => ratio(within(rows, 20), offeredOf(rows)),
    },
    {
      name: 'phone answered within the norm in force ÷ answered, by queue',
      params: day('phone_service_level_of_answered', { group_by: 'queue' }),
      rows: of(history.call_waits_per_day),
      key: byDay(['queue', 'queue_id']),
      value: (rows) => ratio(total(rows, 'answered_within_norm'), total(rows, 'answer_wait_count')),
    },
    {
      name: 'callbacks requested by queue',
      params: day('callbacks_requested', { group_by: 'queue' }),
      rows: of(history.callbacks_per_day),
      key: byDay(['queue', 'queue_id']),
      value: (rows) => total(rows, 'requested'),
    },
    {
      name: 'callbacks on time',
      params: day('callbacks_on_time_share'),
      rows: of(history.callbacks_per_day),
      key: byDay(),
      value: (rows) =>
        ratio(total(rows, 'completed_on_time'), total(rows, 'completed') - total(rows, 'cancelled')),
    },
    {
      name: 'cases closed by case type',
      params: day('cases_closed', { group_by: 'case_type' }),
      rows: of(daily.cases_per_day),
      key: byDay(['case_type', 'case_type_id']),
      value: (rows) => total(rows, 'closed'),
    },
    {
      name: 'cases closed within their deadline, by team',
      params: day('cases_closed_within_norm_share', { group_by: 'team' }),
      rows: of(history.case_lead_times_per_day),
      key: byDay(['team', 'team_id']),
      value: (rows) => ratio(total(rows, 'closed_within_norm'), total(rows, 'closed')),
    },
    {
      name: 'cases closed within 8 weeks (a norm in the request), per month',
      params: day('cases_closed_within_norm_share', { norm: '56', granularity: 'month' }),
      rows: of(history.case_lead_times_per_day),
      key: (r) => ({ bucket: `${String(r.day).slice(0, 7)}-01`, group: {} }),
      value: (rows) => ratio(within(rows, 56), values(rows).length),
    },
    {
      name: 'case lead time mean by case type',
      params: day('case_lead_time_mean', { group_by: 'case_type' }),
      rows: of(daily.cases_per_day),
      key: byDay(['case_type', 'case_type_id']),
      value: (rows) => ratio(total(rows, 'lead_time_days_sum'), total(rows, 'closed')),
    },
    {
      name: 'written received by channel',
      params: day('written_received', { group_by: 'channel' }),
      rows: of(daily.written_per_day),
      key: byDay(['channel', 'channel']),
      value: (rows) => total(rows, 'received'),
    },
    {
      name: 'written answered within the norm in force, by channel',
      params: day('written_answered_within_norm_share', { group_by: 'channel' }),
      rows: of(history.written_answers_per_day),
      key: byDay(['channel', 'channel']),
      value: (rows) => ratio(total(rows, 'answered_within_norm'), total(rows, 'answered')),
    },
    {
      name: 'written answered within 1 working day (a norm in the request), by team',
      params: day('written_answered_within_norm_share', { group_by: 'team', norm: '1' }),
      rows: of(history.written_answers_per_day),
      key: byDay(['team', 'team_id']),
      value: (rows) => ratio(within(rows, 1), values(rows).length),
    },
    {
      name: 'survey responses by channel',
      params: day('survey_responses', { group_by: 'channel' }),
      rows: of(daily.survey_per_day),
      key: byDay(['channel', 'channel']),
      value: (rows) => total(rows, 'responses'),
    },
    {
      name: 'survey mean score by location',
      params: day('survey_mean_score', { group_by: 'location' }),
      rows: of(daily.survey_per_day),
      key: byDay(['location', 'location_id']),
      value: (rows) => ratio(total(rows, 'score_normalised_sum'), total(rows, 'responses')),
    },
    {
      name: 'survey satisfied share by weekday',
      params: day('survey_satisfied_share', { group_by: 'weekday' }),
      rows: of(daily.survey_per_day),
      key: (r) => ({
        bucket: String(r.day),
        group: { weekday: ((new Date(`${r.day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1 },
      }),
      value: (rows) => ratio(total(rows, 'satisfied'), total(rows, 'responses')),
    },
  ];
}
