import { makeEvent } from '@stuurwiel/infra/testing';
import type { AlertingConfigMessage, AlertMessage } from '@stuurwiel/schemas';
import { afterAll, describe, expect, it } from 'vitest';
import type { Alerting } from '../../src/index.js';
import { until } from '../support/morning.js';
import { waitRounds } from '../support/rounds.js';
import { scenarioClock } from '../support/scenario-clock.js';
import { type ScenarioStack, startStack, TENANT, WEBHOOK_SECRET } from '../support/stack.js';
import { snapshot } from '../support/view.js';
import { startWebhookSink, type WebhookSink } from '../support/webhook-sink.js';

const MINUTE = 60_000;
const change = { spec_version: 1, tenant: TENANT, changed_by: 'teamlead-balie' } as const;
// Tuesday 3 March 2026, 08:00 in Amsterdam; a demo minute passes each wall second.
const START = '2026-03-03T07:00:00Z';
const OPENS_MINUTE = 20; // the wijkpost opens at 08:20
const ESCALATE_AFTER_MINUTES = 10;

// One threshold rule per behaviour, each on a counter location of its own whose snapshots the test
// writes on kpi.v1 (alerting's input); no event of the scenario names these locations, so the
// aggregator writes none of them.
const waitingAbove = (rule_id: string, location: string, extra: Record<string, unknown> = {}) =>
  ({
    ...change,
    changed_at: START,
    type: 'rule',
    rule: {
      rule_id,
      name: `Wachtenden ${location}`,
      kind: 'threshold',
      domain: 'counter',
      scope: { kind: 'location', id: location },
      metric: 'now.waiting',
      operator: 'above',
      threshold: 10,
      ...extra,
    },
  }) as AlertingConfigMessage;

const routeFor = (rule_id: string, extra: Record<string, unknown> = {}) => ({
  name: rule_id,
  tenant: TENANT,
  matchers: [{ name: 'rule_id', value: rule_id }],
  receivers: ['team-webhook'],
  group_wait: '5s',
  group_interval: '1m',
  repeat_interval: '4h',
  ...extra,
});

