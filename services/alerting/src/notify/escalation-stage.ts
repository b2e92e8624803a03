import type { NotificationLog } from './notification-log.js';
import { occurrenceKey, occurrenceOfFiringKey } from './notification-log.js';
import type { Stage } from './stage.js';
import { stop } from './stage.js';

/**
 * The route's escalation branch: a firing alert that stayed unacknowledged for escalate_after
 * goes to the escalation receiver, once per occurrence. Alerts escalated before stay in the
 * escalated set while they fire (an acknowledgement afterwards does not take them out, so a
 * later change cannot escalate the same occurrence twice); only a newly escalated one sends.
 * On the main branch this stage lets everything through.
 */
export function escalationStage(log: NotificationLog): Stage {
  return {
    name: 'escalation',
    async exec(ctx, alerts) {
      if (!ctx.escalation) return { ctx, alerts };
      const after = ctx.route.escalate_after;
      if (after === undefined) return stop(ctx, 'unchanged');
      const before = new Set(log.get(ctx.groupKey, ctx.receiver)?.firing.map(occurrenceOfFiringKey) ?? []);
      const due = (firedAt: string) => ctx.now.getTime() - Date.parse(firedAt) >= after * 1000;
      const escalated = alerts.filter(
        (a) =>
          a.state === 'firing' &&
          a.fired_at !== null &&
          (before.has(occurrenceKey(a)) || (!ctx.acknowledged.has(a.fingerprint) && due(a.fired_at))),
      );
      if (escalated.every((a) => before.has(occurrenceKey(a)))) return stop(ctx, 'unchanged');
      return { ctx, alerts: escalated };
    },
  };
}
