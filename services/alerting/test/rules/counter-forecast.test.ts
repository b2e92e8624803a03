import { describe, expect, it } from 'vitest';
import {
  counterForecast,
  counterForecastKind,
  type ForecastMemory,
  serviceRate,
} from '../../src/rules/counter-forecast.js';
import { inMemoryView, snapshot } from '../support/view.js';
import { at, centrum, forecastRule } from './fixtures.js';

const rule = forecastRule;

const run = (s: ReturnType<typeof centrum>, minute: number, firing: string[], memory: ForecastMemory) =>
  counterForecastKind.evaluate(rule, inMemoryView({ snapshots: [s] }), at(minute), new Set(firing), memory);

describe('counter forecast', () => {
  it('computes the minutes until a newcomer waits longer than the norm: (T·μ − n − 1) ÷ (λ − μ)', () => {
    // μ = 15 ÷ 15 = 1/min, λ = 30 ÷ 15 = 2/min, n = 4, T = 10: (10 − 5) ÷ (2 − 1) = 5 minutes.
    expect(counterForecast(centrum(4, 15, 30))).toMatchObject({
      n: 4,
      mu: 1,
      lambda: 2,
      T: 10,
      wait: 5,
      minutesToBreach: 5,
    });
    // Arrivals no faster than the desks serve: the wait does not grow.
    expect(counterForecast(centrum(4, 15, 15)).minutesToBreach).toBeNull();
    // Already past the norm: (12 + 1) ÷ 1 = 13 minutes > 10.
    expect(counterForecast(centrum(12, 15, 10)).minutesToBreach).toBe(0);
  });

  it('takes the service rate the expected-wait basis names', () => {
    const base = centrum(4, 15, 30);
    expect(
      serviceRate({
        ...base,
        now: { ...base.now, expected_wait_basis: 'called_1h' },
        windows: { ...base.windows, '1h': { ...base.windows['1h'], called: 120 } },
      }),
    ).toBe(2);
    // service_time_today: the rate the expected wait implies, (4 + 1) visitors in 10 minutes.
    expect(
      serviceRate({
        ...base,
        now: { ...base.now, expected_wait_basis: 'service_time_today', expected_wait_seconds: 600 },
      }),
    ).toBe(0.5);
    expect(
      serviceRate({
        ...base,
        now: { ...base.now, expected_wait_basis: 'no_open_desk', expected_wait_seconds: null },
      }),
    ).toBeNull();
  });

  it('warns when the breach falls within the horizon, stating its inputs', () => {
    const [obs] = run(centrum(4, 15, 30), 0, [], new Map());
    expect(obs).toMatchObject({
      active: true,
      labels: { domain: 'counter', location: 'centrum', rule_id: 'counter-forecast' },
      value: 300,
      threshold: 600,
      unit: 'seconds',
      domain: 'counter',
    });
    expect(obs?.summary).toContain('over ca. 5 min');
    for (const input of ['n = 4', 'μ = 1/min', 'basis called_15m', 'λ = 2/min', 'T = 10 min', '= 5 min']) {
      expect(obs?.description).toContain(input);
    }
    // Six minutes away is beyond a five-minute horizon: (10 − 4) ÷ (2 − 1).
    expect(run(centrum(3, 15, 30), 0, [], new Map())[0]?.active).toBe(false);
  });

  it('is active when the expected wait already exceeds the norm', () => {
    expect(run(centrum(12, 15, 10), 0, [], new Map())[0]?.active).toBe(true);
  });

  it('resolves only after the forecast stayed clear for resolve_after_minutes', () => {
    const memory: ForecastMemory = new Map();
    const busy = run(centrum(4, 15, 30), 0, [], memory)[0];
    const fp = busy?.fingerprint ?? '';
    const clear = (minute: number) => run(centrum(0, 15, 5, minute), minute, [fp], memory)[0];
    expect(clear(1)?.active).toBe(true);
    expect(clear(2)?.active).toBe(true);
    expect(clear(2)?.description).toContain('vrij sinds 2026-12-07T09:01:00.000Z');
    expect(clear(3)?.active).toBe(false);
  });

  it('starts the clear time afresh when the forecast turns bad again', () => {
    const memory: ForecastMemory = new Map();
    const fp = run(centrum(4, 15, 30), 0, [], memory)[0]?.fingerprint ?? '';
    run(centrum(0, 15, 5, 1), 1, [fp], memory);
    run(centrum(4, 15, 30, 2), 2, [fp], memory);
    expect(memory.size).toBe(0);
    expect(run(centrum(0, 15, 5, 3), 3, [fp], memory)[0]?.active).toBe(true);
  });

  it('has no opinion without an estimate (no desk open)', () => {
    const closed = snapshot('counter', {
      as_of: at(0).toISOString(),
      scope: { kind: 'location', id: 'centrum' },
      now: { waiting: 3, expected_wait_basis: 'no_open_desk', expected_wait_seconds: null },
      windows: { '15m': { arrivals: 30 } },
    });
    expect(run(closed, 0, [], new Map())[0]?.active).toBe(false);
  });
});
