import type { Pattern, Week } from './config.js';
import { clockMinutes, type LocalTime } from './local-time.js';

/** Whether a weekly schedule is open at a local time. */
export function isOpen(week: Week, at: LocalTime): boolean {
  return (week[at.weekday] ?? []).some(
    (p) => clockMinutes(p.from) <= at.minute && at.minute < clockMinutes(p.to),
  );
}

/** Minutes of hour `hour` (0–23) within the day's opening periods. */
function openMinutesInHour(periods: { from: string; to: string }[], hour: number): number {
  return periods.reduce((sum, p) => {
    const from = Math.max(clockMinutes(p.from), hour * 60);
    const to = Math.min(clockMinutes(p.to), hour * 60 + 60);
    return sum + Math.max(0, to - from);
  }, 0);
}

/**
 * Expected arrivals per minute at a local time: the day's volume (volume × weekday × month
 * factor) spread over the open minutes of that day by the hour weights. Closed minutes get
 * none, and a day's expected total is its whole volume, however its hours are cut.
 */
export function arrivalsPerMinute(volume: number, pattern: Pattern, week: Week, at: LocalTime): number {
  if (!isOpen(week, at)) return 0;
  const periods = week[at.weekday] ?? [];
  let weightedMinutes = 0;
  for (let h = 0; h < 24; h++)
    weightedMinutes += (pattern.hours[String(h)] ?? 0) * openMinutesInHour(periods, h);
  if (weightedMinutes === 0) return 0;
  const hourWeight = pattern.hours[String(Math.floor(at.minute / 60))] ?? 0;
  const day = volume * (pattern.weekdays[at.weekday] ?? 1) * (pattern.months?.[at.month - 1] ?? 1);
  return (day * hourWeight) / weightedMinutes;
}

/** Open minutes of a day (for spreading a per-day amount of work over office hours). */
export function openMinutes(week: Week, at: LocalTime): number {
  return (week[at.weekday] ?? []).reduce((sum, p) => sum + clockMinutes(p.to) - clockMinutes(p.from), 0);
}
