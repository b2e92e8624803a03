import { buildApp } from '@stuurwiel/aggregator';
import { type Db, ident, sql } from '@stuurwiel/clickhouse';
import { testKafka, uniqueName, useInfra, useTestDatabase } from '@stuurwiel/infra/testing';
import { createConsumer, createProducer, type EventConsumer } from '@stuurwiel/kafka';
import {
  type CanonicalEvent,
  type KpiSnapshot,
  kpiSnapshot,
  kpiSnapshotKey,
  partitionKey,
  percentileOf,
  shareWithin,
  TOPICS,
  topicFor,
} from '@stuurwiel/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregatorConfig, aggregatorTopics } from '../../services/aggregator/test/e2e/harness.js';
import { type GoldenDay, generateGoldenDay } from '../golden/generate.js';
import { referenceHistoryRollups } from '../golden/history.js';
import {
  isEmptySnapshot,
  type ReferenceSnapshot,
  referenceDailyRollups,
  referenceRollups,
  referenceSnapshots,
} from '../golden/reference.js';

/**
 * Acceptance of the aggregator: a generated day for two municipalities goes through the real
 * broker and ClickHouse, and what the aggregator publishes and stores must equal a plain
 * reference calculation (test/golden/reference.ts) that shares no code with it: counts exactly,
 * means within 0.5 s, percentiles by the documented method.
 */

const MEAN_TOLERANCE = 0.5;
const EXACT = 1e-9;

/** Differences between a published snapshot and the reference, as readable lines. */
function differences(actual: unknown, expected: unknown, path: string, out: string[]): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const leaf = path.slice(path.lastIndexOf('.') + 1);
    const tolerance = /mean|average|expected_wait|arrivals_per_hour|sum/.test(leaf) ? MEAN_TOLERANCE : EXACT;
    if (Math.abs(actual - expected) > tolerance) out.push(`${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (expected !== null && typeof expected === 'object' && actual !== null && typeof actual === 'object') {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const k of keys) {
      differences(
        (actual as Record<string, unknown>)[k],
        (expected as Record<string, unknown>)[k],
        `${path}.${k}`,
        out,
      );
    }
    return;
  }
  if (actual !== expected) out.push(`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
}

function compareSnapshots(
  published: ReadonlyMap<string, KpiSnapshot>,
  expected: ReferenceSnapshot[],
  asOf: string,
) {
  const out: string[] = [];
  const expectedKeys = new Set<string>();
  for (const ref of expected) {
    const key = kpiSnapshotKey(ref);
    expectedKeys.add(key);
    const got = published.get(key);
    if (!got) {
      if (!isEmptySnapshot(ref)) out.push(`${key}: not published`);
      continue;
    }
    // The publisher skips a snapshot whose content did not change, so an unchanged scope may
    // still carry an earlier as_of; its content must equal the reference at this moment anyway.
    if (Date.parse(got.as_of) > Date.parse(asOf)) {
      out.push(`${key}: as_of ${got.as_of}, after ${asOf}`);
      continue;
    }
    const { computed_at: _c, last_event_at: _l, as_of: _a, ...comparable } = got;
    if (comparable.domain === 'sources') {
      // The receive time is the aggregator's clock when the event came: there must be one, not
      // after the clock's now; no reference knows it.
      const received = comparable.now.last_received_at;
      if (received === null || Date.parse(received) > Date.parse(asOf))
        out.push(`${key}: last_received_at ${received} is not a receipt on the aggregator's clock`);
      comparable.now = { ...comparable.now, last_received_at: null };
    }
    differences({ ...comparable, as_of: ref.as_of }, ref, key, out);
  }
  for (const key of published.keys()) if (!expectedKeys.has(key)) out.push(`${key}: published, not expected`);
  return out;
}

const strip = <T extends Record<string, unknown>>(row: T) => {
  const { computed_at: _c, ...rest } = row;
  return rest;
};

function sortRows<T>(rows: T[]): T[] {
  return rows
    .map((r) => JSON.stringify(r))
    .sort()
    .map((r) => JSON.parse(r) as T);
}

