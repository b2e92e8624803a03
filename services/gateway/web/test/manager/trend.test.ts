import type { HistoryRow } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { judge } from '../../src/pages/manager/catalogue.js';
import { previousPeriod } from '../../src/pages/manager/period.js';
import { combine, directionOf, trendOf } from '../../src/pages/manager/trend.js';

const row = (
  bucket: string,
  value: number | null,
  basis: number,
  unit: HistoryRow['unit'] = 'count',
): HistoryRow => ({
  bucket,
  group: {},
  value,
  unit,
  basis,
});

describe('the trend of a tile', () => {
  const period = { from: '2026-04-22', to: '2026-04-28' };

  it('compares the period with the one of the same length just before', () => {
    expect(previousPeriod(period)).toEqual({ from: '2026-04-15', to: '2026-04-21' });
    const rows = [
      row('2026-04-16', 10, 10),
      row('2026-04-20', 20, 20),
      row('2026-04-22', 12, 12),
      row('2026-04-28', 30, 30),
    ];
    const trend = trendOf(rows, 'count', period);
    expect(trend).toMatchObject({ current: 42, previous: 30, change: 12, direction: 'up' });
    expect(trend.series).toEqual([
      { bucket: '2026-04-22', value: 12 },
      { bucket: '2026-04-28', value: 30 },
    ]);
  });

  it('combines shares and means by their basis, not by averaging the days', () => {
    // 9 of 10 and 1 of 90 within the norm: 10 of 100, not (0.9 + 0.011) ÷ 2.
    expect(combine([row('a', 0.9, 10, 'share'), row('b', 1 / 90, 90, 'share')], 'share').value).toBeCloseTo(
      0.1,
      12,
    );
    expect(combine([row('a', null, 0, 'seconds')], 'seconds').value).toBeNull();
  });

  it('has no comparison without a previous period, and calls small changes flat', () => {
    expect(trendOf([row('2026-04-28', 5, 5)], 'count', period).direction).toBe('unknown');
    expect(directionOf(0.801, 0.8, 'share')).toBe('flat');
    expect(directionOf(100.2, 100, 'count')).toBe('flat');
    expect(directionOf(90, 100, 'seconds')).toBe('down');
  });

  it('judges a change by whether higher is better for the KPI', () => {
    expect(judge('counter_wait_mean', 'down')).toBe('better');
    expect(judge('phone_service_level', 'down')).toBe('worse');
    expect(judge('counter_visits', 'up')).toBe('neutral');
    expect(judge('counter_visits', 'flat')).toBe('same');
  });
});
