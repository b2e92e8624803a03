import { makeEvent } from '@stuurwiel/infra/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { CASE, CASE_EVENTS, TEAM, teamAlert } from '../support/case-file.js';
import { until } from '../support/morning.js';
import { scenarioClock } from '../support/scenario-clock.js';
import {
  type AlertingProcess,
  type ScenarioStack,
  startStack,
  TENANT,
  WEBHOOK_SECRET,
} from '../support/stack.js';
import { startWebhookSink, type WebhookSink } from '../support/webhook-sink.js';

const HOUR = 3_600_000;
// Monday 11 May 2026, 22:00 in Amsterdam: two hours before the case is at risk (Tuesday 12 May);
// it is closed that afternoon. A demo hour passes each wall second.
const START = '2026-05-11T20:00:00Z';
const CLOSED_AT = '2026-05-12T14:00:00Z';
const SPEED = 3600;
const GROUP_INTERVAL_S = 3600;

interface Run {
  notificationIds: string[];
  reasons: string[];
}

// Alerting runs as a child process on the demo clock, so that SIGKILL is a real crash (no
// onClose, nothing flushed); ingest and the aggregator run in the test on the same clock.
async function playCase(name: string, kill: boolean, cleanup: (() => Promise<unknown>)[]): Promise<Run> {
  const time = scenarioClock(START, SPEED, 20_000);
  const sink: WebhookSink = await startWebhookSink(WEBHOOK_SECRET);
  cleanup.push(() => sink.close());
  const stack: ScenarioStack = await startStack({
    name,
    clock: time.clock,
    receivers: {
      receivers: [
        { type: 'webhook', name: 'team-webhook', url: sink.url, secret_env: 'SCENARIO_WEBHOOK_SECRET' },
      ],
    },
    routes: {
      routes: [
        {
          name: 'vergunningen-deadlines',
          tenant: TENANT,
          matchers: [{ name: 'rule_id', value: 'deadlines-cases' }],
          receivers: ['team-webhook'],
          group_wait: 60,
          group_interval: GROUP_INTERVAL_S,
          // Longer than the scenario: no repeats, whose instants would depend on the restart.
          repeat_interval: '168h',
        },
      ],
    },
  });
  cleanup.push(() => stack.close());
  const env = stack.alertingEnv(time.env);
  let alerting: AlertingProcess = await stack.startAlertingProcess(`${name}-1`, env);
  await stack.post(CASE_EVENTS);

  // At risk on Tuesday 12 May: the team hears of it.
  await stack.waitForAlert('case at risk', teamAlert('firing', 'at_risk'));
  await until('at-risk notification', () => sink.deliveries.length > 0);
  if (kill) {
    // In the middle: notified of the risk, not yet overdue.
    await alerting.child.kill();
    alerting = await stack.startAlertingProcess(`${name}-2`, env);
  }

  // Closed that afternoon: the team hears the alert resolved.
  await time.until(new Date(CLOSED_AT));
  await stack.post([
    makeEvent(
      'case.closed',
      CLOSED_AT,
      { case_id: CASE, end_date: '2026-05-12', result: 'verleend' },
      { tenant: TENANT },
    ),
  ]);
  await stack.waitForAlert(
    'case alert resolved',
    (a) => a.rule_id === 'deadlines-cases' && a.state === 'resolved',
  );
  await until('resolve notification', () => sink.deliveries.some((d) => d.payload.reason === 'resolved'));
  // Two group intervals after the last notice: anything still to come would have come.
  const last = Math.max(...sink.deliveries.map((d) => Date.parse(d.payload.created_at)));
  await time.until(new Date(last + 2 * GROUP_INTERVAL_S * 1000 + HOUR));
  expect(sink.deliveries.every((d) => d.signature.ok)).toBe(true);
  expect(sink.deliveries.every((d) => d.payload.alerts.every((a) => a.labels.team === TEAM))).toBe(true);
  return {
    notificationIds: [...new Set(sink.deliveries.map((d) => d.payload.notification_id))].sort(),
    reasons: [
      ...new Set(sink.deliveries.map((d) => `${d.payload.notification_id} ${d.payload.reason}`)),
    ].sort(),
  };
}

describe('SIGKILL of alerting in the middle of the case scenario', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const close of cleanup.reverse()) await close();
  });

  it('delivers the same notifications (by id and reason) as a run without the kill', {
    timeout: 600_000,
  }, async () => {
    const calm = await playCase('case_calm', false, cleanup);
    const killed = await playCase('case_killed', true, cleanup);
    expect(calm.reasons.map((r) => r.split(' ')[1])).toEqual(expect.arrayContaining(['firing', 'resolved']));
    expect(calm.notificationIds).toHaveLength(2);
    expect(killed.notificationIds).toEqual(calm.notificationIds);
    expect(killed.reasons).toEqual(calm.reasons);
  });
});
