import { makeEvent } from '@stuurwiel/infra/testing';
import type { AlertMessage } from '@stuurwiel/schemas';
import { afterAll, describe, expect, it } from 'vitest';
import type { Alerting } from '../../src/index.js';
import { amsterdamMoment } from '../../src/world/opening-hours.js';
import { until } from '../support/morning.js';
import { scenarioClock } from '../support/scenario-clock.js';
import { type ScenarioStack, startStack, TENANT } from '../support/stack.js';

const MINUTE = 60_000;
const SOURCE = { system: 'telephony', vendor: 'asterisk' } as const;

// On the scenario's demo clock, like the other scenarios: the aggregator stamps a receipt with its
// own clock, so the silence the rule measures is demo time too. The telephone exchange sent a call
// a minute for 15 minutes (usual gap 60 s: limit clamp(5 × 1 min, 10, 30) = 10 minutes), then
// nothing.
describe('a source that stops sending during its opening hours (end to end)', () => {
  let stack: ScenarioStack | undefined;
  afterAll(async () => {
    await stack?.close();
  });

  it('fires its source_quiet alert once it was quiet for its limit of 10 minutes, not before', async () => {
    // Tuesday 3 March 2026, 10:00 in Amsterdam; a demo minute is a second.
    const time = scenarioClock('2026-03-03T09:00:00Z', 60);
    stack = await startStack({ name: 'quiet', clock: time.clock });
    const alerting: Alerting = await stack.startAlerting(stack.alertingEnv(time.env));
    const running = stack;
    await time.until(time.at(0));

    // Open all day that day, closed on the other days.
    const start = time.at(0).getTime();
    const weekday = amsterdamMoment(time.at(0)).weekday;
    await running.post([
      makeEvent(
        'reference.opening_hours',
        new Date(start - 20 * MINUTE),
        {
          opening_hours_id: 'centrale',
          scope: { kind: 'source', id: 'telephony/asterisk' },
          week: { [weekday]: [{ from: '00:00', to: '24:00' }] },
        },
        { tenant: TENANT },
      ),
    ]);
    const calls = Array.from({ length: 15 }, (_, i) =>
      makeEvent(
        'call.offered',
        new Date(start - (14 - i) * MINUTE),
        { call_id: `c${i}`, line: '14020' },
        { tenant: TENANT, source: SOURCE },
      ),
    );
    await running.post(calls);

    const quiet = (a: AlertMessage) =>
      a.rule_id === 'sources-quiet' && a.labels.source === 'telephony/asterisk';
    const source = () =>
      alerting.world
        .view(TENANT)
        .snapshots('sources', 'source')
        .find((s) => s.scope.id === 'telephony/asterisk');
    await until('the source on kpi.v1', () => source() !== undefined);
    const received = (source()!.now as { last_received_at: string | null }).last_received_at;
    // The receipt is on the demo clock (the wall clock is years away from it).
    expect(received).not.toBeNull();
    const lastReceipt = Date.parse(received!);
    expect(lastReceipt).toBeGreaterThanOrEqual(start - MINUTE);
    expect(lastReceipt).toBeLessThanOrEqual(time.clock().getTime());

    const fired = await running.waitForAlert(
      'source quiet',
      (a) => quiet(a) && a.state === 'firing',
      120_000,
    );
    // Not before its limit: the alert's own instant is at least 10 quiet minutes after the receipt
    // (the receipt is whole seconds, so up to a second earlier than the aggregator's instant).
    expect(Date.parse(fired.fired_at!) - lastReceipt).toBeGreaterThanOrEqual(10 * MINUTE - 1000);
    expect(fired.labels).toMatchObject({ tenant: TENANT, system: 'telephony' });
  });
});
