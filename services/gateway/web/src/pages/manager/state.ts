import {
  HISTORY_DIMENSIONS,
  HISTORY_GRANULARITIES,
  HISTORY_GROUPINGS,
  type HistoryDimension,
  type HistoryGranularity,
  type HistoryGrouping,
} from '@stuurwiel/schemas';

/**
 * What the manager views show, all of it in the URL so a view can be shared: the level (tiles,
 * one KPI, its detail, or the settings), the period, and at the detail level the filters, the
 * groupings and the granularity.
 */
export interface ManagerState {
  kpi: string | null;
  view: 'overview' | 'detail' | 'settings';
  /** Inclusive first and last day (YYYY-MM-DD, Europe/Amsterdam); null: the default period. */
  from: string | null;
  to: string | null;
  granularity: HistoryGranularity;
  groupBy: HistoryGrouping[];
  filters: Partial<Record<HistoryDimension, string>>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isOneOf = <T extends string>(list: readonly T[], value: string | null): value is T =>
  value !== null && (list as readonly string[]).includes(value);

export function parseState(search: string): ManagerState {
  const params = new URLSearchParams(search);
  const date = (name: string) => {
    const value = params.get(name);
    return value && DATE.test(value) ? value : null;
  };
  const view = params.get('view');
  const granularity = params.get('granularity');
  const groupBy = (params.get('group_by') ?? '')
    .split(',')
    .filter((g): g is HistoryGrouping => isOneOf(HISTORY_GROUPINGS, g));
  const filters: ManagerState['filters'] = {};
  for (const dimension of HISTORY_DIMENSIONS) {
    const value = params.get(dimension)?.trim();
    if (value) filters[dimension] = value;
  }
  return {
    kpi: params.get('kpi') || null,
    view: view === 'detail' || view === 'settings' ? view : 'overview',
    from: date('from'),
    to: date('to'),
    granularity: isOneOf(HISTORY_GRANULARITIES, granularity) ? granularity : 'day',
    groupBy: [...new Set(groupBy)],
    filters,
  };
}

/** The query string of a state (without defaults), `lang` kept as it was. */
export function stateSearch(state: ManagerState, lang?: string | null): string {
  const params = new URLSearchParams();
  if (state.view === 'settings') params.set('view', 'settings');
  if (state.kpi) params.set('kpi', state.kpi);
  if (state.kpi && state.view === 'detail') params.set('view', 'detail');
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.granularity !== 'day') params.set('granularity', state.granularity);
  if (state.groupBy.length > 0) params.set('group_by', state.groupBy.join(','));
  for (const dimension of HISTORY_DIMENSIONS) {
    const value = state.filters[dimension];
    if (value) params.set(dimension, value);
  }
  if (lang) params.set('lang', lang);
  const search = params.toString();
  return search ? `?${search}` : '';
}

export const emptyState = (): ManagerState => ({
  kpi: null,
  view: 'overview',
  from: null,
  to: null,
  granularity: 'day',
  groupBy: [],
  filters: {},
});