/** Rows of a rollup table, numbers as numbers and times as the reference writes them. */
async function rollup(
  db: Db,
  table: string,
  time: 'hour' | 'day' | null,
): Promise<Record<string, unknown>[]> {
  const rows = await db.query<Record<string, unknown>>(sql`SELECT * FROM ${ident(table)} FINAL`);
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(strip(row))) {
      if (k === time && time === 'hour') out[k] = new Date(`${String(v).replace(' ', 'T')}Z`).toISOString();
      else if (typeof v === 'string' && /^-?\d+(\.\d+)?(e[-+]?\d+)?$/.test(v) && k !== 'day')
        out[k] = Number(v);
      else out[k] = v;
    }
    return out;
  });
}

/** The reference rows of a history table without the values they were counted from. */
const withoutValues = (rows: readonly { values: number[] }[]) => rows.map(({ values: _v, ...row }) => row);

function compareRows(
  name: string,
  actual: Record<string, unknown>[],
  expected: object[],
  keyOf: (r: Record<string, unknown>) => string,
) {
  const out: string[] = [];
  const byKey = new Map(actual.map((r) => [keyOf(r), r]));
  for (const e of expected as Record<string, unknown>[]) {
    const key = keyOf(e);
    const a = byKey.get(key);
    if (!a) out.push(`${name} ${key}: missing`);
    else differences(a, e, `${name} ${key}`, out);
    byKey.delete(key);
  }
  for (const key of byKey.keys()) out.push(`${name} ${key}: unexpected row`);
  return out;
}

