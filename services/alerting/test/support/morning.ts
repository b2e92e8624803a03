import { type Desk, queueEvents, simulateQueue } from './queue-day.js';
import type { ScenarioClock } from './scenario-clock.js';
import { type ScenarioStack, TENANT } from './stack.js';

/** Monday 2 March 2026, 09:00 in Amsterdam. */
export const MORNING_START = '2026-03-02T08:00:00Z';
export const NORM_MINUTES = 10; // the counter_wait default (no norm set)

// At opening six visitors are helped at once, by five extra desks besides the first, so that the
// counter has a service rate from its first minute (not a forecast from one call) and nobody
// waits. Then one desk serves a visitor every
// 4 minutes and visitors come every 4 minutes; from minute 18 one comes every minute (arrivals
// outpace the desk); at minute 32 three more desks open and the queue drains; afterwards a
// visitor now and then.
export const MORNING_DESKS: Desk[] = [
  ...['w1', 'w2', 'w3', 'w4', 'w5'].map((id) => ({ id, open: 0, close: 2, serviceMinutes: 1 })),
  { id: 'd1', open: 0, serviceMinutes: 4 },
  { id: 'd2', open: 32, serviceMinutes: 2 },
  { id: 'd3', open: 32, serviceMinutes: 2 },
  { id: 'd4', open: 32, serviceMinutes: 2 },
];
const ARRIVALS = [
  0,
  0,
  0,
  0,
  0,
  0,
  4,
  8,
  12,
  16,
  ...Array.from({ length: 13 }, (_, i) => 18 + i),
  40,
  45,
  50,
  55,
  60,
];
export const morningVisits = simulateQueue(ARRIVALS, MORNING_DESKS);

/** By hand from the simulation: the first instant (minutes) a visitor has waited longer than the norm. */
export const firstOverNorm = Math.min(
  ...morningVisits.filter((v) => v.called - v.arrival > NORM_MINUTES).map((v) => v.arrival + NORM_MINUTES),
);

/**
 * Posts the morning's events to ingest as the scenario clock reaches them; `at` runs before the
 * events of each minute (to write a silence, kill a process …).
 */
export async function playMorning(
  stack: Pick<ScenarioStack, 'post'>,
  time: ScenarioClock,
  at: (minute: number) => Promise<void> = async () => {},
  untilMinute?: number,
): Promise<void> {
  const events = queueEvents(time.start, morningVisits, MORNING_DESKS);
  const last = untilMinute ?? Math.max(...events.map((e) => e.minute));
  // Events posted late would show the aggregator a queue that is not there (calls not yet seen).
  const late = time.clock().getTime() - time.at(0).getTime();
  if (late > 0)
    throw new Error(`the stack started ${late / 60_000} event minutes late; give the clock more lead`);
  for (let minute = 0; minute <= last; minute++) {
    await time.until(time.at(minute));
    await at(minute);
    const now = events.filter((e) => e.minute === minute).map((e) => e.event);
    if (now.length > 0) await stack.post(now);
  }
}

/** Polls a condition every 100 ms (wall); fails naming what was awaited. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not reached in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const isForecast = (a: { rule_id: string; labels: Record<string, string> }) =>
  a.rule_id === 'counter-forecast' && a.labels.location === 'stadhuis';

/** The counter team's webhook hears of the forecast only (the other default rules are not routed). */
export function forecastToWebhook(
  url: string,
  route: Record<string, unknown> = {},
  receivers: unknown[] = [],
) {
  return {
    receivers: {
      receivers: [
        { type: 'webhook', name: 'balie-webhook', url, secret_env: 'SCENARIO_WEBHOOK_SECRET' },
        ...receivers,
      ],
    },
    routes: {
      routes: [
        {
          name: 'balie-forecast',
          tenant: TENANT,
          matchers: [{ name: 'rule_id', value: 'counter-forecast' }],
          receivers: ['balie-webhook'],
          ...route,
        },
      ],
    },
  };
}
