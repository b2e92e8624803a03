import { manualClock } from '@stuurwiel/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import type { Alerting } from '../../src/index.js';
import {
  AT_RISK_FROM,
  CASE,
  CASE_EVENTS,
  CASE_TYPE,
  DUE_AT,
  DUE_DATE,
  TEAM,
  teamAlert,
} from '../support/case-file.js';
import { until } from '../support/morning.js';
import { waitRounds } from '../support/rounds.js';
import { type ScenarioStack, startStack, TENANT } from '../support/stack.js';

describe('case scenario (ingest → aggregator → deadlines.v1 → alerting)', () => {
  let stack: ScenarioStack | undefined;
  afterAll(async () => {
    await stack?.close();
  });

  it('a case suspended and extended across Easter and King’s Day is at risk and overdue on the dates computed by hand, and its team’s alert lists it', async () => {
    // One clock for the aggregator and alerting, moved by hand across the weeks.
    const clock = manualClock('2026-03-02T08:00:00Z');
    stack = await startStack({ name: 'case', clock });
    const alerting: Alerting = await stack.startAlerting(stack.alertingEnv(), clock);
    const running = stack;
    // Each event posted when the clock shows its instant, as it happened.
    for (const event of CASE_EVENTS) {
      clock.set(event.occurred_at as string);
      await running.post([event]);
    }

    // The aggregator's item, as alerting reads it from deadlines.v1.
    const item = () => [...alerting.world.view(TENANT).deadlineItems()].find((i) => i.item_id === CASE);
    await until('the extended case on deadlines.v1', () => item()?.due_date === DUE_DATE);
    expect(Date.parse(item()!.due_at)).toBe(DUE_AT);
    expect(item()!.at_risk_from).not.toBeNull();
    expect(Date.parse(item()!.at_risk_from!)).toBe(Date.parse(AT_RISK_FROM));
    expect(item()!.team).toBe(TEAM);

    // The evening before: nothing yet.
    clock.set('2026-05-11T21:00:00Z');
    await waitRounds(alerting);
    expect(running.alerts.some((a) => a.rule_id === 'deadlines-cases' && a.state === 'firing')).toBe(false);

    // Tuesday 12 May, 09:00: at risk, on the team's alert.
    clock.set('2026-05-12T07:00:00Z');
    const atRisk = await running.waitForAlert('case at risk', teamAlert('firing', 'at_risk'), 60_000);
    expect(atRisk.labels).toMatchObject({ tenant: TENANT, team: TEAM, case_type: CASE_TYPE });
    expect(atRisk.items.map((i) => [i.item_id, Date.parse(i.due_at)])).toEqual([[CASE, DUE_AT]]);

    // The last instant of 18 May it is still due, not overdue; the next morning it is overdue.
    clock.set('2026-05-18T21:59:00Z');
    await waitRounds(alerting);
    expect(running.alerts.some(teamAlert('firing', 'overdue'))).toBe(false);
    clock.set('2026-05-19T07:00:00Z');
    const overdue = await running.waitForAlert('case overdue', teamAlert('firing', 'overdue'), 60_000);
    expect(overdue.severity).toBe('critical');
  });
});
