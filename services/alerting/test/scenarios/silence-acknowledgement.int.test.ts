import type { AlertingConfigMessage } from '@stuurwiel/schemas';
import { afterAll, describe, expect, it } from 'vitest';
import { forecastToWebhook, isForecast, MORNING_START, playMorning, until } from '../support/morning.js';
import { scenarioClock } from '../support/scenario-clock.js';
import { type ScenarioStack, startStack, TENANT, WEBHOOK_SECRET } from '../support/stack.js';
import { startWebhookSink, type WebhookSink } from '../support/webhook-sink.js';

const change = { spec_version: 1, tenant: TENANT, changed_by: 'teamlead-balie' } as const;
const SILENCE_UNTIL_MINUTE = 25;

// The forecast of the queue morning fires at about minute 20 and stays firing until about 40.
describe('silence and acknowledgement written on alerting.config.v1 (end to end)', () => {
  let stack: ScenarioStack | undefined;
  let sink: WebhookSink | undefined;
  afterAll(async () => {
    await stack?.close();
    await sink?.close();
  });

  it('a silence holds the notifications back until it expires; an acknowledgement stops the repeats', async () => {
    const time = scenarioClock(MORNING_START, 60);
    sink = await startWebhookSink(WEBHOOK_SECRET);
    // Repeats every 2 minutes, so that they show within the morning.
    stack = await startStack({
      name: 'silence',
      clock: time.clock,
      ...forecastToWebhook(sink.url, { group_interval: '1m', repeat_interval: '2m' }),
    });
    const silence: AlertingConfigMessage = {
      ...change,
      changed_at: time.at(0).toISOString(),
      type: 'silence',
      silence: {
        silence_id: 'verbouwing',
        matchers: [{ name: 'rule_id', value: 'counter-forecast', op: '=' }],
        starts_at: time.at(0).toISOString(),
        ends_at: time.at(SILENCE_UNTIL_MINUTE).toISOString(),
        created_by: 'teamlead-balie',
        comment: 'Balie wordt verbouwd; wachtrij bekend',
      },
    };
    await stack.configure(silence);
    await stack.startAlerting(stack.alertingEnv(time.env));

    let acknowledgedAt: Date | undefined;
    const running = stack;
    const received = sink;
    await playMorning(stack, time, async (minute) => {
      // Acknowledge once a repeat came: the team lead has seen it.
      if (acknowledgedAt !== undefined || !received.deliveries.some((d) => d.payload.reason === 'repeat'))
        return;
      const firing = running.alerts.findLast((a) => isForecast(a) && a.state === 'firing')!;
      acknowledgedAt = time.clock();
      await running.configure({
        ...change,
        changed_at: acknowledgedAt.toISOString(),
        type: 'acknowledgement',
        acknowledgement: {
          fingerprint: firing.fingerprint,
          acknowledged_by: 'teamlead-balie',
          at: acknowledgedAt.toISOString(),
          comment: `gezien in minuut ${minute}; extra balies gaan open`,
        },
      });
    });
    await until('resolve notification', () =>
      received.deliveries.some((d) => d.payload.reason === 'resolved'),
    );

    const fired = stack.alerts.find((a) => isForecast(a) && a.state === 'firing')!;
    // Fired while silenced: published with the silence, notified only after it expired.
    expect(Date.parse(fired.fired_at!)).toBeLessThan(time.at(SILENCE_UNTIL_MINUTE).getTime());
    expect(stack.alerts.some((a) => isForecast(a) && a.silenced_by.includes('verbouwing'))).toBe(true);
    const first = received.deliveries[0]!.payload;
    expect(first.reason).toBe('firing');
    expect(Date.parse(first.created_at)).toBeGreaterThanOrEqual(time.at(SILENCE_UNTIL_MINUTE).getTime());

    // Repeats before the acknowledgement, none after it while the alert kept firing.
    expect(acknowledgedAt).toBeDefined();
    const resolvedAt = Date.parse(
      stack.alerts.find((a) => isForecast(a) && a.state === 'resolved')!.resolved_at!,
    );
    expect(resolvedAt - acknowledgedAt!.getTime()).toBeGreaterThan(2 * 2 * 60_000);
    const repeatsAfter = received.deliveries.filter(
      (d) => d.payload.reason === 'repeat' && Date.parse(d.payload.created_at) > acknowledgedAt!.getTime(),
    );
    expect(repeatsAfter).toEqual([]);
    expect(
      stack.alerts.some((a) => isForecast(a) && a.acknowledgement?.acknowledged_by === 'teamlead-balie'),
    ).toBe(true);
    expect(received.deliveries.at(-1)!.payload.reason).toBe('resolved');
  });
});