describe('escalation, hysteresis and a mute by opening hours on the real stack', () => {
  let stack: ScenarioStack | undefined;
  let sink: WebhookSink | undefined;
  afterAll(async () => {
    await stack?.close();
    await sink?.close();
  });

  it('escalates an unacknowledged alert once after escalate_after, does not flap around a threshold with a recovery level, and holds a muted alert back until the location opens', {
    timeout: 300_000,
  }, async () => {
    const time = scenarioClock(START, 60, 20_000);
    sink = await startWebhookSink(WEBHOOK_SECRET);
    const receivers = ['team-webhook', 'escalation-webhook'].map((name) => ({
      type: 'webhook',
      name,
      url: sink!.url,
      secret_env: 'SCENARIO_WEBHOOK_SECRET',
    }));
    stack = await startStack({
      name: 'escalation',
      clock: time.clock,
      receivers: { receivers },
      routes: {
        routes: [
          routeFor('escalatie', {
            escalation_receivers: ['escalation-webhook'],
            escalate_after: `${ESCALATE_AFTER_MINUTES}m`,
          }),
          routeFor('hysterese'),
          routeFor('wijkpost'),
        ],
      },
    });
    const running = stack;
    const deliveries = sink.deliveries;

    await running.configure(waitingAbove('escalatie', 'escalatie'));
    await running.configure(waitingAbove('hysterese', 'hysterese', { recovery: 5 }));
    await running.configure(waitingAbove('wijkpost', 'wijkpost'));
    await running.configure({
      ...change,
      changed_at: START,
      type: 'mute',
      mute: {
        mute_id: 'wijkpost-dicht',
        matchers: [{ name: 'rule_id', value: 'wijkpost', op: '=' }],
        when: 'outside_opening_hours',
        created_by: 'teamlead-balie',
      },
    });
    await running.post([
      makeEvent(
        'reference.opening_hours',
        '2026-03-01T00:00:00Z',
        {
          opening_hours_id: 'wijkpost',
          scope: { kind: 'location', id: 'wijkpost' },
          week: { tuesday: [{ from: '08:20', to: '17:00' }] },
        },
        { tenant: TENANT },
      ),
    ]);
    const alerting: Alerting = await running.startAlerting(running.alertingEnv(time.env));
    await until('the opening hours and rules read', () => {
      const view = alerting.world.view(TENANT);
      return (
        view.rules().length >= 3 &&
        view.mutes().length === 1 &&
        !view.isOpen({ kind: 'location', id: 'wijkpost' }, time.at(0))
      );
    });

    const waiting = async (location: string, count: number) => {
      await running.publishSnapshot(
        snapshot('counter', {
          as_of: time.clock().toISOString(),
          scope: { kind: 'location', id: location },
          now: { waiting: count, desks_open: 1 },
        }),
      );
      await until(`${location} at ${count} waiting`, () =>
        alerting.world
          .view(TENANT)
          .snapshots('counter', 'location')
          .some((s) => s.scope.id === location && (s.now as { waiting: number }).waiting === count),
      );
      await waitRounds(alerting);
    };
    const alertsOf = (rule: string) => running.alerts.filter((a: AlertMessage) => a.rule_id === rule);
    const notified = (rule: string) =>
      deliveries.filter((d) => d.payload.alerts.some((a) => a.rule_id === rule));

    await time.until(time.at(0));
    // The wijkpost (closed until 08:20) and the escalation location are over their threshold.
    await waiting('wijkpost', 15);
    await waiting('escalatie', 15);

    // Hysteresis: threshold 10, recovery 5; the value moves around 10 and then drops below 5.
    for (const count of [8, 12, 9, 11, 9, 11, 7, 6, 4, 8, 9]) await waiting('hysterese', count);
    await until('hysterese resolved notice', () =>
      notified('hysterese').some((d) => d.payload.reason === 'resolved'),
    );
    const hysterese = alertsOf('hysterese');
    expect(new Set(hysterese.filter((a) => a.state === 'firing').map((a) => a.fired_at)).size).toBe(1);
    expect(new Set(hysterese.filter((a) => a.state === 'resolved').map((a) => a.fired_at)).size).toBe(1);
    expect(notified('hysterese').map((d) => d.payload.reason)).toEqual(['firing', 'resolved']);

    // The mute: the wijkpost's alert fired while it was closed, and was told only once it opened.
    const opens = time.at(OPENS_MINUTE).getTime();
    const wijkpostFiring = alertsOf('wijkpost').find((a) => a.state === 'firing')!;
    expect(Date.parse(wijkpostFiring.fired_at!)).toBeLessThan(opens);
    await until('wijkpost notice', () => notified('wijkpost').length > 0);
    const wijkpost = notified('wijkpost').map((d) => d.payload);
    expect(wijkpost[0]!.reason).toBe('firing');
    expect(wijkpost.every((p) => Date.parse(p.created_at) >= opens)).toBe(true);

    // Escalation: once, to the escalation receiver, escalate_after after the alert fired.
    const firing = alertsOf('escalatie').find((a) => a.state === 'firing')!;
    await until('escalation notice', () =>
      notified('escalatie').some((d) => d.payload.reason === 'escalation'),
    );
    const escalatedAt = Date.parse(
      notified('escalatie').find((d) => d.payload.reason === 'escalation')!.payload.created_at,
    );
    expect(escalatedAt - Date.parse(firing.fired_at!)).toBeGreaterThanOrEqual(
      ESCALATE_AFTER_MINUTES * MINUTE,
    );
    // Another escalate_after later, still firing and unacknowledged: no second escalation.
    await time.until(new Date(escalatedAt + (ESCALATE_AFTER_MINUTES + 2) * MINUTE));
    const escalations = notified('escalatie').filter((d) => d.payload.reason === 'escalation');
    expect(new Set(escalations.map((d) => d.payload.notification_id)).size).toBe(1);
    expect(escalations.every((d) => d.payload.receiver === 'escalation-webhook')).toBe(true);
    expect(
      notified('escalatie')
        .filter((d) => d.payload.reason !== 'escalation')
        .every((d) => d.payload.receiver === 'team-webhook'),
    ).toBe(true);
    expect(deliveries.every((d) => d.signature.ok)).toBe(true);
  });
});
