import type { Clock, ServiceApp } from '@stuurwiel/runtime';
import { type AlertMessage, alertKey, TOPICS } from '@stuurwiel/schemas';
import type { Config } from './config.js';
import { clickHouseAlertHistory } from './history/index.js';
import { readOwnAlerts } from './inputs/own-alerts.js';
import { AlertBook } from './lifecycle/alert-book.js';
import type { AlertingMetrics } from './metrics.js';
import type { AlertHistory } from './model.js';
import { createNotifications } from './notifications.js';
import { createRuleEvaluator, quietDomains } from './rules/index.js';
import type { World } from './world/world.js';

export interface RoundDependencies {
  app: ServiceApp;
  world: World;
  config: Config;
  metrics: AlertingMetrics;
  clock: Clock;
  env: Readonly<Record<string, string | undefined>>;
}

const STATES = ['pending', 'firing', 'resolved'] as const;

/**
 * Builds one evaluation round: rules → alert book → alerts.v1 (→ dispatch and notify). The book
 * starts from alerts.v1 as last published, so a restart forgets no alert.
 */
export interface Round {
  run(now: Date): Promise<void>;
  /** Writes what the history still holds; after the last round. */
  close(): Promise<void>;
}

export async function createRound(deps: RoundDependencies): Promise<Round> {
  const { app, world, config, metrics } = deps;
  const alertsTopic = `${config.KAFKA_TOPIC_PREFIX}${TOPICS.alerts}`;
  const restored = await readOwnAlerts({
    kafka: app.kafka,
    topic: alertsTopic,
    groupPrefix: config.ALERTING_GROUP_PREFIX,
    onInvalid: (message, reason) => {
      metrics.inputInvalid.inc({ input: 'alerts' });
      app.log.warn(
        { offset: message.offset, key: message.key, reason },
        'published alert unreadable; left out',
      );
    },
    onFatal: (error) => app.log.error({ err: error }, 'reading alerts.v1 back failed'),
  });
  const book = AlertBook.restore(restored);
  app.log.info({ alerts: restored.length }, 'alert book restored from alerts.v1');
  const rules = createRuleEvaluator({
    onRefused: (rule, reasons) =>
      app.log.warn({ rule_id: rule.rule_id, reasons }, 'rule refused; it is not evaluated'),
  });

  const stored = clickHouseAlertHistory(app.db);
  const history: AlertHistory = {
    recordStates: (alerts) => stored.recordStates(alerts),
    async recordAttempt(attempt) {
      await stored.recordAttempt(attempt);
      metrics.notifications.inc({ outcome: attempt.outcome });
    },
  };
  const notifications = await createNotifications({
    config,
    db: app.db,
    history,
    clock: deps.clock,
    viewOf: (tenant) => world.view(tenant),
    env: deps.env,
    onUnrouted: (alert) =>
      app.log.debug({ tenant: alert.tenant, fingerprint: alert.fingerprint }, 'no route takes the alert'),
    onError: (error, groupKey) => app.log.error({ err: error, groupKey }, 'notifying a group failed'),
  });
  // What fired before a restart goes back into its group, and what resolved in the last day, whose
  // resolve notice may not have gone out yet; the restored log keeps what was sent from going again.
  const dayAgo = deps.clock().getTime() - 86_400_000;
  notifications.insert(
    restored.filter(
      (a) => a.state === 'firing' || (a.resolved_at !== null && Date.parse(a.resolved_at) >= dayAgo),
    ),
  );

  const run = async (now: Date) => {
    const changed: AlertMessage[] = [];
    for (const tenant of world.tenants()) {
      const view = world.view(tenant);
      const firing = new Set(
        book
          .alerts(tenant)
          .filter((a) => a.state === 'firing')
          .map((a) => a.fingerprint),
      );
      const observations = rules.evaluate(view, now, firing);
      changed.push(
        ...book.evaluate({
          tenant,
          now,
          rules: view.rules(),
          observations,
          quietDomains: quietDomains(observations),
          status: notifications.status(view, now),
        }),
      );
    }
    // Stored and published before anything is notified: the history and alerts.v1 are the book's
    // memory across restarts.
    await history.recordStates(changed);
    await app.producer.send(
      alertsTopic,
      changed.map((a) => ({ key: alertKey(a), value: JSON.stringify(a) })),
    );
    notifications.insert(changed);
    const counts = { pending: 0, firing: 0, resolved: 0 };
    for (const a of book.alerts()) counts[a.state]++;
    for (const state of STATES) metrics.alerts.set({ state }, counts[state]);
  };
  return {
    run,
    async close() {
      notifications.stop();
      await stored.close();
    },
  };
}
