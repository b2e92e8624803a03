import type { DeadlineItem } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { createDeadlineTracker } from '../../src/live/deadline-tracker.js';
import { TENANT } from './helpers.js';

const GROUP = `${TENANT}|cases`;

const item = (item_id: string, p: Partial<DeadlineItem> = {}): DeadlineItem => ({
  spec_version: 1,
  tenant: TENANT,
  kind: 'case',
  item_id,
  team: 'vergunningen',
  case_type: 'vergunning',
  queue: null,
  channel: null,
  opened_at: '2026-03-01T23:00:00.000Z',
  due_at: '2026-04-28T21:59:59.000Z',
  due_date: '2026-04-28',
  legal_due_at: '2026-04-28T21:59:59.000Z',
  at_risk_from: '2026-04-22T22:00:00.000Z',
  suspended: false,
  status: 'on_track',
  working_days_left: 3,
  norm: { target: 8, unit: 'working_days' },
  horizon: { target: 2, unit: 'working_days' },
  as_of: '2026-04-22T08:00:00.000Z',
  ...p,
});

const keys = (messages: { key: string; item: DeadlineItem | null }[]) =>
  messages.map((m) => `${m.key}${m.item === null ? ' (tombstone)' : ''}`);

describe('createDeadlineTracker', () => {
  it('sends new items, then nothing while only as_of moves', () => {
    const tracker = createDeadlineTracker();
    expect(keys(tracker.offer(GROUP, [item('Z1'), item('Z2')]))).toEqual([
      'GM0363|case|Z1',
      'GM0363|case|Z2',
    ]);
    expect(tracker.offer(GROUP, [item('Z1', { as_of: '2026-04-22T08:00:30.000Z' }), item('Z2')])).toEqual([]);
  });

  it('sends an item again when it changes', () => {
    const tracker = createDeadlineTracker();
    tracker.offer(GROUP, [item('Z1'), item('Z2')]);
    const changed = item('Z2', { status: 'at_risk', as_of: '2026-04-22T22:00:10.000Z' });
    expect(tracker.offer(GROUP, [item('Z1'), changed])).toEqual([{ key: 'GM0363|case|Z2', item: changed }]);
  });

  it('sends a tombstone for an item that is no longer open (closed), once', () => {
    const tracker = createDeadlineTracker();
    tracker.offer(GROUP, [item('Z1'), item('Z2')]);
    expect(tracker.offer(GROUP, [item('Z2')])).toEqual([{ key: 'GM0363|case|Z1', item: null }]);
    expect(tracker.offer(GROUP, [item('Z2')])).toEqual([]);
  });

  it('keeps groups apart: one tenant’s computation retires nothing of another', () => {
    const tracker = createDeadlineTracker();
    tracker.offer(GROUP, [item('Z1')]);
    expect(tracker.offer('GM0599|cases', [])).toEqual([]);
    expect(tracker.offer(GROUP, [item('Z1')])).toEqual([]);
  });

  it('sends every item again once the Amsterdam date of as_of changes', () => {
    const tracker = createDeadlineTracker();
    tracker.offer(GROUP, [item('Z1', { as_of: '2026-04-22T21:59:00.000Z' })]); // 23:59 Amsterdam
    expect(keys(tracker.offer(GROUP, [item('Z1', { as_of: '2026-04-22T22:00:05.000Z' })]))).toEqual([
      'GM0363|case|Z1',
    ]);
  });

  it('ended: a tombstone for an ended item it holds nothing for, none for one it still holds', () => {
    const tracker = createDeadlineTracker();
    tracker.offer(GROUP, [item('Z1')]);
    expect(tracker.ended(['GM0363|case|Z1', 'GM0363|case|GONE', 'GM0363|case|GONE'])).toEqual([
      { key: 'GM0363|case|GONE', item: null },
    ]);
    // Its group's next computation retires the one it held.
    expect(tracker.offer(GROUP, [])).toEqual([{ key: 'GM0363|case|Z1', item: null }]);
  });
});
