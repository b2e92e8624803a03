/**
 * The calendars of every municipality: one legal calendar (Atw holidays and decree days, the same
 * for everyone) and per municipality a service calendar that also closes its own closing days.
 *
 * Closing days are reference data that change while the aggregator runs. The book asks for them on
 * every use and builds a new calendar when the list it gets is a different object, so a change takes
 * effect at the next deadline computed, without a restart; a provider must therefore return the
 * same array object for as long as the days are unchanged (the reference store does).
 */
import { type Calendar, type ClosedDay, createCalendar } from './calendar.js';

export interface CalendarBook {
  /** Legal terms (Awb, special laws): the Algemene termijnenwet; closing days are working days. */
  readonly legal: Calendar;
  /** Service norms of a municipality: the legal calendar plus its own closing days. */
  service(tenant: string): Calendar;
}

export type ClosingDaysOf = (tenant: string) => readonly ClosedDay[];

const NONE: readonly ClosedDay[] = Object.freeze([]);

export function createCalendarBook(closingDaysOf: ClosingDaysOf = () => NONE): CalendarBook {
  const legal = createCalendar();
  const built = new WeakMap<readonly ClosedDay[], Calendar>();
  return {
    legal,
    service(tenant) {
      const days = closingDaysOf(tenant);
      if (days.length === 0) return legal;
      let calendar = built.get(days);
      if (!calendar) {
        calendar = createCalendar({ extraClosedDays: days });
        built.set(days, calendar);
      }
      return calendar;
    },
  };
}

/** One calendar for legal terms and service norms alike (tests, and callers without tenants). */
export const singleCalendarBook = (calendar: Calendar): CalendarBook => ({
  legal: calendar,
  service: () => calendar,
});
