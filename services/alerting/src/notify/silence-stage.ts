import type { AlertMessage, Silence } from '@stuurwiel/schemas';
import { matchesAll } from './matchers.js';
import type { Stage } from './stage.js';
import { stop } from './stage.js';

/** Ids of the silences active at `at` (starts_at ≤ at < ends_at) whose matchers all fit the alert. */
export function silencedBy(
  alert: Pick<AlertMessage, 'labels'>,
  silences: readonly Silence[],
  at: Date,
): string[] {
  const t = at.getTime();
  return silences
    .filter(
      (s) =>
        Date.parse(s.starts_at) <= t && t < Date.parse(s.ends_at) && matchesAll(s.matchers, alert.labels),
    )
    .map((s) => s.silence_id);
}

/** Drops silenced alerts; once a silence has expired they pass again. */
export const silenceStage: Stage = {
  name: 'silence',
  async exec(ctx, alerts) {
    const silences = ctx.view.silences();
    const kept = alerts.filter((a) => silencedBy(a, silences, ctx.now).length === 0);
    return kept.length === 0 ? stop(ctx, 'suppressed') : { ctx, alerts: kept };
  },
};
