import type { AlertMessage } from '@stuurwiel/schemas';
import type { Route } from '../dispatch/routes.js';
import type { Labels, Notification, TenantView } from '../model.js';

/** What the notify stages read of a municipality. */
export type NotifyView = Pick<TenantView, 'isOpen' | 'silences' | 'mutes' | 'acknowledgement'>;

/** One flush of one group towards one receiver. */
export interface NotifyContext {
  readonly tenant: string;
  readonly now: Date;
  readonly groupKey: string;
  readonly groupLabels: Labels;
  readonly route: Route;
  readonly receiver: string;
  /** The route's escalation branch: only the escalation stage lets alerts through. */
  readonly escalation: boolean;
  readonly view: NotifyView;
  readonly signal: AbortSignal;
  /** Fingerprints of firing alerts an acknowledgement holds for (set by the acknowledgement stage). */
  readonly acknowledged: ReadonlySet<string>;
  /** The notification to send (set by the dedup stage). */
  readonly notification?: Notification;
  /** The attempt that delivered it (set by the retry stage). */
  readonly attempt?: number;
  /** How the flush ended for this receiver, when a stage ended it early or the log recorded it. */
  readonly outcome?: Outcome;
}

/**
 * sent: delivered and logged; unchanged: nothing new and no repeat due; suppressed: every alert
 * muted or silenced; dead_letter: the receiver did not take it within the retries.
 */
export type Outcome = 'sent' | 'unchanged' | 'suppressed' | 'dead_letter';

export interface StageResult {
  ctx: NotifyContext;
  alerts: readonly AlertMessage[];
}

/** One step of the notify pipeline, as Alertmanager's notify.Stage. An empty alert list ends it. */
export interface Stage {
  readonly name: string;
  exec(ctx: NotifyContext, alerts: readonly AlertMessage[]): Promise<StageResult>;
}

/** Ends the pipeline with an outcome. */
export function stop(ctx: NotifyContext, outcome: Outcome): StageResult {
  return { ctx: { ...ctx, outcome }, alerts: [] };
}

/** The notification the dedup stage built; a stage after it cannot run without one. */
export function notificationOf(ctx: NotifyContext, stage: string): Notification {
  if (ctx.notification === undefined)
    throw new Error(`${stage} stage: no notification (the dedup stage comes first)`);
  return ctx.notification;
}

/** Stages in order (Alertmanager's MultiStage): each gets what the previous one let through. */
export function pipeline(name: string, stages: readonly Stage[]): Stage {
  return {
    name,
    async exec(ctx, alerts) {
      let result: StageResult = { ctx, alerts };
      for (const stage of stages) {
        if (result.alerts.length === 0) break;
        result = await stage.exec(result.ctx, result.alerts);
      }
      return result;
    },
  };
}

export interface Delivery {
  receiver: string;
  escalation: boolean;
  outcome: Outcome;
  notification?: Notification;
}

/** The same pipeline towards several receivers at once (Alertmanager's FanoutStage). */
export async function fanout(
  stage: Stage,
  contexts: readonly NotifyContext[],
  alerts: readonly AlertMessage[],
): Promise<Delivery[]> {
  return Promise.all(
    contexts.map(async (ctx) => {
      const { ctx: end } = await stage.exec(ctx, alerts);
      return {
        receiver: ctx.receiver,
        escalation: ctx.escalation,
        outcome: end.outcome ?? 'unchanged',
        notification: end.notification,
      };
    }),
  );
}
