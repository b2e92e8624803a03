import type { AlertRule, AlertRuleKind } from '@stuurwiel/schemas';
import type { Observation, RuleKind, TenantView } from '../model.js';
import { counterForecastKind } from './counter-forecast.js';
import { deadlineKind } from './deadline.js';
import { phoneHalfHourKind } from './phone-half-hour.js';
import { sourceQuietKind } from './source-quiet.js';
import { thresholdKind } from './threshold.js';
import { counterWaitNorm, validateRule } from './validate.js';

export { loadDefaultRules, parseDefaultRules } from './defaults.js';
export { alertFingerprint } from './fingerprint.js';
export { quietDomains, SOURCE_DOMAIN } from './source-quiet.js';
export { type NormSource, type RuleValidation, validateRule } from './validate.js';

type KindOf<K extends AlertRuleKind> = Extract<AlertRule, { kind: K }>;

/** Every rule kind by name; a new kind is a module in this folder and one line here. */
// biome-ignore lint/suspicious/noExplicitAny: each entry keeps its own memory type; the evaluator pairs them.
export const RULE_KINDS: { [K in AlertRuleKind]: RuleKind<KindOf<K>, any> } = {
  threshold: thresholdKind,
  counter_forecast: counterForecastKind,
  phone_half_hour: phoneHalfHourKind,
  deadline: deadlineKind,
  source_quiet: sourceQuietKind,
};

export interface RuleEvaluator {
  /**
   * Observations of every enabled rule of the view at `now`. `firing` holds the fingerprints of
   * the tenant's firing alerts. A rule that fails validateRule is skipped and reported.
   */
  evaluate(view: TenantView, now: Date, firing: ReadonlySet<string>): Observation[];
}

export interface RuleEvaluatorOptions {
  /** A rule that fails validateRule (reported again only when its reasons change). */
  onRefused?: (rule: AlertRule, reasons: string[]) => void;
  /** A rule whose evaluation threw: the other rules still run. */
  onError?: (rule: AlertRule, error: unknown) => void;
}

/**
 * Runs the rules and keeps each rule's memory (per tenant and rule id; a rule changed to another
 * kind starts afresh). Memory is only what the kinds need between rounds; after a restart it
 * starts empty, which errs toward warning (a forecast waits its full resolve time, a source
 * without a known gap its longest limit).
 */
export function createRuleEvaluator(options: RuleEvaluatorOptions = {}): RuleEvaluator {
  const memories = new Map<string, { rule: AlertRule; memory: unknown }>();
  // A verdict holds while the rule and the norm it was checked against are the same objects.
  const verdicts = new WeakMap<AlertRule, { norm: unknown; reasons: string[] | null }>();
  const refused = (rule: AlertRule, view: TenantView): boolean => {
    const norm = rule.kind === 'counter_forecast' ? counterWaitNorm(rule, view) : undefined;
    const known = verdicts.get(rule);
    if (known !== undefined && known.norm === norm) return known.reasons !== null;
    const v = validateRule(rule, view);
    const reasons = v.ok ? null : v.reasons;
    if (reasons && reasons.join('\n') !== known?.reasons?.join('\n')) options.onRefused?.(rule, reasons);
    verdicts.set(rule, { norm, reasons });
    return reasons !== null;
  };
  return {
    evaluate(view, now, firing) {
      const out: Observation[] = [];
      const live = new Set<string>();
      for (const rule of view.rules()) {
        if (!rule.enabled || refused(rule, view)) continue;
        const key = `${view.tenant}|${rule.rule_id}`;
        live.add(key);
        const kind = RULE_KINDS[rule.kind] as RuleKind<AlertRule, unknown>;
        let slot = memories.get(key);
        if (slot === undefined || slot.rule !== rule) {
          slot = { rule, memory: slot?.rule.kind === rule.kind ? slot.memory : kind.memory() };
          memories.set(key, slot);
        }
        try {
          out.push(...kind.evaluate(rule, view, now, firing, slot.memory));
        } catch (error) {
          options.onError?.(rule, error);
        }
      }
      for (const key of memories.keys()) {
        if (key.startsWith(`${view.tenant}|`) && !live.has(key)) memories.delete(key);
      }
      return out;
    },
  };
}
