import type {
  HistoryDimension,
  HistoryGranularity,
  HistoryGrouping,
  HistoryKpiInfo,
} from '@stuurwiel/schemas';
import type { Period } from './period.js';
import type { ManagerState } from './state.js';

/** The history query (GET /api/v1/history and its export) of a view. */
export type HistoryParams = Record<string, string>;

export function historyParams(
  kpi: string,
  period: Period,
  options: {
    granularity?: HistoryGranularity;
    groupBy?: readonly HistoryGrouping[];
    filters?: Partial<Record<HistoryDimension, string>>;
  } = {},
): HistoryParams {
  const params: HistoryParams = {
    kpi,
    from: period.from,
    to: period.to,
    granularity: options.granularity ?? 'day',
  };
  for (const [dimension, value] of Object.entries(options.filters ?? {}))
    if (value) params[dimension] = value;
  if (options.groupBy && options.groupBy.length > 0) params.group_by = options.groupBy.join(',');
  return params;
}

/** The groupings a KPI can be grouped by: its dimensions, hour_of_day when kept per hour, weekday. */
export function groupingsOf(info: HistoryKpiInfo): HistoryGrouping[] {
  return [...info.dimensions, ...(info.hours ? (['hour_of_day'] as const) : []), 'weekday'];
}

/** The granularities a KPI answers: hours only when it is kept per hour. */
export function granularitiesOf(info: HistoryKpiInfo): HistoryGranularity[] {
  return [...(info.hours ? (['hour'] as const) : []), 'day', 'week', 'month', 'quarter', 'year'];
}

/**
 * The detail view's query: only the filters and groupings the KPI has (a shared URL for another
 * KPI may carry others), at most four groupings.
 */
export function detailParams(info: HistoryKpiInfo, state: ManagerState, period: Period): HistoryParams {
  const filters: Partial<Record<HistoryDimension, string>> = {};
  for (const dimension of info.dimensions) {
    const value = state.filters[dimension];
    if (value) filters[dimension] = value;
  }
  const allowed = groupingsOf(info);
  const granularity = granularitiesOf(info).includes(state.granularity) ? state.granularity : 'day';
  return historyParams(info.name, period, {
    granularity,
    groupBy: state.groupBy.filter((g) => allowed.includes(g)).slice(0, 4),
    filters,
  });
}
