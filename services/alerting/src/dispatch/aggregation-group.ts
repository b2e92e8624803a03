import type { Clock } from '@stuurwiel/runtime';
import type { AlertMessage } from '@stuurwiel/schemas';
import type { Labels } from '../model.js';
import type { Notify } from '../notify/notifier.js';
import type { Route } from './routes.js';
import type { Scheduler } from './scheduler.js';

export interface GroupOptions {
  tenant: string;
  key: string;
  labels: Labels;
  route: Route;
  notify: Notify;
  clock: Clock;
  scheduler: Scheduler;
  signal: AbortSignal;
  onError: (error: unknown) => void;
  /** The group has nothing left (every alert resolved and announced). */
  onEmpty: () => void;
}

/**
 * The alerts of one group with their own timers (Alertmanager's aggrGroup): the first flush
 * after group_wait, then one every group_interval; between two, a flush of the escalation branch
 * alone when an escalation falls due. After a flush every receiver took, the resolved alerts it
 * carried leave the group.
 */
export class AggregationGroup {
  readonly #alerts = new Map<string, AlertMessage>();
  #cancel: (() => void) | undefined;
  #nextFullAt: number | undefined;
  #flushing = false;

  constructor(readonly options: GroupOptions) {}

  get alerts(): AlertMessage[] {
    return [...this.#alerts.values()];
  }

  insert(alert: AlertMessage): void {
    const known = this.#alerts.get(alert.fingerprint);
    if (known !== undefined && Date.parse(known.updated_at) > Date.parse(alert.updated_at)) return;
    this.#alerts.set(alert.fingerprint, alert);
    if (this.#nextFullAt === undefined && !this.#flushing) {
      // An alert that fired long ago (say, before a restart) need not wait again: the
      // notification log keeps what was sent from being sent twice.
      const now = this.options.clock().getTime();
      const waitMs = this.options.route.group_wait * 1000;
      const firedAt = alert.fired_at === null ? now : Date.parse(alert.fired_at);
      this.#schedule(now + Math.max(0, Math.min(waitMs, firedAt + waitMs - now)));
    }
  }

  stop(): void {
    this.#cancel?.();
    this.#cancel = undefined;
  }

  #schedule(fullAt: number): void {
    this.#cancel?.();
    this.#nextFullAt = fullAt;
    const now = this.options.clock().getTime();
    const at = Math.min(fullAt, this.#nextEscalation(now) ?? fullAt);
    this.#cancel = this.options.scheduler.after(Math.max(0, at - now), () => void this.#flush());
  }

  /** When the next unescalated firing alert reaches escalate_after, if that is after now. */
  #nextEscalation(now: number): number | undefined {
    const after = this.options.route.escalate_after;
    if (after === undefined) return undefined;
    const due = this.alerts
      .filter((a) => a.state === 'firing' && a.fired_at !== null)
      .map((a) => Date.parse(a.fired_at!) + after * 1000)
      .filter((at) => at > now);
    return due.length === 0 ? undefined : Math.min(...due);
  }

  async #flush(): Promise<void> {
    this.#cancel = undefined;
    const now = this.options.clock();
    const full = this.#nextFullAt === undefined || now.getTime() >= this.#nextFullAt;
    const carried = this.alerts;
    this.#flushing = true;
    let anyDeadLetter = true;
    try {
      const deliveries = await this.options.notify({
        tenant: this.options.tenant,
        groupKey: this.options.key,
        groupLabels: this.options.labels,
        route: this.options.route,
        alerts: carried,
        now,
        signal: this.options.signal,
        escalationOnly: !full,
      });
      anyDeadLetter = deliveries.some((d) => d.outcome === 'dead_letter');
    } catch (error) {
      this.options.onError(error);
    } finally {
      this.#flushing = false;
    }
    if (this.options.signal.aborted) return;
    if (full && !anyDeadLetter)
      for (const alert of carried)
        if (alert.state === 'resolved' && this.#alerts.get(alert.fingerprint) === alert)
          this.#alerts.delete(alert.fingerprint);
    if (this.#alerts.size === 0) {
      this.#nextFullAt = undefined;
      this.options.onEmpty();
      return;
    }
    const nextFull = full
      ? this.options.clock().getTime() + this.options.route.group_interval * 1000
      : (this.#nextFullAt ?? now.getTime());
    this.#schedule(nextFull);
  }
}
