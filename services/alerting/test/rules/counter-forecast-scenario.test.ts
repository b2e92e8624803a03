import { describe, expect, it } from 'vitest';
import { counterForecastKind } from '../../src/rules/counter-forecast.js';
import { inMemoryView, snapshot } from '../support/view.js';
import { forecastRule, T0 } from './fixtures.js';

/**
 * A queue played out second by second (FIFO, two desks, four minutes a visitor): one arrival
 * every two minutes, as fast as the desks serve, then from minute 0 one every 40 seconds. The
 * forecast must warn well before the first visitor has actually waited longer than the norm.
 */
const DESKS = 2;
const SERVICE = 240;
const NORM = 600;

function playQueue(): { arrival: number; call: number }[] {
  const arrivals: number[] = [];
  for (let t = -3600; t < 0; t += 120) arrivals.push(t);
  for (let t = 0; t < 1800; t += 40) arrivals.push(t);
  const free = Array<number>(DESKS).fill(-Infinity);
  return arrivals.map((arrival) => {
    const desk = free.indexOf(Math.min(...free));
    const call = Math.max(arrival, free[desk] ?? arrival);
    free[desk] = call + SERVICE;
    return { arrival, call };
  });
}

/** The counter snapshot the aggregator would publish at second t (expected wait by called_15m). */
function snapshotAt(visits: { arrival: number; call: number }[], t: number) {
  const waiting = visits.filter((v) => v.arrival <= t && v.call > t).length;
  const called = visits.filter((v) => v.call > t - 900 && v.call <= t).length;
  const arrivals = visits.filter((v) => v.arrival > t - 900 && v.arrival <= t).length;
  return snapshot('counter', {
    as_of: new Date(T0 + t * 1000).toISOString(),
    scope: { kind: 'location', id: 'centrum' },
    now: {
      waiting,
      desks_open: DESKS,
      wait_norm_seconds: NORM,
      expected_wait_seconds: called > 0 ? ((waiting + 1) * 900) / called : null,
      expected_wait_basis: called > 0 ? 'called_15m' : 'no_data',
    },
    windows: { '15m': { called, arrivals } },
  });
}

describe('counter forecast on a queue that outgrows its desks', () => {
  it('warns more than 2 minutes before the first visitor has waited longer than the norm', () => {
    const visits = playQueue();
    const firstBreach = Math.min(
      ...visits.filter((v) => v.call - v.arrival > NORM).map((v) => v.arrival + NORM),
    );
    let warned: number | null = null;
    for (let t = -900; t <= 1800 && warned === null; t += 30) {
      const [obs] = counterForecastKind.evaluate(
        forecastRule,
        inMemoryView({ snapshots: [snapshotAt(visits, t)] }),
        new Date(T0 + t * 1000),
        new Set(),
        new Map(),
      );
      if (obs?.active) warned = t;
    }
    // Steady before minute 0: no warning then.
    expect(warned).not.toBeNull();
    expect(warned).toBeGreaterThanOrEqual(0);
    expect(firstBreach - (warned ?? Infinity)).toBeGreaterThan(120);
  });
});
