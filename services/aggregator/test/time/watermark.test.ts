import { describe, expect, it } from 'vitest';
import { createEventClock } from '../../src/time/watermark.js';

describe('event clock', () => {
  const t0 = Date.parse('2026-04-28T10:00:00Z');
  const s = 1000;

  it('takes events within the out-of-order bound as on time', () => {
    const clock = createEventClock({ outOfOrderMs: 30 * s, allowedLatenessMs: 600 * s });
    expect(clock.observe('GM0363', t0)).toBe('on_time');
    expect(clock.observe('GM0363', t0 - 30 * s)).toBe('on_time');
    expect(clock.watermark('GM0363')).toBe(t0 - 30 * s);
  });

  it('calls an event behind the watermark late, and beyond the allowed lateness too late', () => {
    const clock = createEventClock({ outOfOrderMs: 30 * s, allowedLatenessMs: 600 * s });
    clock.observe('GM0363', t0);
    expect(clock.observe('GM0363', t0 - 31 * s)).toBe('late');
    expect(clock.observe('GM0363', t0 - 630 * s)).toBe('late');
    expect(clock.observe('GM0363', t0 - 631 * s)).toBe('too_late');
  });

  it('never moves the watermark back and keeps tenants apart', () => {
    const clock = createEventClock({ outOfOrderMs: 0, allowedLatenessMs: 0 });
    clock.observe('GM0363', t0);
    clock.observe('GM0363', t0 - 5 * s);
    expect(clock.latest('GM0363')).toBe(t0);
    expect(clock.observe('GM0014', t0 - 3600 * s)).toBe('on_time');
    expect(clock.watermark('GM0014')).toBe(t0 - 3600 * s);
  });
});
