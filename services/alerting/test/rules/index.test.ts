import { type AlertRule, alertRule, alertRuleKinds } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import type { NormPayload } from '../../src/model.js';
import { createRuleEvaluator, RULE_KINDS } from '../../src/rules/index.js';
import { deadlineItem, inMemoryView, norm } from '../support/view.js';
import { at, centrum, forecastRule } from './fixtures.js';

const forecast = forecastRule;

describe('rule registry and evaluator', () => {
  it('has a module for every rule kind of the schema', () => {
    const kinds = alertRuleKinds.map((k) => k.shape.kind.value).sort();
    expect(Object.keys(RULE_KINDS).sort()).toEqual(kinds);
    for (const [kind, module] of Object.entries(RULE_KINDS)) expect(module.kind).toBe(kind);
  });

  it('evaluates the enabled rules and skips a refused one, reporting it once', () => {
    const refused: [string, string[]][] = [];
    const evaluator = createRuleEvaluator({
      onRefused: (rule, reasons) => refused.push([rule.rule_id, reasons]),
    });
    const bad = { ...forecast, rule_id: 'too-far', horizon_minutes: 30 } as AlertRule;
    const off = { ...forecast, rule_id: 'off', enabled: false } as AlertRule;
    const view = inMemoryView({ rules: [forecast, bad, off], snapshots: [centrum(4, 15, 30, 0)] });
    for (let round = 0; round < 2; round++) {
      expect(evaluator.evaluate(view, at(0), new Set()).map((o) => o.rule.rule_id)).toEqual([
        'counter-forecast',
      ]);
    }
    expect(refused).toEqual([
      ['too-far', ['horizon_minutes: 30 min is not shorter than the counter wait norm of 10 min']],
    ]);
  });

  it('keeps a rule’s memory between rounds: a firing forecast resolves only after staying clear', () => {
    const evaluator = createRuleEvaluator();
    const round = (waiting: number, arrivals: number, minute: number, firing: string[] = []) =>
      evaluator.evaluate(
        inMemoryView({ rules: [forecast], snapshots: [centrum(waiting, 15, arrivals, minute)] }),
        at(minute),
        new Set(firing),
      )[0];
    const fp = round(4, 30, 0)?.fingerprint ?? '';
    expect(round(0, 5, 1, [fp])?.active).toBe(true);
    expect(round(0, 5, 2, [fp])?.active).toBe(true);
    expect(round(0, 5, 3, [fp])?.active).toBe(false);
  });

  it('checks a forecast again when the wait norm changes, and refuses it once the horizon is too long', () => {
    const refused: string[][] = [];
    const evaluator = createRuleEvaluator({ onRefused: (_, reasons) => refused.push(reasons) });
    const contents = { rules: [forecast], snapshots: [centrum(4, 15, 30, 0)], norms: [] as NormPayload[] };
    expect(evaluator.evaluate(inMemoryView(contents), at(0), new Set())).toHaveLength(1);
    contents.norms = [norm({ kpi: 'counter_wait', target: 4, unit: 'minutes' })];
    expect(evaluator.evaluate(inMemoryView(contents), at(1), new Set())).toEqual([]);
    expect(refused).toEqual([['horizon_minutes: 5 min is not shorter than the counter wait norm of 4 min']]);
  });

  it('reports a rule whose evaluation throws and still runs the others', () => {
    const errors: string[] = [];
    const evaluator = createRuleEvaluator({
      onError: (rule, error) => errors.push(`${rule.rule_id}: ${error}`),
    });
    const deadlines = alertRule.parse({
      rule_id: 'cases',
      name: 'Zaken',
      kind: 'deadline',
      item_kinds: ['case'],
    });
    const view = inMemoryView({
      rules: [forecast, deadlines],
      deadlineItems: [deadlineItem({ item_id: 'Z1', due_at: '2026-12-01T22:59:59.999Z' })],
    });
    const broken = {
      ...view,
      snapshots: () => {
        throw new Error('snapshots unavailable');
      },
    };
    expect(evaluator.evaluate(broken, at(0), new Set()).map((o) => o.labels.status)).toEqual(['overdue']);
    expect(errors).toEqual(['counter-forecast: Error: snapshots unavailable']);
  });
});
