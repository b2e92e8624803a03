/**
 * ZGW expresses its terms as ISO-8601 durations: a case type's `doorlooptijd` and `servicenorm`
 * in calendar days, a case's `verlenging.duur` in working days (werkbare dagen) when given in days
 * (`P10D`). Legal extensions are often "six weeks" (Omgevingswet 16.64): a `verlenging.duur` in
 * weeks (`P6W`) is calendar weeks, counted as such (holidays inside them do not lengthen them).
 * stuurwiel norms are whole days, so only durations that are an exact number of days are accepted.
 *
 * Decisions:
 * - `D` counts days and `W` weeks; `P8W` is 56 calendar days. A combination such as `P1W3D`
 *   (allowed by ISO 8601-1:2019) is the sum.
 * - Months and years (`P1M`, `P1Y`) are rejected: a month has no fixed number of days, and a
 *   norm of "30 days" for "one month" would put deadlines on the wrong date. The case type must
 *   state its term in days or weeks.
 * - Time parts (`PT24H`) are rejected: a day-based deadline ends at the end of a day.
 * - An extension (`verlenging.duur`, see {@link extensionDuration}): `P…D` is working days, `P…W`
 *   calendar weeks; a mix (`P1W3D`) is rejected, as its unit would be ambiguous.
 * - Zero and negative durations are rejected: a norm and an extension are at least 1 day.
 */

const DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

export type DurationResult = { ok: true; days: number } | { ok: false; reason: string };

export type ExtensionResult =
  | { ok: true; extension: { working_days: number } | { calendar_weeks: number } }
  | { ok: false; reason: string };

type Parts = { weeks: number | undefined; days: number | undefined };

/** The week and day parts of a duration that is a whole number of days, or why it is not. */
function dayParts(text: string): { ok: true; parts: Parts } | { ok: false; reason: string } {
  const match = DURATION.exec(text.trim());
  if (!match || text.trim() === 'P' || text.trim().endsWith('T')) {
    return { ok: false, reason: `'${text}' is not an ISO-8601 duration such as P56D or P8W` };
  }
  const [, years, months, weeks, days, hours, minutes, seconds] = match;
  if (years !== undefined || months !== undefined) {
    return {
      ok: false,
      reason: `unsupported duration '${text}': months and years have no fixed number of days; express it in days or weeks (e.g. P42D, P6W)`,
    };
  }
  if (hours !== undefined || minutes !== undefined || seconds !== undefined) {
    return {
      ok: false,
      reason: `unsupported duration '${text}': hours, minutes and seconds do not make a number of whole days; express it in days or weeks`,
    };
  }
  const parts = {
    weeks: weeks === undefined ? undefined : Number(weeks),
    days: days === undefined ? undefined : Number(days),
  };
  const total = (parts.weeks ?? 0) * 7 + (parts.days ?? 0);
  if (total < 1) return { ok: false, reason: `duration '${text}' must be at least 1 day` };
  if (!Number.isSafeInteger(total)) return { ok: false, reason: `duration '${text}' is too long` };
  return { ok: true, parts };
}

/** Whole calendar days in an ISO-8601 duration (a week is 7): a case type's term. */
export function durationToDays(text: string): DurationResult {
  const result = dayParts(text);
  if (!result.ok) return result;
  return { ok: true, days: (result.parts.weeks ?? 0) * 7 + (result.parts.days ?? 0) };
}

/** A zaak's `verlenging.duur`: `P…D` in working days, `P…W` in calendar weeks. */
export function extensionDuration(text: string): ExtensionResult {
  const result = dayParts(text);
  if (!result.ok) return result;
  const { weeks, days } = result.parts;
  if (weeks !== undefined && days !== undefined) {
    return {
      ok: false,
      reason: `unsupported extension '${text}': give it in days (working days, e.g. P10D) or in weeks (calendar weeks, e.g. P6W), not both`,
    };
  }
  return weeks !== undefined
    ? { ok: true, extension: { calendar_weeks: weeks } }
    : { ok: true, extension: { working_days: days as number } };
}
