import { describe, expect, it } from 'vitest';
import { firstOverNorm, morningVisits, NORM_MINUTES } from '../support/morning.js';

describe('the queue morning of the scenarios, worked out by hand', () => {
  it('helps the six visitors at opening at once, with five extra desks', () => {
    expect(morningVisits.slice(0, 6).map((v) => v.called)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('has its first visitor waiting longer than the norm at minute 31 (arrived 21, called 32)', () => {
    expect(firstOverNorm).toBe(31);
    const first = morningVisits.find((v) => v.called - v.arrival > NORM_MINUTES)!;
    expect([first.arrival, first.called]).toEqual([21, 32]);
  });

  it('drains: the visitors after the surge are called on arrival', () => {
    expect(morningVisits.filter((v) => v.arrival >= 45).every((v) => v.called === v.arrival)).toBe(true);
  });
});
