import { describe, expect, it } from 'vitest';
import { millis, toUtc } from '../../src/time/instants.js';

describe('reading instants', () => {
  it('gives the same epoch milliseconds as Date.parse, in toISOString form or any other', () => {
    const instants = [
      '2026-03-29T00:59:59.999Z',
      '2024-02-29T23:00:00.000Z',
      '1999-12-31T23:59:59.001Z',
      '2026-03-29T02:30:00+02:00',
      '2026-03-29T02:30:00Z',
      '2026-03-29T02:30:00.5Z',
      '2026-03-29T02:30:00.500+01:00',
      '0050-01-01T00:00:00.000Z',
      '0999-12-31T23:59:59.999Z',
    ];
    for (const instant of instants) expect(millis(instant)).toBe(Date.parse(instant));
    expect(millis(new Date('2026-01-01T00:00:00Z'))).toBe(Date.UTC(2026, 0, 1));
  });

  it('writes every instant in UTC with milliseconds', () => {
    expect(toUtc('2026-03-29T02:30:00+02:00')).toBe('2026-03-29T00:30:00.000Z');
    expect(toUtc('2026-03-29T02:30:00Z')).toBe('2026-03-29T02:30:00.000Z');
    expect(toUtc('2026-03-29T02:30:00.123Z')).toBe('2026-03-29T02:30:00.123Z');
  });
});
