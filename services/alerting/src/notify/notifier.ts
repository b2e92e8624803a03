import type { AlertMessage } from '@stuurwiel/schemas';
import type { Route } from '../dispatch/routes.js';
import type { Labels } from '../model.js';
import { acknowledgeStage } from './acknowledge-stage.js';
import { dedupStage } from './dedup-stage.js';
import { escalationStage } from './escalation-stage.js';
import { logStage } from './log-stage.js';
import { muteStage } from './mute-stage.js';
import type { NotificationLog } from './notification-log.js';
import { type RetryOptions, retryStage } from './retry-stage.js';
import { silenceStage } from './silence-stage.js';
import { type Delivery, fanout, type NotifyContext, type NotifyView, pipeline, type Stage } from './stage.js';

/** One flush of an aggregation group, as the dispatcher hands it over. */
export interface Flush {
  tenant: string;
  groupKey: string;
  groupLabels: Labels;
  route: Route;
  alerts: readonly AlertMessage[];
  now: Date;
  signal: AbortSignal;
  /** Only the escalation branch: an escalation fell due between two group intervals. */
  escalationOnly?: boolean;
}

export type Notify = (flush: Flush) => Promise<Delivery[]>;

/** mute → silence → acknowledgement → escalation → dedup → retry → log. */
export function standardPipeline(options: { log: NotificationLog } & RetryOptions): Stage {
  return pipeline('notify', [
    muteStage,
    silenceStage,
    acknowledgeStage,
    escalationStage(options.log),
    dedupStage(options.log),
    retryStage(options),
    logStage(options),
  ]);
}

/** Runs the pipeline towards every receiver of the route at once: its receivers and escalation receivers. */
export function createNotifier(options: { stage: Stage; viewOf: (tenant: string) => NotifyView }): Notify {
  return (flush) => {
    const view = options.viewOf(flush.tenant);
    const context = (receiver: string, escalation: boolean): NotifyContext => ({
      tenant: flush.tenant,
      now: flush.now,
      groupKey: flush.groupKey,
      groupLabels: flush.groupLabels,
      route: flush.route,
      receiver,
      escalation,
      view,
      signal: flush.signal,
      acknowledged: new Set(),
    });
    const contexts = [
      ...(flush.escalationOnly ? [] : flush.route.receivers.map((r) => context(r, false))),
      ...flush.route.escalation_receivers.map((r) => context(r, true)),
    ];
    return fanout(options.stage, contexts, flush.alerts);
  };
}
