import type { AlertRule, KpiSnapshotOf } from '@stuurwiel/schemas';
import type { RuleKind } from '../model.js';
import { alertFingerprint } from './fingerprint.js';
import { formatValue, scopeText } from './format.js';
import { inScope, observe, snapshotLabels } from './observation.js';

type CounterForecastRule = Extract<AlertRule, { kind: 'counter_forecast' }>;
type CounterSnapshot = KpiSnapshotOf<'counter'>;

/** Since when (epoch ms) each firing forecast alert, by fingerprint, has been clear. */
export type ForecastMemory = Map<string, number>;

export interface CounterForecast {
  /** People waiting now. */
  n: number;
  /** Service rate, visitors per minute (null: no desk open or nothing tells it). */
  mu: number | null;
  /** Arrival rate over the last 15 minutes, visitors per minute. */
  lambda: number;
  /** Wait norm, minutes. */
  T: number;
  /** Expected wait for a newcomer now, minutes. */
  wait: number | null;
  /** Minutes until a newcomer's expected wait passes the norm: 0 when it already does, null when it never will at this pace. */
  minutesToBreach: number | null;
  basis: CounterSnapshot['now']['expected_wait_basis'];
}

/**
 * The service rate μ behind the snapshot's expected wait, by its basis: visitors called in the
 * last 15 minutes (or hour) per minute; for the service-time bases the rate the expected wait
 * implies, (n + 1) ÷ wait, since that is how the aggregator derived the wait from it.
 */
export function serviceRate(s: CounterSnapshot): number | null {
  const { now } = s;
  switch (now.expected_wait_basis) {
    case 'called_15m':
      return s.windows['15m'].called / 15;
    case 'called_1h':
      return s.windows['1h'].called / 60;
    case 'service_time_today':
    case 'service_time_norm':
      return now.expected_wait_seconds ? (now.waiting + 1) / (now.expected_wait_seconds / 60) : null;
    default:
      return null;
  }
}

/** domain.md "Warning before the breach", counter: (T·μ − n − 1) ÷ (λ − μ) minutes to the breach. */
export function counterForecast(s: CounterSnapshot): CounterForecast {
  const n = s.now.waiting;
  const mu = serviceRate(s);
  const lambda = s.windows['15m'].arrivals / 15;
  const T = s.now.wait_norm_seconds / 60;
  const wait = s.now.expected_wait_seconds === null ? null : s.now.expected_wait_seconds / 60;
  let minutesToBreach: number | null = null;
  if (wait !== null && mu !== null && mu > 0) {
    if (wait > T) minutesToBreach = 0;
    else if (lambda > mu) minutesToBreach = Math.max(0, (T * mu - n - 1) / (lambda - mu));
  }
  return { n, mu, lambda, T, wait, minutesToBreach, basis: s.now.expected_wait_basis };
}

const num = (x: number) => Number(x.toFixed(2)).toString().replace('.', ',');

function inputs(f: CounterForecast): string {
  return (
    `Invoer: n = ${f.n} wachtenden, μ = ${f.mu === null ? 'onbekend' : `${num(f.mu)}/min`} (basis ${f.basis}), ` +
    `λ = ${num(f.lambda)}/min (aankomsten laatste 15 min), T = ${num(f.T)} min (wachtnorm), ` +
    `verwachte wachttijd nu ${f.wait === null ? 'onbekend' : `${num(f.wait)} min`}.`
  );
}

/**
 * Warns while the counter norm can still be kept: active when a newcomer's expected wait already
 * exceeds the norm, or will within horizon_minutes at the present pace. A firing alert stays
 * active until the forecast has been clear for resolve_after_minutes; `memory` holds since when.
 */
export const counterForecastKind: RuleKind<CounterForecastRule, ForecastMemory> = {
  kind: 'counter_forecast',
  memory: () => new Map(),
  evaluate(rule, view, now, firing, memory) {
    const seen = new Set<string>();
    const out = inScope(view, 'counter', rule.scope).map((s) => {
      const labels = snapshotLabels(rule, s);
      const fingerprint = alertFingerprint(labels);
      seen.add(fingerprint);
      const f = counterForecast(s);
      const predicted = f.minutesToBreach !== null && f.minutesToBreach <= rule.horizon_minutes;
      const hold = holdUntilClear(rule, predicted, firing.has(fingerprint), memory, fingerprint, now);
      const where = scopeText(s.scope);
      const norm = formatValue(s.now.wait_norm_seconds, 'seconds');
      return observe(rule, labels, {
        active: predicted || hold.active,
        severity: rule.severity,
        value: s.now.expected_wait_seconds,
        threshold: s.now.wait_norm_seconds,
        unit: 'seconds',
        domain: 'counter',
        summary:
          f.minutesToBreach === 0
            ? `${rule.name}, ${where}: verwachte wachttijd ${formatValue(s.now.expected_wait_seconds, 'seconds')} is al boven de norm van ${norm}`
            : f.minutesToBreach !== null
              ? `${rule.name}, ${where}: verwachte wachttijd passeert de norm van ${norm} over ca. ${Math.ceil(f.minutesToBreach)} min`
              : `${rule.name}, ${where}: verwachte wachttijd blijft binnen de norm van ${norm}`,
        description:
          `${inputs(f)} ` +
          (f.minutesToBreach === null
            ? 'De rij groeit niet sneller dan de balies helpen (λ ≤ μ), of er is geen schatting.'
            : `Tijd tot de norm: (T·μ − n − 1) ÷ (λ − μ) = ${num(f.minutesToBreach)} min; waarschuwingshorizon ${rule.horizon_minutes} min.`) +
          hold.note,
      });
    });
    // A scope that disappeared from the view takes its memory with it.
    for (const fingerprint of memory.keys()) if (!seen.has(fingerprint)) memory.delete(fingerprint);
    return out;
  },
};

/**
 * A firing alert whose forecast is clear stays active until it has been clear for
 * resolve_after_minutes; the memory keeps since when, and forgets it once the alert is predicted
 * again or no longer firing.
 */
function holdUntilClear(
  rule: CounterForecastRule,
  predicted: boolean,
  isFiring: boolean,
  memory: ForecastMemory,
  fingerprint: string,
  now: Date,
): { active: boolean; note: string } {
  if (predicted || !isFiring) {
    memory.delete(fingerprint);
    return { active: false, note: '' };
  }
  const since = memory.get(fingerprint) ?? now.getTime();
  memory.set(fingerprint, since);
  return {
    active: now.getTime() - since < rule.resolve_after_minutes * 60_000,
    note: ` Voorspelling vrij sinds ${new Date(since).toISOString()}; het alarm vervalt na ${rule.resolve_after_minutes} min vrij.`,
  };
}
