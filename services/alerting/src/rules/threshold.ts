import type { AlertRule } from '@stuurwiel/schemas';
import type { RuleKind } from '../model.js';
import { alertFingerprint } from './fingerprint.js';
import { formatValue, scopeText } from './format.js';
import { checkMetricPath, countPathBeside, metricUnit, readMetric } from './metric.js';
import { inScope, observe, snapshotLabels } from './observation.js';

type ThresholdRule = Extract<AlertRule, { kind: 'threshold' }>;

/**
 * A metric of the domain's snapshots past a threshold, one alert per scope. A firing alert stays
 * active until the value is back past the recovery level (hysteresis), so a value moving around
 * the threshold does not flap. A window with fewer items than min_count, or without a value,
 * says nothing: the alert is inactive (thin figures are no evidence either way).
 */
export const thresholdKind: RuleKind<ThresholdRule> = {
  kind: 'threshold',
  memory: () => undefined,
  evaluate(rule, view, _now, firing) {
    const check = checkMetricPath(rule.domain, rule.metric);
    // validateRule refuses such a rule before it gets here; a rule read past it has no opinion.
    if (!check.ok) return [];
    const unit = metricUnit(rule.metric, check);
    const countPath = countPathBeside(rule.domain, rule.metric, check.stats);
    return inScope(view, rule.domain, rule.scope).map((snapshot) => {
      const labels = snapshotLabels(rule, snapshot);
      const value = readMetric(snapshot, rule.metric);
      const count = countPath === null ? null : readMetric(snapshot, countPath);
      const enough = rule.min_count === 0 || (count !== null && count >= rule.min_count);
      const level = firing.has(alertFingerprint(labels)) ? (rule.recovery ?? rule.threshold) : rule.threshold;
      const active = enough && value !== null && (rule.operator === 'above' ? value > level : value < level);
      const side = rule.operator === 'above' ? 'boven' : 'onder';
      const back = rule.operator === 'above' ? 'onder' : 'boven';
      const where = scopeText(snapshot.scope);
      const description = [
        `${rule.metric} van ${rule.domain}, ${where}, stand ${snapshot.as_of}: ${formatValue(value, unit)}.`,
        `Alarm ${side} ${formatValue(rule.threshold, unit)}` +
          (rule.recovery === undefined ? '' : `, hersteld pas ${back} ${formatValue(rule.recovery, unit)}`) +
          (rule.for_seconds > 0 ? `, na ${rule.for_seconds} s aanhoudend` : '') +
          '.',
        countPath === null || rule.min_count === 0
          ? ''
          : `${countPath} = ${count ?? 'geen'} (minimaal ${rule.min_count}${enough ? '' : ': te weinig om te oordelen'}).`,
      ];
      return observe(rule, labels, {
        active,
        severity: rule.severity,
        value,
        threshold: rule.threshold,
        unit,
        summary: `${rule.name}, ${where}: ${formatValue(value, unit)}, ${active ? side : 'binnen'} de grens van ${formatValue(rule.threshold, unit)}`,
        description: description.filter(Boolean).join(' '),
        for_seconds: rule.for_seconds,
        domain: rule.domain,
      });
    });
  },
};
