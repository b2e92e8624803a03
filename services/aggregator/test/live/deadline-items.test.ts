import { type DeadlineItem, deadlineItem, deadlineItemKey } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { createCalendar, endOfDay } from '../../src/deadlines/index.js';
import {
  callbackDeadlineItems,
  caseDeadlineItems,
  type DeadlineCallback,
  type DeadlineCase,
  writtenDeadlineItems,
} from '../../src/live/deadline-items.js';
import { TENANT } from './helpers.js';

const calendar = createCalendar();
// Friday 24 April 2026, before the weekend and King's Day (Monday 27 April).
const AS_OF = '2026-04-24T08:00:00.000Z';
const settings = { asOf: AS_OF, calendar };

const deadlineCase = (case_id: string, due: string, p: Partial<DeadlineCase> = {}): DeadlineCase => ({
  case_id,
  case_type_id: 'vergunning',
  team_id: 'vergunningen',
  start_date: '2026-03-02',
  suspended: false,
  due_at: endOfDay(due),
  legal_due_at: endOfDay(due),
  norm: { target: 8, unit: 'working_days' },
  working_days_left: 0,
  ...p,
});

/** Every item must pass the published schema. */
const parsed = (items: DeadlineItem[]) => items.map((i) => deadlineItem.parse(i));

describe('caseDeadlineItems', () => {
  const caseItem = (c: DeadlineCase): DeadlineItem => parsed(caseDeadlineItems(TENANT, [c], settings))[0]!;

  it('a case due the Tuesday after King’s Day is at risk from the Thursday before (2 working days)', () => {
    const item = caseItem(deadlineCase('Z1', '2026-04-28', { working_days_left: 1 }));
    expect(item).toEqual({
      spec_version: 1,
      tenant: TENANT,
      kind: 'case',
      item_id: 'Z1',
      team: 'vergunningen',
      case_type: 'vergunning',
      queue: null,
      channel: null,
      opened_at: '2026-03-01T23:00:00.000Z', // 2 March, 00:00 Amsterdam (winter time)
      due_at: '2026-04-28T21:59:59.000Z',
      due_date: '2026-04-28',
      legal_due_at: '2026-04-28T21:59:59.000Z',
      at_risk_from: '2026-04-22T22:00:00.000Z', // Thursday 23 April, 00:00 Amsterdam
      suspended: false,
      status: 'at_risk',
      working_days_left: 1,
      norm: { target: 8, unit: 'working_days' },
      horizon: { target: 2, unit: 'working_days' },
      as_of: AS_OF,
    });
    expect(deadlineItemKey(item)).toBe('GM0363|case|Z1');
  });

  it('takes the case type’s horizon, and the later legal term beside the service norm', () => {
    const item = caseItem(
      deadlineCase('Z2', '2026-05-08', {
        legal_due_at: endOfDay('2026-06-01'),
        horizon: { target: 5, unit: 'working_days' },
        working_days_left: 7,
      }),
    );
    // Due Fri 8 May: 5 working days back skips 5 May (Bevrijdingsdag): Thu 30 April.
    expect(item).toMatchObject({
      at_risk_from: '2026-04-29T22:00:00.000Z',
      status: 'on_track',
      legal_due_at: '2026-06-01T21:59:59.000Z',
      horizon: { target: 5, unit: 'working_days' },
    });
  });

  it('a suspended case is never at risk: no at_risk_from, status suspended, its days frozen', () => {
    const item = caseItem(
      deadlineCase('Z3', '2026-04-28', {
        suspended: true,
        suspended_since: '2026-04-21',
        working_days_left: 4,
      }),
    );
    expect(item).toMatchObject({
      suspended: true,
      status: 'suspended',
      at_risk_from: null,
      working_days_left: 4,
    });
  });

  it('a case whose deadline had passed before it was suspended stays overdue', () => {
    const item = caseItem(
      deadlineCase('Z4', '2026-04-20', {
        suspended: true,
        suspended_since: '2026-04-22',
        working_days_left: -2,
      }),
    );
    expect(item).toMatchObject({ suspended: true, status: 'overdue', at_risk_from: null });
  });
});

describe('callbackDeadlineItems', () => {
  const callback = (callback_id: string, p: Partial<DeadlineCallback>): DeadlineItem =>
    parsed(
      callbackDeadlineItems(
        TENANT,
        [
          {
            callback_id,
            queue_id: null,
            requested_at: '',
            promise: { target: 2, unit: 'working_days' },
            ...p,
          },
        ],
        settings,
      ),
    )[0]!;

  it('a callback "within 2 working days" from Friday is due Wednesday (King’s Day skipped), at risk from Tuesday', () => {
    expect(
      callback('CB1', { queue_id: 'burgerzaken', requested_at: '2026-04-24T10:00:00+02:00' }),
    ).toMatchObject({
      kind: 'callback',
      item_id: 'CB1',
      queue: 'burgerzaken',
      team: null,
      case_type: null,
      opened_at: '2026-04-24T08:00:00.000Z',
      due_at: '2026-04-29T21:59:59.000Z',
      due_date: '2026-04-29',
      legal_due_at: null,
      // Half the promise left by default: 1 working day, Tuesday 28 from 00:00.
      at_risk_from: '2026-04-27T22:00:00.000Z',
      horizon: { share_of_norm: 0.5 },
      status: 'on_track',
      working_days_left: 2,
    });
  });

  it('uses the callback_due norm’s horizon, and is overdue after its deadline', () => {
    const item = callback('CB2', {
      requested_at: '2026-04-21T10:00:00+02:00',
      horizon: { target: 4, unit: 'hours' },
    });
    expect(item).toMatchObject({
      due_at: '2026-04-23T21:59:59.000Z',
      at_risk_from: '2026-04-23T17:59:59.000Z',
      status: 'overdue',
      working_days_left: -1,
    });
  });
});

describe('writtenDeadlineItems', () => {
  const received = {
    contact_id: 'M1',
    channel: 'email' as const,
    team_id: 'kcc',
    received_at: '2026-04-24T09:00:00+02:00',
    acknowledged_at: null,
  };

  it('an unacknowledged contact has an answer and an acknowledge item, each against its own norm', () => {
    const items = parsed(writtenDeadlineItems(TENANT, [received], settings));
    expect(items.map((i) => [deadlineItemKey(i), i.due_date, i.at_risk_from])).toEqual([
      ['GM0363|written_answer|M1', '2026-04-29', '2026-04-27T22:00:00.000Z'],
      // 1 working day, half of it left is none: at risk on its due day.
      ['GM0363|written_acknowledge|M1', '2026-04-28', '2026-04-27T22:00:00.000Z'],
    ]);
    expect(items[0]).toMatchObject({ channel: 'email', team: 'kcc', queue: null, case_type: null });
  });

  it('once acknowledged only the answer item is left; the norms in force replace the defaults', () => {
    const items = parsed(
      writtenDeadlineItems(TENANT, [{ ...received, acknowledged_at: '2026-04-24T09:30:00+02:00' }], {
        ...settings,
        answer: { norm: { target: 5, unit: 'working_days' }, horizon: { target: 1, unit: 'working_days' } },
      }),
    );
    expect(items).toHaveLength(1);
    // Fri 24 + 5 working days (King's Day skipped): Mon 4 May; 1 working day left from Friday 1 May.
    expect(items[0]).toMatchObject({
      kind: 'written_answer',
      due_date: '2026-05-04',
      at_risk_from: '2026-04-30T22:00:00.000Z',
      norm: { target: 5, unit: 'working_days' },
    });
  });
});
