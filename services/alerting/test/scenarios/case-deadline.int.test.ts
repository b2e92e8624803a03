import { makeEvent, type PayloadInput } from '@stuurwiel/infra/testing';
import { manualClock } from '@stuurwiel/runtime';
import type { AlertMessage, EventType } from '@stuurwiel/schemas';
import { afterAll, describe, expect, it } from 'vitest';
import type { Alerting } from '../../src/index.js';
import { until } from '../support/morning.js';
import { waitRounds } from '../support/rounds.js';
import { type ScenarioStack, startStack, TENANT } from '../support/stack.js';

const CASE = 'zaak-2026-0042';
const TEAM = 'vergunningen';
const CASE_TYPE = 'omgevingsvergunning';

// By hand (domain.md, "How the deadline is counted"):
// - start Monday 2 March 2026, norm 8 weeks = 56 calendar days → Monday 27 April (King's Day);
// - suspended: asked Monday 9 March, completed Friday 13 March → Tue, Wed, Thu = 3 days → Thursday 30 April;
// - extended by 2 calendar weeks → Thursday 14 May, Ascension Day; Friday 15 May is equated with
//   a holiday by decree (2026), then the weekend → due Monday 18 May 2026, end of the day.
// The period runs across Good Friday and Easter Monday (3 and 6 April) and King's Day (27 April).
// At risk with the default horizon of 2 working days: from the day whose working days left (after
// it, up to and including 18 May) are 2: Tuesday 12 May (13 and 18 May; 14 and 15 are holidays).
const DUE_DATE = '2026-05-18';
const AT_RISK_FROM = '2026-05-11T22:00:00.000Z'; // Tuesday 12 May, 00:00 Amsterdam (CEST)
const DUE_AT = Date.parse('2026-05-18T23:59:59+02:00');

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
    const post = async <T extends EventType>(at: string, type: T, payload: PayloadInput<T>) => {
      clock.set(at);
      await running.post([makeEvent(type, at, payload, { tenant: TENANT })]);
    };

    await post('2026-03-02T08:00:00Z', 'case.created', {
      case_id: CASE,
      case_type_id: CASE_TYPE,
      start_date: '2026-03-02',
      lead_time_norm: { target: 56, unit: 'calendar_days' },
      team_id: TEAM,
    });
    await post('2026-03-09T09:00:00Z', 'case.suspended', { case_id: CASE, reason: 'aanvulling gevraagd' });
    await post('2026-03-13T10:00:00Z', 'case.resumed', { case_id: CASE });
    await post('2026-03-20T11:00:00Z', 'case.extended', { case_id: CASE, calendar_weeks: 2 });

    // The aggregator's item, as alerting reads it from deadlines.v1.
    const item = () => [...alerting.world.view(TENANT).deadlineItems()].find((i) => i.item_id === CASE);
    await until('the extended case on deadlines.v1', () => item()?.due_date === DUE_DATE);
    expect(Date.parse(item()!.due_at)).toBe(DUE_AT);
    expect(item()!.at_risk_from).not.toBeNull();
    expect(Date.parse(item()!.at_risk_from!)).toBe(Date.parse(AT_RISK_FROM));
    expect(item()!.team).toBe(TEAM);

    const teamAlert = (state: AlertMessage['state'], status: string) => (a: AlertMessage) =>
      a.rule_id === 'deadlines-cases' &&
      a.labels.team === TEAM &&
      a.state === state &&
      a.items.some((i) => i.item_id === CASE && i.status === status);

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
