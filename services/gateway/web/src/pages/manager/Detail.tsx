import {
  type HistoryDimension,
  type HistoryGranularity,
  type HistoryGrouping,
  type HistoryKpiInfo,
  historyResult,
  type NormInForce,
} from '@stuurwiel/schemas';
import { type FormEvent, useState } from 'react';
import type { Api } from '../../app/api.js';
import { useMessages } from '../../app/i18n.js';
import { normLineOf } from './catalogue.js';
import { Chart } from './charts.js';
import { DataDownloads, groupLabelKey, HistoryTable, Loading, Problem, type ViewProps } from './common.js';
import { useValueFormat } from './format.js';
import { useKpiName, useRemote } from './hooks.js';
import { lineOption } from './KpiView.js';
import { managerMessages } from './messages.js';
import type { Period } from './period.js';
import { detailParams, granularitiesOf, groupingsOf, historyParams } from './query.js';
import type { ManagerState } from './state.js';

/** The values a dimension has in the period, for the filter's suggestions. */
function useDimensionValues(api: Api, info: HistoryKpiInfo, dimension: HistoryDimension, period: Period) {
  const params = historyParams(info.name, period, { granularity: 'year', groupBy: [dimension] });
  const [remote] = useRemote(JSON.stringify(params), () => api.get('/history', historyResult, params));
  if (remote.status !== 'ready') return [];
  return [
    ...new Set(remote.data.rows.map((r) => String((r.group as Record<string, unknown>)[dimension] ?? ''))),
  ]
    .filter((v) => v !== '')
    .sort();
}

function FilterField({
  api,
  info,
  dimension,
  period,
  value,
  onChange,
}: {
  api: Api;
  info: HistoryKpiInfo;
  dimension: HistoryDimension;
  period: Period;
  value: string;
  onChange: (value: string) => void;
}) {
  const t = useMessages(managerMessages);
  const values = useDimensionValues(api, info, dimension, period);
  return (
    <div className="utrecht-form-field">
      <label className="utrecht-form-label" htmlFor={`filter-${dimension}`}>
        {t(groupLabelKey(dimension))}
      </label>
      <select
        id={`filter-${dimension}`}
        className="utrecht-select"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{t('all')}</option>
        {[...new Set([...values, ...(value ? [value] : [])])].map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Level 3: one KPI as a table and a chart, with filters, group-by and granularity kept in the URL. */
export function Detail({
  api,
  info,
  norms,
  period,
  state,
  go,
}: Omit<ViewProps, 'href'> & { info: HistoryKpiInfo; norms: readonly NormInForce[] }) {
  const t = useMessages(managerMessages);
  const f = useValueFormat();
  const kpiName = useKpiName();
  const params = detailParams(info, state, period);
  const [remote] = useRemote(JSON.stringify(params), () => api.get('/history', historyResult, params));
  const [problem, setProblem] = useState<string | null>(null);
  const [draft, setDraft] = useState(() => ({
    filters: { ...state.filters },
    groupBy: [params.group_by?.split(',')[0] ?? '', params.group_by?.split(',')[1] ?? ''],
    granularity: params.granularity as HistoryGranularity,
  }));
  const groupings = groupingsOf(info);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const filters: ManagerState['filters'] = {};
    for (const d of info.dimensions) if (draft.filters[d]) filters[d] = draft.filters[d];
    go({
      ...state,
      view: 'detail',
      filters,
      granularity: draft.granularity,
      groupBy: [...new Set(draft.groupBy.filter((g): g is HistoryGrouping => g !== ''))],
    });
  };
  const filterSet = Object.fromEntries(info.dimensions.flatMap((d) => (params[d] ? [[d, params[d]]] : [])));
  const norm = normLineOf(info.name, info.unit, norms, filterSet);
  const format = (v: number | null) => f.value(v, info.unit);
  const name = kpiName(info.name);
  const fileName = `${info.name}_${period.from}_${period.to}${params.group_by ? `_by_${params.group_by.replace(/,/g, '_')}` : ''}`;
  return (
    <>
      <form className="manager-filters" onSubmit={submit} aria-labelledby="filters-heading">
        <h3 id="filters-heading" className="utrecht-heading-3">
          {t('filters')}
        </h3>
        <div className="manager-filter-grid">
          {info.dimensions.map((dimension) => (
            <FilterField
              key={dimension}
              api={api}
              info={info}
              dimension={dimension}
              period={period}
              value={draft.filters[dimension] ?? ''}
              onChange={(value) => setDraft((d) => ({ ...d, filters: { ...d.filters, [dimension]: value } }))}
            />
          ))}
          {[0, 1].map((index) => (
            <div key={index} className="utrecht-form-field">
              <label className="utrecht-form-label" htmlFor={`group-by-${index}`}>
                {t('groupBy')} {index + 1}
              </label>
              <select
                id={`group-by-${index}`}
                className="utrecht-select"
                value={draft.groupBy[index]}
                onChange={(e) =>
                  setDraft((d) => {
                    const groupBy = [...d.groupBy];
                    groupBy[index] = e.target.value;
                    return { ...d, groupBy };
                  })
                }
              >
                <option value="">{t('none')}</option>
                {groupings.map((g) => (
                  <option key={g} value={g}>
                    {t(groupLabelKey(g))}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="granularity">
              {t('granularity')}
            </label>
            <select
              id="granularity"
              className="utrecht-select"
              value={draft.granularity}
              onChange={(e) => setDraft((d) => ({ ...d, granularity: e.target.value as HistoryGranularity }))}
            >
              {granularitiesOf(info).map((g) => (
                <option key={g} value={g}>
                  {t(`g_${g}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" className="utrecht-button utrecht-button--primary-action">
          {t('apply')}
        </button>
      </form>
      {problem ? <Problem reason={problem} /> : null}
      {remote.status === 'loading' ? <Loading /> : null}
      {remote.status === 'failed' ? <Problem reason={remote.reason} /> : null}
      {remote.status === 'ready' ? (
        <>
          <section aria-labelledby="detail-table" className="manager-section">
            <h3 id="detail-table" className="utrecht-heading-3">
              {t('table')}
            </h3>
            <DataDownloads api={api} params={params} onError={setProblem} />
            <HistoryTable result={remote.data} caption={name} testId="detail-table" />
          </section>
          <section aria-labelledby="detail-chart" className="manager-section">
            <h3 id="detail-chart" className="utrecht-heading-3">
              {t('chart')}
            </h3>
            <Chart
              testId="detail-chart"
              fileName={fileName}
              height={380}
              description={`${t('chartDescription', { kpi: name, from: period.from, to: period.to })} ${norm ? t('chartNorm', { value: format(norm.value) }) : ''}`}
              option={lineOption(remote.data, norm, format, params.group_by ? 'bar' : 'line')}
            />
          </section>
        </>
      ) : null}
    </>
  );
}
