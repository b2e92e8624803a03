import { type AlertRule, alertRule, KPI_SCOPES, sourceSystem } from '@stuurwiel/schemas';
import type { TenantView } from '../model.js';
import { checkMetricPath, metricUnit } from './metric.js';

export type RuleValidation = { ok: true; rule: AlertRule } | { ok: false; reasons: string[] };

/** Where the norms come from: a TenantView, or whatever else answers `norm` the same way. */
export type NormSource = Pick<TenantView, 'norm'>;

/** The counter wait norm the snapshots fall back to when none is set (kpi.ts: 600 s). */
const DEFAULT_COUNTER_WAIT_MINUTES = 10;
const TO_MINUTES: Record<string, number> = { seconds: 1 / 60, minutes: 1, hours: 60 };

/**
 * Checks a rule as the gateway receives it and alerting reads it: the zod schema first, then what
 * the schema cannot know: the metric exists and is a number of the domain's snapshot, the domain
 * publishes the scope kind, no negative threshold, a share within [0, 1], a forecast horizon
 * shorter than the counter wait norm (`norms`: the municipality's; without them the default
 * 10 minutes). Each reason names its field.
 */
export function validateRule(input: unknown, norms?: NormSource): RuleValidation {
  const parsed = alertRule.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      reasons: parsed.error.issues.map((i) => `${i.path.join('.') || 'rule'}: ${i.message}`),
    };
  }
  const rule = parsed.data;
  const reasons: string[] = [];
  const scope = 'scope' in rule ? rule.scope : undefined;
  if (scope?.kind === 'tenant' && scope.id !== undefined) reasons.push('scope.id: a tenant scope has no id');

  if (rule.kind === 'threshold') {
    const kinds = KPI_SCOPES[rule.domain];
    if (!kinds.includes(rule.scope.kind)) {
      reasons.push(
        `scope.kind: the ${rule.domain} domain publishes no ${rule.scope.kind} figures (only ${kinds.join(', ')})`,
      );
    }
    const check = checkMetricPath(rule.domain, rule.metric);
    if (!check.ok) reasons.push(`metric: ${check.reason}`);
    for (const field of ['threshold', 'recovery'] as const) {
      const value = rule[field];
      if (value === undefined) continue;
      if (value < 0) reasons.push(`${field}: must not be negative (no figure of a snapshot is)`);
      else if (check.ok && metricUnit(rule.metric, check) === 'share' && value > 1) {
        reasons.push(`${field}: ${rule.metric} is a share in [0, 1], so ${value} can never be crossed`);
      }
    }
  }

  if (rule.kind === 'counter_forecast') {
    const norm = counterWaitNorm(rule, norms);
    const factor = norm ? TO_MINUTES[norm.unit] : undefined;
    const normMinutes = norm && factor !== undefined ? norm.target * factor : DEFAULT_COUNTER_WAIT_MINUTES;
    if (rule.horizon_minutes >= normMinutes) {
      reasons.push(
        `horizon_minutes: ${rule.horizon_minutes} min is not shorter than the counter wait norm of ${normMinutes} min`,
      );
    }
  }

  if (rule.kind === 'source_quiet' && rule.source !== undefined) {
    const [system, vendor] = rule.source.split('/').map(safeDecode);
    if (!sourceSystem.safeParse(system).success || !vendor) {
      reasons.push(
        `source: ${rule.source} names no source; expected system/vendor[/instance] with a system of ${sourceSystem.options.join(', ')}`,
      );
    }
  }

  if (rule.kind === 'deadline' && new Set(rule.group_by).size !== rule.group_by.length) {
    reasons.push('group_by: names a label twice');
  }

  return reasons.length === 0 ? { ok: true, rule } : { ok: false, reasons };
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The counter_wait norm a forecast rule is checked against: its scope's, else the tenant's. */
export function counterWaitNorm(
  rule: Extract<AlertRule, { kind: 'counter_forecast' }>,
  norms: NormSource | undefined,
): ReturnType<NormSource['norm']> {
  const { kind, id } = rule.scope;
  // The schema allows only tenant, location or queue for a forecast.
  const scope =
    kind === 'tenant' || id === undefined ? undefined : { kind: kind as 'location' | 'queue', id };
  return norms?.norm('counter_wait', scope);
}
