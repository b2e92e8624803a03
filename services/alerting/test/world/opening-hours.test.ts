import { referenceOpeningHoursPayload } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { amsterdamMoment, governingHours, isOpenBy, isPublicHoliday } from '../../src/world/opening-hours.js';

const weekdays = (from: string, to: string) =>
  referenceOpeningHoursPayload.parse({
    opening_hours_id: 'hours',
    scope: { kind: 'tenant' },
    week: {
      monday: [{ from, to }],
      tuesday: [{ from, to }],
      wednesday: [{ from, to }],
      thursday: [{ from, to }],
      friday: [{ from, to }],
    },
  });
const never = () => false;

describe('opening hours', () => {
  it('reads the local time in Europe/Amsterdam, summer and winter', () => {
    expect(amsterdamMoment(new Date('2026-07-01T07:30:00Z'))).toEqual({
      weekday: 'wednesday',
      date: '2026-07-01',
      time: '09:30',
    });
    expect(amsterdamMoment(new Date('2026-01-05T23:30:00Z'))).toEqual({
      weekday: 'tuesday',
      date: '2026-01-06',
      time: '00:30',
    });
  });

  it('is open from the start of a period up to, not including, its end', () => {
    const hours = weekdays('09:00', '17:00');
    expect(isOpenBy(hours, new Date('2026-03-02T07:59:00Z'), never)).toBe(false);
    expect(isOpenBy(hours, new Date('2026-03-02T08:00:00Z'), never)).toBe(true);
    expect(isOpenBy(hours, new Date('2026-03-02T15:59:00Z'), never)).toBe(true);
    expect(isOpenBy(hours, new Date('2026-03-02T16:00:00Z'), never)).toBe(false);
  });

  it('is closed on a day without periods', () => {
    expect(isOpenBy(weekdays('09:00', '17:00'), new Date('2026-03-07T10:00:00Z'), never)).toBe(false);
  });

  it("is closed on King's Day and on the municipality's closing days when its hours say so", () => {
    const hours = weekdays('09:00', '17:00');
    expect(isPublicHoliday('2026-04-27')).toBe(true);
    expect(isOpenBy(hours, new Date('2026-04-27T10:00:00Z'), never)).toBe(false);
    expect(isOpenBy(hours, new Date('2026-03-03T10:00:00Z'), (d) => d === '2026-03-03')).toBe(false);
    const ignoring = { ...hours, closed_on_closing_days: false };
    expect(isOpenBy(ignoring, new Date('2026-04-27T10:00:00Z'), never)).toBe(true);
  });

  it('lets a queue without hours follow its location, and a location without hours the municipality', () => {
    const tenant = weekdays('09:00', '17:00');
    const location = { ...weekdays('08:00', '12:00'), opening_hours_id: 'loc' };
    const table = new Map<string, typeof tenant>([
      ['tenant|', tenant],
      ['location|north', location],
    ]);
    const hoursOf = (s: { kind: string; id?: string }) => table.get(`${s.kind}|${s.id ?? ''}`);
    const locationOf = (q: string) => (q === 'q1' ? 'north' : undefined);
    expect(governingHours({ kind: 'queue', id: 'q1' }, hoursOf, locationOf)).toBe(location);
    expect(governingHours({ kind: 'queue', id: 'q2' }, hoursOf, locationOf)).toBe(tenant);
    expect(governingHours({ kind: 'location', id: 'south' }, hoursOf, locationOf)).toBe(tenant);
    expect(
      governingHours({ kind: 'source', id: 'telephony/asterisk' }, () => undefined, locationOf),
    ).toBeUndefined();
  });
});
