import { afterAll, describe, expect, it } from 'vitest';
import {
  firstOverNorm,
  forecastToWebhook,
  isForecast,
  MORNING_START,
  morningVisits,
  NORM_MINUTES,
  playMorning,
  until,
} from '../support/morning.js';
import { scenarioClock } from '../support/scenario-clock.js';
import { type ScenarioStack, startStack, TENANT, WEBHOOK_SECRET } from '../support/stack.js';
import { startWebhookSink, type WebhookSink } from '../support/webhook-sink.js';

describe('queue scenario (ingest → aggregator → alerting)', () => {
  let stack: ScenarioStack | undefined;
  let sink: WebhookSink | undefined;
  afterAll(async () => {
    await stack?.close();
    await sink?.close();
  });

  it('warns at least 2 minutes before the first visitor waits longer than the norm, resolves when the queue drains, and notifies once of each', async () => {
    const time = scenarioClock(MORNING_START, 60);
    sink = await startWebhookSink(WEBHOOK_SECRET);
    stack = await startStack({ name: 'queue', clock: time.clock, ...forecastToWebhook(sink.url) });
    await stack.startAlerting(stack.alertingEnv(time.env));
    await playMorning(stack, time);

    const fired = await stack.waitForAlert('forecast firing', (a) => isForecast(a) && a.state === 'firing');
    const resolved = await stack.waitForAlert(
      'forecast resolved',
      (a) => isForecast(a) && a.state === 'resolved',
    );
    const minute = (iso: string) => (Date.parse(iso) - time.start.getTime()) / 60_000;
    expect(minute(fired.fired_at!)).toBeLessThanOrEqual(firstOverNorm - 2);
    // It resolves once the queue is gone, not while visitors still wait too long.
    const lastOverNormCall = Math.max(
      ...morningVisits.filter((v) => v.called - v.arrival > NORM_MINUTES).map((v) => v.called),
    );
    expect(minute(resolved.resolved_at!)).toBeGreaterThan(lastOverNormCall);
    expect(fired.labels).toMatchObject({ tenant: TENANT, location: 'stadhuis' });
    // One occurrence: no warning while arrivals matched the desks.
    expect(stack.alerts.filter(isForecast).every((a) => a.occurrence === 1)).toBe(true);

    // Once firing and once resolved, signed; nothing more within a group interval (5 minutes)
    // after the resolve notice.
    const received = sink;
    await until('resolve notification', () =>
      received.deliveries.some((d) => d.payload.reason === 'resolved'),
    );
    const resolvedAt = received.deliveries.find((d) => d.payload.reason === 'resolved')!.payload.created_at;
    await time.until(new Date(Date.parse(resolvedAt) + 6 * 60_000));
    expect(received.deliveries.map((d) => d.payload.reason)).toEqual(['firing', 'resolved']);
    expect(received.deliveries.every((d) => d.signature.ok)).toBe(true);
    expect(new Set(received.deliveries.map((d) => d.payload.notification_id)).size).toBe(2);
    expect(received.deliveries.map((d) => d.payload.alerts.map((a) => [a.rule_id, a.state]))).toEqual([
      [['counter-forecast', 'firing']],
      [['counter-forecast', 'resolved']],
    ]);
  });
});