async function eventually(what: string, check: () => Promise<string[]> | string[], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let problems: string[] = [];
  for (;;) {
    problems = await check();
    if (problems.length === 0 || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  expect(problems.slice(0, 40), `${what} (${problems.length} differences)`).toEqual([]);
}

describe('the golden day: two municipalities through real Kafka and ClickHouse', () => {
  const prefix = `${uniqueName('golden')}.`;
  let golden: GoldenDay;
  const db = useTestDatabase('golden');
  let asOf = new Date(0);
  let aggregator: ReturnType<typeof buildApp>;
  let snapshots: EventConsumer;
  const published = new Map<string, KpiSnapshot>();
  const produced = new Set<string>();
  const producer = (() => {
    let p: ReturnType<typeof createProducer> | undefined;
    return () => {
      p ??= createProducer(testKafka(useInfra(), 'golden-producer'));
      return p;
    };
  })();

  const produceUpTo = async (until: string) => {
    const due = golden.events.filter(
      (e) => !produced.has(e.event_id) && Date.parse(e.occurred_at) <= Date.parse(until),
    );
    const byTopic = new Map<string, CanonicalEvent[]>();
    for (const e of due) byTopic.set(topicFor(e.type), [...(byTopic.get(topicFor(e.type)) ?? []), e]);
    for (const [topic, events] of byTopic) {
      for (let i = 0; i < events.length; i += 1000) {
        await producer().send(
          `${prefix}${topic}`,
          events.slice(i, i + 1000).map((e) => ({ key: partitionKey(e), value: JSON.stringify(e) })),
        );
      }
    }
    for (const e of due) produced.add(e.event_id);
  };

  beforeAll(async () => {
    golden = generateGoldenDay();
    const infra = useInfra();
    await aggregatorTopics(infra, prefix);
    await producer().connect();
    aggregator = buildApp(aggregatorConfig(infra, db(), prefix, { LOG_LEVEL: 'warn' }), {
      clock: () => asOf,
      onFatal: (error) => console.error('aggregator fatal', error),
    });
    await aggregator.start();
    snapshots = createConsumer(testKafka(infra, 'golden-snapshots'), {
      groupId: `${prefix}snapshot-reader`,
      topics: [`${prefix}${TOPICS.kpi}`],
      onFatal: (error) => console.error('snapshot reader', error),
    });
    await snapshots.connect(async (messages) => {
      for (const m of messages) {
        if (!m.key) continue;
        if (m.value === null) published.delete(m.key);
        else published.set(m.key, kpiSnapshot.parse(JSON.parse(m.value.toString())));
      }
      return {};
    });
  }, 120_000);

  afterAll(async () => {
    await snapshots?.disconnect();
    await aggregator?.app.close();
    await producer().disconnect();
  });

  it('publishes, at three moments of the day, exactly the snapshots of the reference calculation', async () => {
    for (const moment of golden.evaluationTimes.slice(0, 3)) {
      asOf = new Date(moment);
      await produceUpTo(moment);
      const expected = referenceSnapshots(
        golden.events.filter((e) => Date.parse(e.occurred_at) <= Date.parse(moment)),
        moment,
      );
      // Both municipalities, every domain, many scopes: a comparison of nothing proves nothing.
      expect(expected.filter((e) => !isEmptySnapshot(e)).length).toBeGreaterThan(50);
      expect(new Set(expected.map((e) => `${e.tenant}|${e.domain}`)).size).toBe(12);
      await eventually(
        `snapshots at ${moment}`,
        () => compareSnapshots(published, expected, asOf.toISOString()),
        60_000,
      );
    }
  }, 300_000);

  it('stores rollups that equal the reference for the whole day', async () => {
    const end = golden.evaluationTimes.at(-1)!;
    asOf = new Date(end);
    await produceUpTo('9999-12-31T00:00:00Z');
    const hourly = referenceRollups(golden.events);
    const daily = referenceDailyRollups(golden.events);
    const history = referenceHistoryRollups(golden.events);
    // Every history table has rows to compare.
    for (const [table, rows] of Object.entries(history)) expect(rows.length, table).toBeGreaterThan(0);
    const key =
      (...fields: string[]) =>
      (r: Record<string, unknown>) =>
        fields.map((f) => String(r[f] ?? '')).join('|');
    await eventually(
      'rollups',
      async () => [
        ...compareRows(
          'visits_per_hour',
          await rollup(db(), 'visits_per_hour_v1', 'hour'),
          hourly.visits_per_hour,
          key('tenant', 'hour', 'location_id', 'queue_id', 'kind'),
        ),
        ...compareRows(
          'visits_per_day',
          await rollup(db(), 'visits_per_day_v1', 'day'),
          hourly.visits_per_day,
          key('tenant', 'day', 'location_id', 'queue_id', 'kind'),
        ),
        ...compareRows(
          'calls_per_hour',
          await rollup(db(), 'calls_per_hour_v1', 'hour'),
          hourly.calls_per_hour,
          key('tenant', 'hour', 'queue_id'),
        ),
        ...compareRows(
          'calls_per_day',
          await rollup(db(), 'calls_per_day_v1', 'day'),
          daily.calls_per_day,
          key('tenant', 'day', 'queue_id'),
        ),
        ...compareRows(
          'cases_per_day',
          await rollup(db(), 'cases_per_day_v1', 'day'),
          daily.cases_per_day,
          key('tenant', 'day', 'case_type_id', 'team_id'),
        ),
        ...compareRows(
          'written_per_day',
          await rollup(db(), 'written_per_day_v1', 'day'),
          daily.written_per_day,
          key('tenant', 'day', 'channel', 'team_id'),
        ),
        ...compareRows(
          'survey_per_day',
          await rollup(db(), 'survey_per_day_v1', 'day'),
          daily.survey_per_day,
          key('tenant', 'day', 'channel', 'product_id', 'location_id', 'team_id'),
        ),
        ...compareRows(
          'visits_by_product_per_day',
          await rollup(db(), 'visits_by_product_per_day_v1', 'day'),
          daily.visits_by_product_per_day,
          key('tenant', 'day', 'location_id', 'product_id'),
        ),
        ...compareRows(
          'visit_waits_per_hour',
          await rollup(db(), 'visit_waits_per_hour_v1', 'hour'),
          withoutValues(history.visit_waits_per_hour),
          key('tenant', 'hour', 'location_id', 'queue_id', 'kind'),
        ),
        ...compareRows(
          'visit_waits_per_day',
          await rollup(db(), 'visit_waits_per_day_v1', 'day'),
          withoutValues(history.visit_waits_per_day),
          key('tenant', 'day', 'location_id', 'queue_id', 'kind'),
        ),
        ...compareRows(
          'call_waits_per_hour',
          await rollup(db(), 'call_waits_per_hour_v1', 'hour'),
          withoutValues(history.call_waits_per_hour),
          key('tenant', 'hour', 'queue_id'),
        ),
        ...compareRows(
          'call_waits_per_day',
          await rollup(db(), 'call_waits_per_day_v1', 'day'),
          withoutValues(history.call_waits_per_day),
          key('tenant', 'day', 'queue_id'),
        ),
        ...compareRows(
          'callbacks_per_day',
          await rollup(db(), 'callbacks_per_day_v1', 'day'),
          withoutValues(history.callbacks_per_day),
          key('tenant', 'day', 'queue_id'),
        ),
        ...compareRows(
          'written_answers_per_day',
          await rollup(db(), 'written_answers_per_day_v1', 'day'),
          withoutValues(history.written_answers_per_day),
          key('tenant', 'day', 'channel', 'team_id'),
        ),
        ...compareRows(
          'case_lead_times_per_day',
          await rollup(db(), 'case_lead_times_per_day_v1', 'day'),
          withoutValues(history.case_lead_times_per_day),
          key('tenant', 'day', 'case_type_id', 'team_id'),
        ),
      ],
      120_000,
    );
    expect(sortRows(await rollup(db(), 'visits_per_day_v1', 'day')).length).toBeGreaterThan(0);
  }, 300_000);

  it('answers history from the rollups: the within-norm share and percentiles of every hour and day, agreeing with the facts and with the live figures', async () => {
    const history = referenceHistoryRollups(golden.events);
    const problems: string[] = [];
    // For every stored hour and day: the share within the norm in force read from the histogram
    // (the norms are bounds, so it is exact) equals the stored count and the count the reference
    // makes from the facts; p50 and p90 from the histogram lie in the bucket of the exact
    // percentile of the reference facts (quantileExact's method), its stated precision.
    const check = async (
      table: string,
      time: 'hour' | 'day',
      reference: readonly ({ values: number[] } & Record<string, unknown>)[],
      keys: string[],
      columns: {
        count: string;
        within: string | null;
        norm: string | null;
        bounds: string;
        histogram: string;
      },
    ) => {
      const stored = await rollup(db(), table, time);
      const keyOf = (r: Record<string, unknown>) => keys.map((k) => String(r[k] ?? '')).join('|');
      const byKey = new Map(stored.map((r) => [keyOf(r), r]));
      expect(stored.length, table).toBe(reference.length);
      for (const ref of reference) {
        const row = byKey.get(keyOf(ref));
        if (!row) {
          problems.push(`${table} ${keyOf(ref)}: missing`);
          continue;
        }
        const histogram = {
          bounds: row[columns.bounds] as number[],
          counts: row[columns.histogram] as number[],
        };
        const n = ref.values.length;
        if (columns.within && columns.norm && n > 0) {
          const norm = Number(row[columns.norm]);
          const share = shareWithin(histogram, norm);
          const fromFacts = ref.values.filter((v) => v <= norm).length / n;
          if (!share?.exact || Math.abs(share.value - fromFacts) > 1e-12)
            problems.push(`${table} ${keyOf(ref)}: share within ${norm} ${share?.value} ≠ ${fromFacts}`);
          if (Math.abs(Number(row[columns.within]) / Number(row[columns.count]) - fromFacts) > 1e-12)
            problems.push(`${table} ${keyOf(ref)}: stored within-norm share ≠ ${fromFacts}`);
        }
        for (const p of [0.5, 0.9]) {
          const estimate = percentileOf(histogram, p);
          if (n === 0) {
            if (estimate !== null) problems.push(`${table} ${keyOf(ref)}: p${p * 100} of nothing`);
            continue;
          }
          const sorted = [...ref.values].sort((a, b) => a - b);
          const exact = sorted[Math.min(n - 1, Math.floor(p * n))]!;
          if (!estimate || exact < estimate.low || (estimate.high !== null && exact > estimate.high))
            problems.push(
              `${table} ${keyOf(ref)}: p${p * 100} ${exact} outside [${estimate?.low}, ${estimate?.high}]`,
            );
        }
      }
    };
    const waits = { count: 'wait_count', within: 'waited_within_norm', norm: 'wait_norm_seconds' };
    const answers = {
      count: 'answer_wait_count',
      within: 'answered_within_norm',
      norm: 'answer_norm_seconds',
    };
    const visitKeys = ['tenant', 'location_id', 'queue_id', 'kind'];
    await check('visit_waits_per_hour_v1', 'hour', history.visit_waits_per_hour, ['hour', ...visitKeys], {
      ...waits,
      bounds: 'wait_bounds',
      histogram: 'wait_histogram',
    });
    await check('visit_waits_per_day_v1', 'day', history.visit_waits_per_day, ['day', ...visitKeys], {
      ...waits,
      bounds: 'wait_bounds',
      histogram: 'wait_histogram',
    });
    for (const time of ['hour', 'day'] as const) {
      await check(
        `call_waits_per_${time}_v1`,
        time,
        history[`call_waits_per_${time}`],
        ['tenant', time, 'queue_id'],
        {
          ...answers,
          bounds: 'answer_wait_bounds',
          histogram: 'answer_wait_histogram',
        },
      );
    }
    await check(
      'written_answers_per_day_v1',
      'day',
      history.written_answers_per_day,
      ['tenant', 'day', 'channel', 'team_id'],
      {
        count: 'answered',
        within: 'answered_within_norm',
        norm: 'answer_norm_working_days',
        bounds: 'working_days_bounds',
        histogram: 'working_days_histogram',
      },
    );
    await check('callbacks_per_day_v1', 'day', history.callbacks_per_day, ['tenant', 'day', 'queue_id'], {
      count: 'completed',
      within: null,
      norm: null,
      bounds: 'working_days_bounds',
      histogram: 'working_days_histogram',
    });
    await check(
      'case_lead_times_per_day_v1',
      'day',
      history.case_lead_times_per_day,
      ['tenant', 'day', 'case_type_id', 'team_id'],
      {
        count: 'closed',
        within: null,
        norm: null,
        bounds: 'lead_time_days_bounds',
        histogram: 'lead_time_days_histogram',
      },
    );
    expect(problems.slice(0, 40), `${problems.length} problems`).toEqual([]);

    // History and live agree: at the end of the day, today's live figures of each municipality
    // equal the sums of that day's rollup rows.
    const day = golden.day;
    const sum = async (table: string, column: string, tenant: string) =>
      Number(
        (
          await db().query<{ n: string }>(
            sql`SELECT sum(${ident(column)}) AS n FROM ${ident(table)} FINAL WHERE tenant = ${tenant} AND day = toDate(${day})`,
          )
        )[0]?.n ?? 0,
      );
    const live = (tenant: string, domain: string) => {
      const snapshot = [...published.values()].find(
        (s) => s.tenant === tenant && s.domain === domain && s.scope.kind === 'tenant',
      );
      if (!snapshot) throw new Error(`no ${domain} snapshot of ${tenant}`);
      return snapshot.windows.today as unknown as Record<string, unknown>;
    };
    const agreements: string[] = [];
    let nonZero = 0;
    // [live domain, live field of today, rollup table, its column]
    const pairs: [string, string, string, string][] = [
      ['phone', 'answered', 'call_waits_per_day_v1', 'answered'],
      ['phone', 'answered_within_norm', 'call_waits_per_day_v1', 'answered_within_norm'],
      ['counter', 'waits', 'visit_waits_per_day_v1', 'wait_count'],
      ['written', 'answered', 'written_answers_per_day_v1', 'answered'],
      ['written', 'answered_within_norm', 'written_answers_per_day_v1', 'answered_within_norm'],
      ['cases', 'closed', 'case_lead_times_per_day_v1', 'closed'],
      ['cases', 'closed_within_norm', 'case_lead_times_per_day_v1', 'closed_within_norm'],
    ];
    for (const tenant of golden.tenants) {
      for (const [domain, field, table, column] of pairs) {
        const today = live(tenant, domain);
        // The counter reports waits per kind of visit; the rollup counts every wait.
        const liveValue =
          field === 'waits'
            ? (today.wait_walk_in as { count: number }).count +
              (today.wait_appointment as { count: number }).count
            : Number(today[field]);
        const stored = await sum(table, column, tenant);
        if (stored > 0) nonZero++;
        if (liveValue !== stored)
          agreements.push(`${tenant} ${domain} ${field}: live ${liveValue} ≠ ${table} ${stored}`);
      }
    }
    expect(agreements).toEqual([]);
    // Two municipalities, seven figures each: agreement on zeros would prove nothing.
    expect(nonZero).toBeGreaterThanOrEqual(12);
  }, 120_000);
});
