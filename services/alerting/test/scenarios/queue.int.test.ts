import { afterAll, describe, expect, it } from 'vitest';
import { type Desk, QUEUE, queueEvents, simulateQueue } from '../support/queue-day.js';
import { scenarioClock } from '../support/scenario-clock.js';
import { type ScenarioStack, startStack, TENANT, WEBHOOK_SECRET } from '../support/stack.js';
import { startWebhookSink, type WebhookSink } from '../support/webhook-sink.js';

// Monday 2 March 2026, 09:00 in Amsterdam; one event-minute per wall second.
const START = '2026-03-02T08:00:00Z';
const SPEED = 60;
const NORM_MINUTES = 10; // the counter_wait default (no norm set)

// One desk serves a visitor every 4 minutes and visitors come every 4 minutes; from minute 18 one
// comes every minute (arrivals outpace the desk); at minute 32 three more desks open and the
// queue drains; afterwards a visitor now and then.
const DESKS: Desk[] = [
  { id: 'd1', open: 0, serviceMinutes: 4 },
  { id: 'd2', open: 32, serviceMinutes: 2 },
  { id: 'd3', open: 32, serviceMinutes: 2 },
  { id: 'd4', open: 32, serviceMinutes: 2 },
];
const ARRIVALS = [0, 4, 8, 12, 16, ...Array.from({ length: 13 }, (_, i) => 18 + i), 40, 45, 50, 55, 60];
const visits = simulateQueue(ARRIVALS, DESKS);

// By hand from the simulation: the first visitor whose wait passes the norm passes it at
// arrival + norm.
const firstOverNorm = Math.min(
  ...visits.filter((v) => v.called - v.arrival > NORM_MINUTES).map((v) => v.arrival + NORM_MINUTES),
);

async function until(what: string, check: () => boolean, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not reached in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('queue scenario (ingest → aggregator → alerting)', () => {
  let stack: ScenarioStack | undefined;
  let sink: WebhookSink | undefined;
  afterAll(async () => {
    await stack?.close();
    await sink?.close();
  });

  it('the simulated morning has a visitor waiting longer than the norm, and a queue that drains', () => {
    expect(firstOverNorm).toBe(31);
    expect(visits.at(-1)!.called).toBe(visits.at(-1)!.arrival);
  });

  it('warns at least 2 minutes before the first visitor waits longer than the norm, and resolves when the queue drains', async () => {
    const time = scenarioClock(START, SPEED);
    sink = await startWebhookSink(WEBHOOK_SECRET);
    stack = await startStack({
      name: 'queue',
      clock: time.clock,
      receivers: {
        receivers: [
          { type: 'webhook', name: 'balie-webhook', url: sink.url, secret_env: 'SCENARIO_WEBHOOK_SECRET' },
        ],
      },
      // The counter team's webhook hears of the forecast only (the other default rules have routes of their own).
      routes: {
        routes: [
          {
            name: 'balie-forecast',
            tenant: TENANT,
            matchers: [{ name: 'rule_id', value: 'counter-forecast' }],
            receivers: ['balie-webhook'],
          },
        ],
      },
    });
    await stack.startAlerting(stack.alertingEnv(time.env));

    const events = queueEvents(time.start, visits, DESKS);
    const minutes = [...new Set(events.map((e) => e.minute))];
    for (const minute of minutes) {
      await time.until(time.at(minute));
      await stack.post(events.filter((e) => e.minute === minute).map((e) => e.event));
    }

    const forecast = (a: { rule_id: string; labels: Record<string, string> }) =>
      a.rule_id === 'counter-forecast' && a.labels.location === 'stadhuis';
    const fired = await stack.waitForAlert('forecast firing', (a) => forecast(a) && a.state === 'firing');
    const resolved = await stack.waitForAlert(
      'forecast resolved',
      (a) => forecast(a) && a.state === 'resolved',
    );

    const firedMinute = (Date.parse(fired.fired_at!) - time.start.getTime()) / 60_000;
    expect(firedMinute).toBeLessThanOrEqual(firstOverNorm - 2);
    // It resolves once the queue is gone, not while visitors still wait too long.
    const lastOverNormCall = Math.max(
      ...visits.filter((v) => v.called - v.arrival > NORM_MINUTES).map((v) => v.called),
    );
    const resolvedMinute = (Date.parse(resolved.resolved_at!) - time.start.getTime()) / 60_000;
    expect(resolvedMinute).toBeGreaterThan(lastOverNormCall);
    expect(fired.labels).toMatchObject({ tenant: 'GM0363', location: 'stadhuis' });
    expect(QUEUE).toBe('balie');

    // The webhook hears of it once firing and once resolved, signed; nothing more comes within a
    // group interval (5 minutes) after the resolve notice.
    const received = sink!;
    await until('resolve notification', () =>
      received.deliveries.some((d) => d.payload.reason === 'resolved'),
    );
    const resolvedAt = received.deliveries.find((d) => d.payload.reason === 'resolved')!.payload.created_at;
    await time.until(new Date(Date.parse(resolvedAt) + 6 * 60_000));
    expect(received.deliveries.map((d) => d.payload.reason)).toEqual(['firing', 'resolved']);
    expect(received.deliveries.every((d) => d.signature.ok)).toBe(true);
    expect(new Set(received.deliveries.map((d) => d.payload.notification_id)).size).toBe(2);
    expect(received.deliveries[0]!.payload.alerts.map((a) => [a.rule_id, a.state])).toEqual([
      ['counter-forecast', 'firing'],
    ]);
    expect(received.deliveries[1]!.payload.alerts.map((a) => [a.rule_id, a.state])).toEqual([
      ['counter-forecast', 'resolved'],
    ]);
  });
});
