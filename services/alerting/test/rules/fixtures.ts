import { type AlertRule, alertRule } from '@stuurwiel/schemas';
import { snapshot } from '../support/view.js';

/** The instants of the rule tests: minute 0 is Monday 7 December 2026, 10:00 Amsterdam. */
export const T0 = Date.parse('2026-12-07T09:00:00.000Z');
export const at = (minutes: number) => new Date(T0 + minutes * 60_000);

/** A threshold rule as the gateway sends it: the counter's walk-in p90 over 10 minutes. */
export const thresholdInput = (patch: Record<string, unknown> = {}) => ({
  rule_id: 'counter-wait-p90',
  name: 'Wachttijd balie',
  kind: 'threshold',
  domain: 'counter',
  scope: { kind: 'location' },
  metric: 'windows.15m.wait_walk_in.p90',
  operator: 'above',
  threshold: 600,
  ...patch,
});

export const forecastRule = alertRule.parse({
  rule_id: 'counter-forecast',
  name: 'Wachtrij loopt uit',
  kind: 'counter_forecast',
  scope: { kind: 'location' },
  horizon_minutes: 5,
  resolve_after_minutes: 2,
}) as Extract<AlertRule, { kind: 'counter_forecast' }>;

/**
 * Location centrum at `minute` with `waiting` visitors, `called` calls and `arrivals` in the last
 * 15 minutes, and the expected wait the aggregator derives from them ((n + 1) × 900 s ÷ called).
 */
export const centrum = (waiting: number, called: number, arrivals: number, minute = 0) =>
  snapshot('counter', {
    as_of: at(minute).toISOString(),
    scope: { kind: 'location', id: 'centrum' },
    now: {
      waiting,
      desks_open: 2,
      wait_norm_seconds: 600,
      expected_wait_seconds: ((waiting + 1) * 900) / called,
      expected_wait_basis: 'called_15m',
    },
    windows: { '15m': { called, arrivals } },
  });
