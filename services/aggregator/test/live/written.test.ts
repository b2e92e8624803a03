import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/deadlines/index.js';
import type { WrittenInput } from '../../src/live/inputs.js';
import { computeWrittenSnapshots } from '../../src/live/written.js';
import { parsedByKey, pick, stamp, TENANT } from './helpers.js';

const calendar = createCalendar();
// Tuesday 28 April 2026, the day after King's Day.
const AS_OF = '2026-04-28T10:00:00+02:00';

const input: WrittenInput = {
  open: [
    // ack due Tue 28 (1 wd after Fri), answer due Wed 29: neither overdue; 97 h old
    {
      contact_id: 'E1',
      channel: 'email',
      team_id: 'A',
      received_at: '2026-04-24T09:00:00+02:00',
      acknowledged_at: null,
    },
    // acknowledged; answer due Fri 24 → overdue; 140 h old
    {
      contact_id: 'E2',
      channel: 'post',
      team_id: 'A',
      received_at: '2026-04-22T14:00:00+02:00',
      acknowledged_at: '2026-04-22T15:00:00+02:00',
    },
    // ack due Fri 24 → overdue; answer due Tue 28 → not yet
    {
      contact_id: 'E3',
      channel: 'web_form',
      team_id: null,
      received_at: '2026-04-23T11:00:00+02:00',
      acknowledged_at: null,
    },
    {
      contact_id: 'E4',
      channel: 'email',
      team_id: 'B',
      received_at: '2026-04-28T09:50:00+02:00',
      acknowledged_at: null,
    },
  ],
  answered: [
    // due Wed 29: within; answered in 1h only
    {
      contact_id: 'A1',
      channel: 'email',
      team_id: 'A',
      received_at: '2026-04-24T08:00:00+02:00',
      answered_at: '2026-04-28T09:30:00+02:00',
    },
    // due Wed 22: late; answered in 15m
    {
      contact_id: 'A2',
      channel: 'post',
      team_id: 'B',
      received_at: '2026-04-20T12:00:00+02:00',
      answered_at: '2026-04-28T09:55:00+02:00',
    },
    // answered exactly 1 h ago: today only
    {
      contact_id: 'A3',
      channel: 'email',
      team_id: null,
      received_at: '2026-04-28T08:00:00+02:00',
      answered_at: '2026-04-28T09:00:00+02:00',
    },
  ],
};

const byKey = parsedByKey(computeWrittenSnapshots(TENANT, input, AS_OF, { ...stamp, calendar }));
const tenant = pick(byKey, 'GM0363|written|tenant|');

describe('computeWrittenSnapshots', () => {
  it('now: open, unacknowledged, overdue by working days (King’s Day skipped), oldest age', () => {
    expect(tenant.now).toEqual({
      open: 4,
      unacknowledged: 3,
      answer_overdue: 1,
      acknowledge_overdue: 1,
      oldest_open_age_seconds: 140 * 3600,
    });
  });

  it('windows: received by receipt, answered by answer', () => {
    expect(tenant.windows).toEqual({
      '15m': { received: 1, answered: 1, answered_within_norm: 0 },
      half_hour: { received: 0, answered: 0, answered_within_norm: 0 }, // 10:00 sharp: just begun
      '1h': { received: 1, answered: 2, answered_within_norm: 1 },
      today: { received: 2, answered: 3, answered_within_norm: 2 },
    });
  });

  it('scopes: channels and teams', () => {
    expect([...byKey.keys()]).toEqual([
      'GM0363|written|tenant|',
      'GM0363|written|channel|email',
      'GM0363|written|channel|post',
      'GM0363|written|channel|web_form',
      'GM0363|written|team|A',
      'GM0363|written|team|B',
    ]);
    expect(pick(byKey, 'GM0363|written|channel|email').now).toEqual({
      open: 2,
      unacknowledged: 2,
      answer_overdue: 0,
      acknowledge_overdue: 0,
      oldest_open_age_seconds: 97 * 3600,
    });
    expect(pick(byKey, 'GM0363|written|team|B').windows['15m']).toEqual({
      received: 1,
      answered: 1,
      answered_within_norm: 0,
    });
  });

  it('tenant norms replace the defaults', () => {
    const s = computeWrittenSnapshots(TENANT, input, AS_OF, {
      ...stamp,
      calendar,
      answerNorm: { target: 1, unit: 'working_days' },
      acknowledgeNorm: { target: 4, unit: 'hours' },
    });
    // answer due: E1 Tue 28 (not yet), E2 Thu 23, E3 Fri 24 → 2 overdue; every unacknowledged but E4 is past 4 h
    expect(s[0]!.now).toMatchObject({ answer_overdue: 2, acknowledge_overdue: 2 });
    // A1 (due Tue 28) within, A2 late, A3 within
    expect(s[0]!.windows.today.answered_within_norm).toBe(2);
  });

  it('an answered contact is no longer open even if the open view lags', () => {
    const lagging = { ...input, open: [{ ...input.open[0]!, contact_id: 'A1' }] };
    expect(computeWrittenSnapshots(TENANT, lagging, AS_OF, { ...stamp, calendar })[0]!.now.open).toBe(0);
  });
});
