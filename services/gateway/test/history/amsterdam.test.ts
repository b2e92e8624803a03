import { describe, expect, it } from 'vitest';
import { isLocalMidnight, localIso, nextDay, startOfLocalDay } from '../../src/history/amsterdam.js';

describe('Europe/Amsterdam periods and buckets', () => {
  it('finds local midnight in winter, in summer and on both switch days', () => {
    expect(startOfLocalDay('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(startOfLocalDay('2026-07-15').toISOString()).toBe('2026-07-14T22:00:00.000Z');
    // 29 March 2026: clocks go forward at 02:00; the day starts in winter time and has 23 hours.
    expect(startOfLocalDay('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfLocalDay('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    // 25 October 2026: clocks go back at 03:00; the day has 25 hours.
    expect(startOfLocalDay('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfLocalDay('2026-10-26').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('writes hours as local instants with their offset, also the repeated hour in October', () => {
    expect(localIso(new Date('2026-04-28T07:00:00Z'))).toBe('2026-04-28T09:00:00+02:00');
    expect(localIso(new Date('2026-10-25T00:00:00Z'))).toBe('2026-10-25T02:00:00+02:00');
    expect(localIso(new Date('2026-10-25T01:00:00Z'))).toBe('2026-10-25T02:00:00+01:00');
    expect(localIso(new Date('2026-03-29T01:00:00Z'))).toBe('2026-03-29T03:00:00+02:00');
  });

  it('knows a local midnight and the next day across month and year ends', () => {
    expect(isLocalMidnight(new Date('2026-04-27T22:00:00Z'))).toBe(true);
    expect(isLocalMidnight(new Date('2026-04-27T23:00:00Z'))).toBe(false);
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });
});
