import { millis } from '../state/common.js';

/** Epoch milliseconds of an ISO instant; a string without a usable instant is a bug upstream. */
export function ms(instant: string): number {
  const value = millis(instant);
  if (Number.isNaN(value)) throw new RangeError(`not an ISO instant: ${JSON.stringify(instant)}`);
  return value;
}

export function msOrNull(instant: string | null | undefined): number | null {
  return instant == null ? null : ms(instant);
}

/** Seconds from `from` to `to`, never below 0 (clocks of source systems drift). */
export function secondsSince(from: number, to: number): number {
  return Math.max(0, (to - from) / 1000);
}
