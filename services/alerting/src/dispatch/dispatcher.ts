import type { Clock } from '@stuurwiel/runtime';
import type { AlertMessage } from '@stuurwiel/schemas';
import type { Notify } from '../notify/notifier.js';
import { AggregationGroup } from './aggregation-group.js';
import { groupOf, type RoutesConfig, routeFor } from './routes.js';
import type { Scheduler } from './scheduler.js';

export interface DispatcherOptions {
  routes: RoutesConfig;
  notify: Notify;
  clock: Clock;
  scheduler: Scheduler;
  /** An alert no route takes: the caller logs it (it is still published on alerts.v1). */
  onUnrouted?: (alert: AlertMessage) => void;
  onError?: (error: unknown, groupKey: string) => void;
}

/**
 * How the service wires lifecycle, dispatch and notify (the test harness
 * test/fixtures/notify-harness.ts does the same on a fake scheduler):
 *
 *   const log = NotificationLog.fromSent(sent attempts of the history);   // restart: nothing twice
 *   const book = AlertBook.restore(messages read back from alerts.v1);
 *   const dispatcher = new Dispatcher({ routes, clock, scheduler: timerScheduler,
 *     notify: createNotifier({ viewOf, stage: standardPipeline({ log, history, clock,
 *       sleep: timerScheduler.sleep, receiver }) }) });
 *   dispatcher.insert(book.alerts());
 *   // each evaluation:
 *   const changed = book.evaluate({ tenant, now, rules, observations, quietDomains,
 *     status: alertStatus({ view, log, routes, now }) });
 *   publish changed on alerts.v1; history.recordStates(changed); dispatcher.insert(changed);
 *
 * Puts alerts into aggregation groups per route and group labels (municipality and team by
 * default). Only alerts that fired matter here: a pending alert is not news yet, and one that
 * resolved without ever firing was never announced.
 */
export class Dispatcher {
  readonly #groups = new Map<string, AggregationGroup>();
  readonly #abort = new AbortController();

  constructor(readonly options: DispatcherOptions) {}

  insert(alerts: Iterable<AlertMessage>): void {
    if (this.#abort.signal.aborted) throw new Error('dispatcher: stopped');
    for (const alert of alerts) {
      if (alert.fired_at === null) continue;
      const route = routeFor(this.options.routes, alert);
      if (route === undefined) {
        this.options.onUnrouted?.(alert);
        continue;
      }
      const { key, labels } = groupOf(route, alert);
      let group = this.#groups.get(key);
      if (group === undefined) {
        group = new AggregationGroup({
          tenant: alert.tenant,
          key,
          labels,
          route,
          notify: this.options.notify,
          clock: this.options.clock,
          scheduler: this.options.scheduler,
          signal: this.#abort.signal,
          onError: (error) => this.options.onError?.(error, key),
          onEmpty: () => this.#groups.delete(key),
        });
        this.#groups.set(key, group);
      }
      group.insert(alert);
    }
  }

  /** The groups and their alerts now, for inspection. */
  groups(): { key: string; alerts: AlertMessage[] }[] {
    return [...this.#groups.entries()].map(([key, group]) => ({ key, alerts: group.alerts }));
  }

  /** Stops every timer and aborts flushes under way (their retries end). */
  stop(): void {
    this.#abort.abort(new Error('dispatcher stopped'));
    for (const group of this.#groups.values()) group.stop();
    this.#groups.clear();
  }
}
