import { afterAll, describe, expect, it } from 'vitest';
import { forecastToWebhook, isForecast, MORNING_START, playMorning, until } from '../support/morning.js';
import { scenarioClock } from '../support/scenario-clock.js';
import { type AlertingProcess, type ScenarioStack, startStack, WEBHOOK_SECRET } from '../support/stack.js';
import { startWebhookSink, type WebhookSink } from '../support/webhook-sink.js';

const KILL_AT_MINUTE = 24; // after the forecast fired and was notified, before it resolves

interface Run {
  notificationIds: string[];
  reasons: string[];
}

// Alerting runs as a child process on the demo clock, so that SIGKILL is a real crash (no
// onClose, nothing flushed); ingest and the aggregator run in the test on the same clock.
async function playQueueMorning(
  name: string,
  kill: boolean,
  cleanup: (() => Promise<unknown>)[],
): Promise<Run> {
  const time = scenarioClock(MORNING_START, 60);
  const sink: WebhookSink = await startWebhookSink(WEBHOOK_SECRET);
  cleanup.push(() => sink.close());
  const stack: ScenarioStack = await startStack({ name, clock: time.clock, ...forecastToWebhook(sink.url) });
  cleanup.push(() => stack.close());
  const env = stack.alertingEnv(time.env);
  let alerting: AlertingProcess = await stack.startAlertingProcess(`${name}-1`, env);
  await playMorning(stack, time, async (minute) => {
    if (!kill || minute !== KILL_AT_MINUTE) return;
    await alerting.child.kill();
    alerting = await stack.startAlertingProcess(`${name}-2`, env);
  });
  await stack.waitForAlert('forecast resolved', (a) => isForecast(a) && a.state === 'resolved');
  await until('resolve notification', () => sink.deliveries.some((d) => d.payload.reason === 'resolved'));
  // A group interval after the resolve notice: anything still to come would have come.
  const resolvedAt = sink.deliveries.find((d) => d.payload.reason === 'resolved')!.payload.created_at;
  await time.until(new Date(Date.parse(resolvedAt) + 6 * 60_000));
  expect(sink.deliveries.every((d) => d.signature.ok)).toBe(true);
  return {
    notificationIds: [...new Set(sink.deliveries.map((d) => d.payload.notification_id))].sort(),
    reasons: sink.deliveries.map((d) => d.payload.reason),
  };
}

describe('SIGKILL of alerting in the middle of the queue scenario', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const close of cleanup.reverse()) await close();
  });

  it('delivers the same notifications (by id) as a run without the kill', { timeout: 600_000 }, async () => {
    const calm = await playQueueMorning('crash_calm', false, cleanup);
    const killed = await playQueueMorning('crash_killed', true, cleanup);
    expect(calm.reasons).toEqual(['firing', 'resolved']);
    expect(killed.notificationIds).toEqual(calm.notificationIds);
  });
});
