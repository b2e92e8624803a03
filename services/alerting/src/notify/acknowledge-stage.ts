import type { Acknowledgement, AlertMessage } from '@stuurwiel/schemas';
import type { Stage } from './stage.js';

/**
 * Whether an acknowledgement holds for the alert: it is firing and nothing changed since the
 * acknowledgement. A change is a new occurrence, a state or severity change, or a new deadline
 * item (the alert book moves `changed_at` on each).
 */
export function acknowledgementHolds(alert: AlertMessage, ack: Acknowledgement | undefined): boolean {
  if (ack === undefined || alert.state !== 'firing' || ack.fingerprint !== alert.fingerprint) return false;
  return Date.parse(ack.at) >= Date.parse(alert.changed_at ?? alert.starts_at);
}

/**
 * Marks the acknowledged firing alerts: they still appear in notifications about their group,
 * but cause no repeat (dedup stage) and no escalation (escalation stage).
 */
export const acknowledgeStage: Stage = {
  name: 'acknowledgement',
  async exec(ctx, alerts) {
    const acknowledged = new Set(
      alerts
        .filter((a) => acknowledgementHolds(a, ctx.view.acknowledgement(a.fingerprint)))
        .map((a) => a.fingerprint),
    );
    return { ctx: { ...ctx, acknowledged }, alerts };
  },
};
