import { makeEvent } from '@stuurwiel/infra/testing';
import { manualClock } from '@stuurwiel/runtime';
import type { AlertMessage } from '@stuurwiel/schemas';
import { afterAll, describe, expect, it } from 'vitest';
import type { Alerting } from '../../src/index.js';
import { amsterdamMoment } from '../../src/world/opening-hours.js';
import { until } from '../support/morning.js';
import { waitRounds } from '../support/rounds.js';
import { type ScenarioStack, startStack, TENANT } from '../support/stack.js';

const MINUTE = 60_000;
const SOURCE = { system: 'telephony', vendor: 'asterisk' } as const;

// The aggregator stamps a receipt with the wall clock, and the rule measures a source's silence
// from its last receipt, so this scenario runs on a clock that starts at the wall clock's now and
// is moved by hand from there: the telephone exchange sent a call a minute for 15 minutes (usual
// gap 60 s: limit clamp(5 × 1 min, 10, 30) = 10 minutes), then nothing.
describe('a source that stops sending during its opening hours (end to end)', () => {
  let stack: ScenarioStack | undefined;
  afterAll(async () => {
    await stack?.close();
  });

  it('fires its source_quiet alert once it was quiet for its limit of 10 minutes, not before', async () => {
    const start = Date.now();
    const clock = manualClock(new Date(start));
    stack = await startStack({ name: 'quiet', clock });
    const alerting: Alerting = await stack.startAlerting(stack.alertingEnv(), clock);
    const running = stack;

    // Open all day today (the day it runs), closed on the other days.
    const today = amsterdamMoment(new Date(start)).weekday;
    await running.post([
      makeEvent(
        'reference.opening_hours',
        new Date(start - 20 * MINUTE),
        {
          opening_hours_id: 'centrale',
          scope: { kind: 'source', id: 'telephony/asterisk' },
          week: { [today]: [{ from: '00:00', to: '24:00' }] },
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
    const lastReceipt = Date.now();

    const quiet = (a: AlertMessage) =>
      a.rule_id === 'sources-quiet' && a.labels.source === 'telephony/asterisk';
    await until('the source on kpi.v1', () =>
      alerting.world
        .view(TENANT)
        .snapshots('sources', 'source')
        .some((s) => s.scope.id === 'telephony/asterisk'),
    );

    // Nine minutes quiet: below its limit.
    clock.set(new Date(lastReceipt + 9 * MINUTE));
    await waitRounds(alerting);
    expect(running.alerts.some((a) => quiet(a) && a.state === 'firing')).toBe(false);

    // Eleven minutes quiet: past it.
    clock.set(new Date(lastReceipt + 11 * MINUTE));
    const fired = await running.waitForAlert('source quiet', (a) => quiet(a) && a.state === 'firing', 60_000);
    expect(Date.parse(fired.fired_at!) - lastReceipt).toBeLessThanOrEqual(11 * MINUTE);
    expect(fired.labels).toMatchObject({ tenant: TENANT, system: 'telephony' });
  });
});
