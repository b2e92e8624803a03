import type { HistoryKpiInfo, HistoryResult, NormInForce } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { normLineOf } from '../../src/pages/manager/catalogue.js';
import { bucketsOf } from '../../src/pages/manager/KpiView.js';
import { periodOf } from '../../src/pages/manager/period.js';
import { detailParams, granularitiesOf, groupingsOf } from '../../src/pages/manager/query.js';
import { parseState } from '../../src/pages/manager/state.js';

const cases: HistoryKpiInfo = {
  name: 'cases_closed',
  unit: 'count',
  definition: 'Cases closed, by their end date.',
  definition_nl: 'Afgehandelde zaken, naar hun einddatum.',
  dimensions: ['team', 'case_type'],
  hours: false,
};

describe('the history query of a view', () => {
  const period = { from: '2026-04-01', to: '2026-04-30' };

  it('sends the filters and groupings the KPI has, and only those', () => {
    const state = parseState(
      '?kpi=cases_closed&view=detail&group_by=team,location&team=burgerzaken&location=centrum&granularity=week',
    );
    expect(detailParams(cases, state, period)).toEqual({
      kpi: 'cases_closed',
      from: '2026-04-01',
      to: '2026-04-30',
      granularity: 'week',
      team: 'burgerzaken',
      group_by: 'team',
    });
  });

  it('asks per day when the KPI is not kept per hour', () => {
    const state = parseState('?kpi=cases_closed&view=detail&granularity=hour&group_by=hour_of_day');
    expect(detailParams(cases, state, period)).toMatchObject({ granularity: 'day' });
    expect(detailParams(cases, state, period).group_by).toBeUndefined();
    expect(groupingsOf(cases)).toEqual(['team', 'case_type', 'weekday']);
    expect(granularitiesOf({ ...cases, hours: true })[0]).toBe('hour');
  });

  it('defaults to the four weeks up to yesterday, Amsterdam time', () => {
    expect(periodOf(null, null, new Date('2026-03-29T23:30:00Z'))).toEqual({
      from: '2026-03-02',
      to: '2026-03-29',
    });
    expect(periodOf('2026-05-01', '2026-04-01')).toEqual({ from: '2026-03-05', to: '2026-04-01' });
  });
});

describe('the norm line of a KPI', () => {
  const norm = (
    norm_id: string,
    scope: NormInForce['norm']['scope'],
    target: number,
    unit: 'minutes' | 'seconds',
    share?: number,
  ): NormInForce => ({
    norm: {
      norm_id,
      kpi: 'counter_wait',
      target,
      unit,
      warning_horizon: { target: 2, unit: 'minutes' },
      scope,
      ...(share ? { share } : {}),
    },
    source: { system: 'reference', vendor: 'stuurwiel' },
    set_at: '2026-04-01T08:00:00.000Z',
  });
  const norms = [
    norm('wait', { kind: 'tenant' }, 10, 'minutes', 0.8),
    norm('wait-centrum', { kind: 'location', id: 'centrum' }, 300, 'seconds', 0.9),
  ];

  it('holds a mean against the target in seconds and a share against the share', () => {
    expect(normLineOf('counter_wait_mean', 'seconds', norms, {})).toEqual({
      value: 600,
      normId: 'wait',
      scope: 'tenant',
    });
    expect(normLineOf('counter_wait_share_within_norm', 'share', norms, {})?.value).toBe(0.8);
  });

  it('takes the norm of the location filtered to, else the municipality’s', () => {
    expect(normLineOf('counter_wait_mean', 'seconds', norms, { location: 'centrum' })?.value).toBe(300);
    expect(normLineOf('counter_wait_mean', 'seconds', norms, { location: 'west' })?.value).toBe(600);
    expect(normLineOf('counter_visits', 'count', norms, {})).toBeNull();
  });
});

describe('the time axis of a KPI', () => {
  const result = (granularity: string): HistoryResult => ({
    tenant: 'GM0363',
    query: { kpi: 'counter_visits', from: '2026-03-27', to: '2026-03-30', granularity },
    kpi: { name: 'counter_visits', unit: 'count', definition: 'Visits.' },
    period: {
      from: '2026-03-27T00:00:00+01:00',
      to: '2026-03-31T00:00:00+02:00',
      time_zone: 'Europe/Amsterdam',
    },
    tables: ['visits_per_day_v1'],
    rows: [{ bucket: '2026-03-28', group: {}, value: 4, unit: 'count', basis: 4 }],
  });

  it('has every day of the period per day, across the switch to summer time', () => {
    expect(bucketsOf(result('day'))).toEqual(['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30']);
  });

  it('has the buckets of the answer otherwise', () => {
    expect(bucketsOf(result('week'))).toEqual(['2026-03-28']);
  });
});
