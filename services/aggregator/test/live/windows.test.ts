import { describe, expect, it } from 'vitest';
import { instantIn, retentionStartMs, windowBounds } from '../../src/live/windows.js';

const AS_OF = '2026-03-02T10:00:00+01:00'; // Monday, 09:00Z

describe('windowBounds', () => {
  const w = windowBounds(AS_OF);

  it('15m is (as_of − 15 min, as_of]: exactly 15 min ago is outside, as_of is inside', () => {
    expect(instantIn(w['15m'], '2026-03-02T09:45:00+01:00')).toBe(false);
    expect(instantIn(w['15m'], '2026-03-02T09:45:00.001+01:00')).toBe(true);
    expect(instantIn(w['15m'], '2026-03-02T10:00:00+01:00')).toBe(true);
    expect(instantIn(w['15m'], '2026-03-02T09:00:00Z')).toBe(true); // same instant, other offset
    expect(instantIn(w['15m'], '2026-03-02T10:00:00.001+01:00')).toBe(false);
    expect(w['15m'].hours).toBe(0.25);
  });

  it('1h is (as_of − 1 h, as_of]', () => {
    expect(instantIn(w['1h'], '2026-03-02T09:00:00+01:00')).toBe(false);
    expect(instantIn(w['1h'], '2026-03-02T09:00:01+01:00')).toBe(true);
    expect(w['1h'].hours).toBe(1);
  });

  it('half_hour runs from the current clock half hour (included) to as_of', () => {
    const h = windowBounds('2026-03-02T10:47:30+01:00');
    expect(instantIn(h.half_hour, '2026-03-02T10:30:00+01:00')).toBe(true);
    expect(instantIn(h.half_hour, '2026-03-02T10:29:59.999+01:00')).toBe(false);
    expect(instantIn(h.half_hour, '2026-03-02T10:47:30+01:00')).toBe(true);
    expect(h.half_hour.hours).toBeCloseTo(17.5 / 60, 12);
  });

  it('half_hour starts on the hour before :30, and has no length at :00 or :30 sharp', () => {
    expect(windowBounds('2026-03-02T10:29:59+01:00').half_hour.startMs).toBe(
      Date.parse('2026-03-02T10:00:00+01:00'),
    );
    expect(windowBounds(AS_OF).half_hour.hours).toBe(0);
    expect(windowBounds('2026-03-02T10:30:00+01:00').half_hour.startMs).toBe(
      Date.parse('2026-03-02T10:30:00+01:00'),
    );
  });

  it('half_hour keeps to the Amsterdam clock across the DST switch (whole-hour offsets)', () => {
    // 03:10 CEST on the spring day is 01:10 UTC; its half hour starts at 03:00 CEST.
    expect(windowBounds('2026-03-29T03:10:00+02:00').half_hour.startMs).toBe(
      Date.parse('2026-03-29T03:00:00+02:00'),
    );
  });

  it('today runs from 00:00 Europe/Amsterdam (included) to as_of', () => {
    expect(instantIn(w.today, '2026-03-01T23:00:00Z')).toBe(true); // 00:00 local
    expect(instantIn(w.today, '2026-03-01T22:59:59.999Z')).toBe(false);
    expect(w.today.hours).toBe(10);
    expect(w.today.date).toBe('2026-03-02');
  });

  it('null instants are in no window', () => {
    expect(instantIn(w.today, null)).toBe(false);
  });

  it('counts real hours on the spring DST day: 12:00 is 11 hours after midnight', () => {
    const spring = windowBounds('2026-03-29T12:00:00+02:00');
    expect(spring.today.hours).toBe(11);
    expect(spring.today.startMs).toBe(Date.parse('2026-03-29T00:00:00+01:00'));
    expect(spring.today.nextMidnightMs).toBe(Date.parse('2026-03-30T00:00:00+02:00'));
  });

  it('counts real hours on the autumn DST day: 12:00 is 13 hours after midnight', () => {
    const autumn = windowBounds('2026-10-25T12:00:00+01:00');
    expect(autumn.today.hours).toBe(13);
    expect(autumn.today.startMs).toBe(Date.parse('2026-10-25T00:00:00+02:00'));
  });

  it('takes the Amsterdam date, not the UTC date, near midnight', () => {
    const w2 = windowBounds('2026-06-30T22:30:00Z'); // 00:30 on 1 July in Amsterdam
    expect(w2.today.date).toBe('2026-07-01');
    expect(w2.today.hours).toBe(0.5);
  });

  it('today has no length at 00:00 sharp', () => {
    expect(windowBounds('2026-03-01T23:00:00Z').today.hours).toBe(0);
  });
});

describe('retentionStartMs: the earliest instant any window can reach', () => {
  it('is midnight during the day', () => {
    expect(retentionStartMs(AS_OF)).toBe(Date.parse('2026-03-02T00:00:00+01:00'));
  });
  it('is as_of − 1 h in the first hour of the day', () => {
    expect(retentionStartMs('2026-03-02T00:30:00+01:00')).toBe(Date.parse('2026-03-01T23:30:00+01:00'));
  });
});
