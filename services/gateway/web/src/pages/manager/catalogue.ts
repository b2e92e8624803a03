import type { HistoryDimension, HistoryGrouping, NormInForce } from '@stuurwiel/schemas';
import type { Direction } from './trend.js';

/**
 * Which KPIs the overview shows, per channel and per service process, and how each reads against
 * the norms of /api/v1/norms. What a KPI *is* (unit, definition) comes from the gateway's
 * registry (GET /api/v1/history/kpis), never from here.
 */

export const CHANNELS = ['counter', 'phone', 'cases', 'written', 'survey'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_KPIS: Record<Channel, string[]> = {
  counter: ['counter_visits', 'counter_wait_mean', 'counter_wait_share_within_norm'],
  phone: ['phone_calls', 'phone_service_level', 'phone_abandonment_rate', 'callbacks_on_time_share'],
  cases: ['cases_closed', 'case_lead_time_mean', 'cases_closed_within_norm_share'],
  written: ['written_received', 'written_answered_within_norm_share'],
  survey: ['survey_responses', 'survey_satisfied_share'],
};

/** The service processes: a KPI per product or case type, each value its own tile. */
export const PROCESS_KPIS: { kpi: string; grouping: HistoryDimension & HistoryGrouping }[] = [
  { kpi: 'counter_visits', grouping: 'product' },
  { kpi: 'cases_closed', grouping: 'case_type' },
];

/** Whether a higher value is better, worse, or neither (a volume). */
export const BETTER: Record<string, 'higher' | 'lower'> = {
  counter_wait_mean: 'lower',
  counter_wait_p90: 'lower',
  counter_wait_share_within_norm: 'higher',
  counter_service_time_mean: 'lower',
  counter_no_shows: 'lower',
  counter_left: 'lower',
  phone_service_level: 'higher',
  phone_service_level_of_answered: 'higher',
  phone_abandonment_rate: 'lower',
  phone_answer_wait_mean: 'lower',
  callbacks_on_time_share: 'higher',
  case_lead_time_mean: 'lower',
  cases_closed_within_norm_share: 'higher',
  written_answer_working_days_mean: 'lower',
  written_answered_within_norm_share: 'higher',
  survey_mean_score: 'higher',
  survey_satisfied_share: 'higher',
  survey_dissatisfied_share: 'lower',
};

export type Judgement = 'better' | 'worse' | 'same' | 'neutral' | 'unknown';

export function judge(kpi: string, direction: Direction): Judgement {
  if (direction === 'unknown') return 'unknown';
  if (direction === 'flat') return 'same';
  const better = BETTER[kpi];
  if (!better) return 'neutral';
  return (direction === 'up') === (better === 'higher') ? 'better' : 'worse';
}

/**
 * The norm a history KPI is held against: a share within a norm against the norm's share (80 %
 * within 30 s), a mean against the norm's target in the KPI's unit.
 */
const NORM_OF: Record<string, { normKpi: string; against: 'share' | 'target' }> = {
  counter_wait_share_within_norm: { normKpi: 'counter_wait', against: 'share' },
  counter_wait_mean: { normKpi: 'counter_wait', against: 'target' },
  counter_service_time_mean: { normKpi: 'counter_service_time', against: 'target' },
  phone_service_level: { normKpi: 'phone_service_level', against: 'share' },
  phone_service_level_of_answered: { normKpi: 'phone_service_level', against: 'share' },
  phone_answer_wait_mean: { normKpi: 'phone_answer_time', against: 'target' },
  callbacks_on_time_share: { normKpi: 'callback_due', against: 'share' },
  case_lead_time_mean: { normKpi: 'case_lead_time', against: 'target' },
  cases_closed_within_norm_share: { normKpi: 'case_lead_time', against: 'share' },
  written_answer_working_days_mean: { normKpi: 'written_answer', against: 'target' },
  written_answered_within_norm_share: { normKpi: 'written_answer', against: 'share' },
};

const SECONDS_PER: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600 };

/** A norm's target in the history KPI's unit, or null when the units do not meet. */
function targetIn(unit: string, norm: NormInForce['norm']): number | null {
  if (unit === 'seconds') {
    const factor = SECONDS_PER[norm.unit];
    return factor === undefined ? null : norm.target * factor;
  }
  return unit === norm.unit ? norm.target : null;
}

export interface NormLine {
  value: number;
  normId: string;
  scope: string;
}

/**
 * The norm line of a KPI: the norm set for the scope the view is filtered to (location, queue,
 * team, product, case type), else the municipality's; null when the KPI has no such norm.
 */
export function normLineOf(
  kpi: string,
  unit: string,
  norms: readonly NormInForce[],
  filters: Partial<Record<HistoryDimension, string>>,
): NormLine | null {
  const spec = NORM_OF[kpi];
  if (!spec) return null;
  const candidates = norms.map((n) => n.norm).filter((n) => n.kpi === spec.normKpi);
  const scoped = candidates.find(
    (n) => n.scope.kind !== 'tenant' && filters[n.scope.kind as HistoryDimension] === n.scope.id,
  );
  const norm = scoped ?? candidates.find((n) => n.scope.kind === 'tenant');
  if (!norm) return null;
  const value = spec.against === 'share' ? (norm.share ?? null) : targetIn(unit, norm);
  if (value === null) return null;
  return { value, normId: norm.norm_id, scope: norm.scope.id ?? norm.scope.kind };
}
