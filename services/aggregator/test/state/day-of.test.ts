import { Temporal } from '@js-temporal/polyfill';
import { describe, expect, it } from 'vitest';
import { dayOf, hourOf } from '../../src/time/instants.js';

describe('the Amsterdam day and UTC hour of an instant', () => {
  it('agree with the time zone rules every 7 minutes across both 2026 clock changes', () => {
    for (const [from, to] of [
      ['2026-03-28T12:00:00Z', '2026-03-30T12:00:00Z'],
      ['2026-10-24T12:00:00Z', '2026-10-26T12:00:00Z'],
    ] as const) {
      for (let at = Date.parse(from); at <= Date.parse(to); at += 7 * 60_000) {
        const iso = new Date(at).toISOString();
        const expected = Temporal.Instant.from(iso)
          .toZonedDateTimeISO('Europe/Amsterdam')
          .toPlainDate()
          .toString();
        expect(dayOf(iso)).toBe(expected);
        const hour = new Date(at);
        hour.setUTCMinutes(0, 0, 0);
        expect(hourOf(iso)).toBe(hour.toISOString());
      }
    }
  });

  it('read instants with an offset the same way', () => {
    expect(dayOf('2026-03-29T00:30:00+01:00')).toBe('2026-03-29');
    expect(dayOf('2026-03-28T23:30:00Z')).toBe('2026-03-29');
    expect(hourOf('2026-03-29T03:30:00+02:00')).toBe('2026-03-29T01:00:00.000Z');
  });
});
