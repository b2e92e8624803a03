import { type HistoryKpiInfo, type HistoryResult, historyResult, type NormInForce } from '@stuurwiel/schemas';
import { useState } from 'react';
import { useLang, useMessages } from '../../app/i18n.js';
import { type NormLine, normLineOf } from './catalogue.js';
import { Chart, type ChartOption } from './charts.js';
import { DataDownloads, HistoryTable, Loading, Problem, type ViewProps } from './common.js';
import { useValueFormat } from './format.js';
import { useKpiName, useRemote } from './hooks.js';
import { managerMessages } from './messages.js';
import { TileLink } from './Overview.js';
import { addDays } from './period.js';
import { historyParams } from './query.js';
import type { ManagerState } from './state.js';

/**
 * The buckets of the axis: per day every day of the period (a day without rows is a day with
 * none, which the line shows as a gap), else the buckets the answer has.
 */
export function bucketsOf(result: HistoryResult): string[] {
  const seen = [...new Set(result.rows.map((r) => r.bucket))].sort();
  if (result.query.granularity !== 'day' || result.query.group_by?.includes('hour_of_day')) return seen;
  const first = result.period.from.slice(0, 10);
  const last = addDays(result.period.to.slice(0, 10), -1);
  const days: string[] = [];
  for (let day = first; day <= last && days.length < 1000; day = addDays(day, 1)) days.push(day);
  return days;
}

/** A line per group (one when ungrouped) over the buckets, and the norm as a dashed line. */
export function lineOption(
  result: HistoryResult,
  norm: NormLine | null,
  format: (v: number | null) => string,
  kind: 'line' | 'bar' = 'line',
): ChartOption {
  const groups = result.query.group_by?.split(',') ?? [];
  const buckets = bucketsOf(result);
  const series = new Map<string, Map<string, number | null>>();
  for (const row of result.rows) {
    const name =
      groups.map((g) => String((row.group as Record<string, unknown>)[g] ?? '')).join(' · ') ||
      result.kpi.name;
    if (!series.has(name)) series.set(name, new Map());
    series.get(name)!.set(row.bucket, row.value);
  }
  const share = result.kpi.unit === 'share';
  return {
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => format(typeof v === 'number' ? v : null) },
    legend: series.size > 1 ? { type: 'scroll', bottom: 0 } : undefined,
    grid: { left: 64, right: 24, top: 24, bottom: series.size > 1 ? 56 : 32 },
    xAxis: { type: 'category', data: buckets },
    yAxis: {
      type: 'value',
      ...(share ? { min: 0, max: 1 } : {}),
      axisLabel: { formatter: (v: number) => format(v) },
    },
    series: [...series].map(([name, values], index) => ({
      name,
      type: kind,
      // A day without rows had none to count; a mean or share of nothing stays a gap.
      data: buckets.map((b) => values.get(b) ?? (result.kpi.unit === 'count' ? 0 : null)),
      symbol: ['circle', 'rect', 'triangle', 'diamond', 'pin'][index % 5],
      ...(index === 0 && norm
        ? {
            markLine: {
              symbol: 'none',
              lineStyle: { type: 'dashed', width: 2, color: '#b00020' },
              label: { formatter: () => format(norm.value) },
              data: [{ yAxis: norm.value }],
            },
          }
        : {}),
    })),
  };
}

/** Level 2: one KPI over time against its norm, with its definition from the gateway's registry. */
export function KpiView({
  api,
  info,
  norms,
  period,
  state,
  href,
  go,
}: ViewProps & { info: HistoryKpiInfo; norms: readonly NormInForce[] }) {
  const t = useMessages(managerMessages);
  const { lang } = useLang();
  const f = useValueFormat();
  const kpiName = useKpiName();
  const filters = Object.fromEntries(
    Object.entries(state.filters).filter(([d]) => (info.dimensions as string[]).includes(d)),
  );
  const params = historyParams(info.name, period, { filters });
  const [remote] = useRemote(JSON.stringify(params), () => api.get('/history', historyResult, params));
  const [problem, setProblem] = useState<string | null>(null);
  const norm = normLineOf(info.name, info.unit, norms, filters);
  const name = kpiName(info.name);
  const detail: ManagerState = { ...state, view: 'detail' };
  const format = (v: number | null) => f.value(v, info.unit);
  const filterText = Object.entries(filters)
    .map(([d, v]) => `${d} ${v}`)
    .join(', ');
  return (
    <>
      <section aria-labelledby="definition" className="manager-section">
        <h3 id="definition" className="utrecht-heading-3">
          {t('definition')}
        </h3>
        <p className="utrecht-paragraph" data-testid="kpi-definition">
          {lang === 'nl' ? info.definition_nl : info.definition}
        </p>
        {info.norm ? (
          <p className="utrecht-paragraph" data-testid="kpi-norm-used">
            {t('normUsed', { text: lang === 'nl' ? info.norm.in_force_nl : info.norm.in_force })}
          </p>
        ) : null}
        <p className="utrecht-paragraph" data-testid="kpi-norm">
          {norm
            ? t('normInForce', {
                value: format(norm.value),
                scope: norm.scope === 'tenant' ? t('wholeMunicipality') : norm.scope,
              })
            : t('noNorm')}
        </p>
      </section>
      {filterText ? (
        <p className="utrecht-paragraph">
          {t('filters')}: {filterText}
        </p>
      ) : null}
      {problem ? <Problem reason={problem} /> : null}
      {remote.status === 'loading' ? <Loading /> : null}
      {remote.status === 'failed' ? <Problem reason={remote.reason} /> : null}
      {remote.status === 'ready' ? (
        <>
          <Chart
            testId="kpi-chart"
            fileName={`${info.name}_${period.from}_${period.to}`}
            description={`${t('chartDescription', { kpi: name, from: period.from, to: period.to })} ${norm ? t('chartNorm', { value: format(norm.value) }) : ''}`}
            option={lineOption(remote.data, norm, format)}
          />
          <DataDownloads api={api} params={params} onError={setProblem} />
          <details className="manager-details">
            <summary>{t('dataTable')}</summary>
            <HistoryTable result={remote.data} caption={name} />
          </details>
        </>
      ) : null}
      <p className="utrecht-paragraph">
        <TileLink href={href(detail)} onGo={() => go(detail)}>
          {t('detail')}
        </TileLink>
      </p>
    </>
  );
}
