/**
 * ZGW expresses its terms as ISO-8601 durations: a case type's `doorlooptijd` and `servicenorm`
 * in calendar days, a case's `verlenging.duur` in working days (werkbare dagen). stuurwiel norms
 * are whole days, so only durations that are an exact number of days are accepted.
 *
 * Decisions:
 * - `D` counts days and `W` weeks; `P8W` is 56 calendar days. A combination such as `P1W3D`
 *   (allowed by ISO 8601-1:2019) is the sum.
 * - Months and years (`P1M`, `P1Y`) are rejected: a month has no fixed number of days, and a
 *   norm of "30 days" for "one month" would put deadlines on the wrong date. The case type must
 *   state its term in days or weeks.
 * - Time parts (`PT24H`) are rejected: a day-based deadline ends at the end of a day.
 * - In working days a week counts as 5 (Monday to Friday); `P2W` as an extension is 10 working days.
 * - Zero and negative durations are rejected: a norm and an extension are at least 1 day.
 */

const DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

export type DurationResult = { ok: true; days: number } | { ok: false; reason: string };

/**
 * Whole days in an ISO-8601 duration: calendar days (a week is 7) or working days (a week is 5).
 */
export function durationToDays(text: string, unit: 'calendar_days' | 'working_days'): DurationResult {
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
  const perWeek = unit === 'calendar_days' ? 7 : 5;
  const total = Number(weeks ?? 0) * perWeek + Number(days ?? 0);
  if (total < 1) return { ok: false, reason: `duration '${text}' must be at least 1 day` };
  if (!Number.isSafeInteger(total)) return { ok: false, reason: `duration '${text}' is too long` };
  return { ok: true, days: total };
}
