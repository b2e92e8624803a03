import { describe, expect, it } from 'vitest';
import { createLateDeliveries } from '../../src/kafka/late-deliveries.js';

describe('late deliveries', () => {
  it('knows a remembered event until its retention has passed', () => {
    let t = 1_000;
    const late = createLateDeliveries(60_000, () => t);
    late.remember('a');
    t += 59_999;
    expect(late.has('a')).toBe(true);
    t += 1;
    expect(late.has('a')).toBe(false);
    expect(late.size()).toBe(0);
  });

  it('forgets the oldest first and keeps a renewed id for its new retention', () => {
    let t = 0;
    const late = createLateDeliveries(100, () => t);
    late.remember('a');
    t = 50;
    late.remember('b');
    t = 80;
    late.remember('a');
    t = 120;
    expect([late.has('a'), late.has('b')]).toEqual([true, true]);
    t = 160;
    expect([late.has('a'), late.has('b')]).toEqual([true, false]);
    t = 180;
    expect(late.size()).toBe(0);
  });
});
