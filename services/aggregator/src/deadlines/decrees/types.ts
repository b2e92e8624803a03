/**
 * A decree under article 3 of the Algemene termijnenwet: days the government equates with the
 * Atw holidays for a span of years (a decree is issued every three years).
 */
export interface AtwDecree {
  title: string;
  /** The years the decree covers, inclusive. */
  years: { from: number; to: number };
  days: readonly { date: string; name: string }[];
}
