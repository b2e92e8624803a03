import { describe, expect, it } from 'vitest';
import { DefaultRulesError, loadDefaultRules, parseDefaultRules } from '../../src/rules/defaults.js';
import { validateRule } from '../../src/rules/validate.js';

describe('default rules', () => {
  const rules = loadDefaultRules();

  it('pass validation, every one of them', () => {
    for (const rule of rules) expect(validateRule(rule), rule.rule_id).toEqual({ ok: true, rule });
  });

  it('cover every kind the issue asks for', () => {
    const summary = rules.map((r) =>
      r.kind === 'threshold'
        ? `${r.kind}:${r.metric}`
        : r.kind === 'deadline'
          ? `${r.kind}:${r.item_kinds.join('+')}`
          : r.kind,
    );
    expect(summary).toEqual([
      'threshold:windows.15m.wait_walk_in.p90',
      'counter_forecast',
      'threshold:windows.15m.service_level',
      'threshold:windows.15m.abandonment_rate',
      'phone_half_hour',
      'deadline:case',
      'deadline:callback',
      'deadline:written_answer+written_acknowledge',
      'source_quiet',
    ]);
    const p90 = rules[0];
    expect(p90?.kind === 'threshold' && [p90.threshold, p90.recovery, p90.for_seconds]).toEqual([
      600, 540, 300,
    ]);
  });

  it('refuses a file with a bad rule whole, naming the rule and field', () => {
    const text = `version: 1
rules:
  - { rule_id: a, name: A, kind: counter_forecast, scope: { kind: location }, horizon_minutes: 15 }
  - { rule_id: b, name: B, kind: threshold, domain: phone, scope: { kind: queue }, metric: now.nope, operator: above, threshold: 1 }
  - { rule_id: b, name: B2, kind: source_quiet }
`;
    expect(() => parseDefaultRules(text)).toThrow(DefaultRulesError);
    try {
      parseDefaultRules(text);
    } catch (error) {
      expect((error as DefaultRulesError).reasons).toEqual([
        'rules[0] (a).horizon_minutes: 15 min is not shorter than the counter wait norm of 10 min',
        expect.stringMatching(/^rules\[1\] \(b\)\.metric: now\.nope does not exist in a phone snapshot/),
        'rules[2].rule_id: b is used twice',
      ]);
    }
  });

  it('refuses a file that is not YAML or not a rules file', () => {
    expect(() => parseDefaultRules('rules: [')).toThrow(/not YAML/);
    expect(() => parseDefaultRules('version: 2\nrules: []')).toThrow(/version/);
  });
});
