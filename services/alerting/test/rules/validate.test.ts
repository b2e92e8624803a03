import { describe, expect, it } from 'vitest';
import { validateRule } from '../../src/rules/validate.js';
import { inMemoryView, norm } from '../support/view.js';
import { thresholdInput } from './fixtures.js';

const threshold = thresholdInput;

const forecast = (horizon: number, scope: Record<string, unknown> = { kind: 'location' }) => ({
  rule_id: 'r2',
  name: 'Voorspelling',
  kind: 'counter_forecast',
  scope,
  horizon_minutes: horizon,
});

const reasons = (input: unknown, norms?: Parameters<typeof validateRule>[1]) => {
  const v = validateRule(input, norms);
  return v.ok ? [] : v.reasons;
};

describe('validateRule', () => {
  it('accepts a sound rule and returns it with its defaults', () => {
    const v = validateRule(threshold());
    expect(v.ok && v.rule).toMatchObject({
      severity: 'warning',
      enabled: true,
      for_seconds: 0,
      min_count: 0,
    });
  });

  it('refuses a metric that is not in the domain, naming it', () => {
    expect(reasons(threshold({ metric: 'windows.15m.service_level' }))).toEqual([
      expect.stringMatching(/^metric: windows\.15m\.service_level does not exist in a counter snapshot/),
    ]);
    expect(reasons(threshold({ metric: 'now.expected_wait_basis' }))).toEqual([
      'metric: now.expected_wait_basis of a counter snapshot is not a number',
    ]);
    expect(reasons(threshold({ metric: 'windows.2h.called' }))[0]).toMatch(/windows\.2h does not exist/);
  });

  it('refuses a scope kind the domain does not publish', () => {
    expect(reasons(threshold({ scope: { kind: 'team' } }))).toEqual([
      'scope.kind: the counter domain publishes no team figures (only tenant, location, queue)',
    ]);
    expect(reasons(threshold({ scope: { kind: 'tenant', id: 'x' } }))).toEqual([
      'scope.id: a tenant scope has no id',
    ]);
  });

  it('refuses a negative target, and a share beyond 1', () => {
    expect(reasons(threshold({ threshold: -1, recovery: -2 }))).toEqual([
      'threshold: must not be negative (no figure of a snapshot is)',
      'recovery: must not be negative (no figure of a snapshot is)',
    ]);
    expect(
      reasons(
        threshold({
          domain: 'phone',
          scope: { kind: 'queue' },
          metric: 'windows.15m.service_level',
          operator: 'below',
          threshold: 80,
        }),
      ),
    ).toEqual(['threshold: windows.15m.service_level is a share in [0, 1], so 80 can never be crossed']);
    expect(
      reasons({
        rule_id: 'r3',
        name: 'x',
        kind: 'phone_half_hour',
        scope: { kind: 'tenant' },
        target_share: -0.8,
      }),
    ).toEqual(['target_share: Too small: expected number to be >0']);
  });

  it('refuses a forecast horizon not shorter than the counter wait norm', () => {
    expect(reasons(forecast(15))).toEqual([
      'horizon_minutes: 15 min is not shorter than the counter wait norm of 10 min',
    ]);
    expect(reasons(forecast(9))).toEqual([]);
    const view = inMemoryView({
      norms: [
        norm({ kpi: 'counter_wait', target: 1200, unit: 'seconds' }),
        norm({ kpi: 'counter_wait', target: 5, unit: 'minutes', scope: { kind: 'location', id: 'oost' } }),
      ],
    });
    expect(reasons(forecast(15), view)).toEqual([]);
    expect(reasons(forecast(5, { kind: 'location', id: 'oost' }), view)).toEqual([
      'horizon_minutes: 5 min is not shorter than the counter wait norm of 5 min',
    ]);
  });

  it('passes on the schema’s own reasons with their fields', () => {
    expect(reasons(threshold({ recovery: 700 }))).toEqual([
      'recovery: must lie on the good side of the threshold (≤ it for above, ≥ it for below)',
    ]);
    expect(reasons({ ...forecast(5), scope: { kind: 'team' } })).toEqual([
      'scope.kind: must be tenant, location or queue for a counter forecast',
    ]);
    expect(reasons({ kind: 'nonsense' })[0]).toMatch(/^kind: /);
  });
});

describe('validateRule: sources', () => {
  const quiet = (source: string) => ({ rule_id: 'q', name: 'Stil', kind: 'source_quiet', source });

  it('accepts a source scope id and refuses one that names no source system', () => {
    expect(reasons(quiet('telephony/asterisk'))).toEqual([]);
    expect(reasons(quiet('telephony/asterisk/pbx-2'))).toEqual([]);
    expect(reasons(quiet('telefoon/asterisk'))[0]).toMatch(/^source: telefoon\/asterisk names no source/);
    expect(reasons(quiet('telephony'))[0]).toMatch(/^source: telephony names no source/);
  });
});
