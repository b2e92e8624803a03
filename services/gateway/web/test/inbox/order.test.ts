import { alertKey } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { byUrgency, inboxAlerts, itemsByDeadline } from '../../src/pages/inbox/order.js';
import { alert } from './alert-fixture.js';

const ids = (alerts: readonly { fingerprint: string }[]) => alerts.map((a) => a.fingerprint);
const live = (...alerts: ReturnType<typeof alert>[]) => new Map(alerts.map((a) => [alertKey(a), a]));

describe('the order of the inbox', () => {
  it('puts critical before warning, then firing before pending, then the oldest first', () => {
    const warningOld = alert({ fingerprint: 'a000000000000001', starts_at: '2026-03-02T07:00:00Z' });
    const warningNew = alert({ fingerprint: 'a000000000000002', starts_at: '2026-03-02T08:00:00Z' });
    const warningPending = alert({
      fingerprint: 'a000000000000003',
      state: 'pending',
      starts_at: '2026-03-02T06:00:00Z',
    });
    const criticalPending = alert({
      fingerprint: 'a000000000000004',
      severity: 'critical',
      state: 'pending',
    });
    const criticalFiring = alert({
      fingerprint: 'a000000000000005',
      severity: 'critical',
      starts_at: '2026-03-02T09:30:00Z',
    });
    const sorted = [warningPending, warningNew, criticalPending, warningOld, criticalFiring].sort(byUrgency);
    expect(ids(sorted)).toEqual(
      ids([criticalFiring, criticalPending, warningOld, warningNew, warningPending]),
    );
  });

  it('keeps alerts equal in everything in one order, by fingerprint', () => {
    const a = alert({ fingerprint: 'b000000000000001' });
    const b = alert({ fingerprint: 'b000000000000002' });
    expect(ids([b, a].sort(byUrgency))).toEqual(ids([a, b]));
  });
});

describe('the alerts the inbox lists', () => {
  it('are the listed ones until the live picture is complete, each in its newest state', () => {
    const listed = alert({ fingerprint: 'c000000000000001', updated_at: '2026-03-02T09:00:00Z' });
    const older = alert({
      fingerprint: 'c000000000000001',
      updated_at: '2026-03-02T08:00:00Z',
      severity: 'critical',
    });
    const newer = alert({
      fingerprint: 'c000000000000001',
      updated_at: '2026-03-02T09:05:00Z',
      state: 'pending',
    });
    expect(inboxAlerts([listed], live(older), false).map((a) => [a.fingerprint, a.severity])).toEqual([
      ['c000000000000001', 'warning'],
    ]);
    expect(inboxAlerts([listed], live(newer), false).map((a) => a.state)).toEqual(['pending']);
  });

  it('are the live ones alone once the live picture is complete (a listed alert that resolved meanwhile is gone)', () => {
    const gone = alert({ fingerprint: 'c000000000000002' });
    const current = alert({ fingerprint: 'c000000000000003' });
    expect(ids(inboxAlerts([gone, current], live(current), true))).toEqual(['c000000000000003']);
  });

  it('leave resolved alerts out, and list an alert with several occurrences once', () => {
    const resolved = alert({
      fingerprint: 'c000000000000004',
      state: 'resolved',
      resolved_at: '2026-03-02T09:10:00Z',
    });
    const first = alert({
      fingerprint: 'c000000000000005',
      starts_at: '2026-03-01T09:00:00Z',
      updated_at: '2026-03-01T10:00:00Z',
    });
    const again = alert({
      fingerprint: 'c000000000000005',
      starts_at: '2026-03-02T09:00:00Z',
      updated_at: '2026-03-02T09:00:00Z',
    });
    const listed = inboxAlerts([resolved, first, again], new Map(), false);
    expect(listed.map((a) => [a.fingerprint, a.starts_at])).toEqual([['c000000000000005', again.starts_at]]);
  });
});

describe('the items behind a deadline alert', () => {
  it('come by deadline, then by kind and id', () => {
    const item = (item_id: string, due_at: string, kind: 'case' | 'callback' = 'case') => ({
      kind,
      item_id,
      due_at,
      working_days_left: 0,
      status: 'at_risk' as const,
    });
    const sorted = itemsByDeadline([
      item('Z-3', '2026-03-06T22:59:59Z'),
      item('Z-2', '2026-03-04T22:59:59Z'),
      item('T-1', '2026-03-04T22:59:59Z', 'callback'),
      item('Z-1', '2026-02-23T22:59:59Z'),
      item('Z-0', '2026-03-04T22:59:59Z'),
    ]);
    expect(sorted.map((i) => i.item_id)).toEqual(['Z-1', 'T-1', 'Z-0', 'Z-2', 'Z-3']);
  });
});
