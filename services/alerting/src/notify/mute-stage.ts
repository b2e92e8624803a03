import type { AlertMessage } from '@stuurwiel/schemas';
import type { OpeningScope } from '../model.js';
import { matchesAll } from './matchers.js';
import type { NotifyView, Stage } from './stage.js';
import { stop } from './stage.js';

/**
 * The scope whose opening hours decide for an alert: its queue, else its location, else its
 * source, else the municipality (isOpen lets a queue without hours follow its location).
 */
export function openingScope(alert: Pick<AlertMessage, 'labels'>): OpeningScope {
  const { queue, location, source } = alert.labels;
  if (queue) return { kind: 'queue', id: queue };
  if (location) return { kind: 'location', id: location };
  if (source) return { kind: 'source', id: source };
  return { kind: 'tenant' };
}

/** Ids of the mutes that hold for the alert at `at`: matching, and its scope is closed. */
export function mutedBy(alert: AlertMessage, view: Pick<NotifyView, 'mutes' | 'isOpen'>, at: Date): string[] {
  const mutes = view.mutes().filter((m) => matchesAll(m.matchers, alert.labels));
  if (mutes.length === 0 || view.isOpen(openingScope(alert), at)) return [];
  return mutes.map((m) => m.mute_id);
}

/** Drops alerts muted now, e.g. counter alerts while the counter is closed. */
export const muteStage: Stage = {
  name: 'mute',
  async exec(ctx, alerts) {
    const kept = alerts.filter((a) => mutedBy(a, ctx.view, ctx.now).length === 0);
    return kept.length === 0 ? stop(ctx, 'suppressed') : { ctx, alerts: kept };
  },
};
