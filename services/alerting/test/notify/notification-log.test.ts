import { describe, expect, it } from 'vitest';
import { buildNotification } from '../../src/notify/notification.js';
import { entryFor, NotificationLog } from '../../src/notify/notification-log.js';
import { alertFixture } from '../fixtures/alerts.js';

const firing = alertFixture();
const resolved = alertFixture({
  fingerprint: 'bbbbbbbbbbbbbbbb',
  state: 'resolved',
  occurrence: 2,
  resolved_at: '2026-03-02T09:10:00.000Z',
});

function notification(previous?: ReturnType<typeof entryFor>) {
  return buildNotification({
    tenant: 'GM0363',
    groupKey: 'gm0363:{tenant="GM0363"}',
    groupLabels: { tenant: 'GM0363' },
    receiver: 'hook',
    reason: 'firing',
    alerts: [resolved, firing],
    previous,
    now: new Date('2026-03-02T09:11:00Z'),
  });
}

describe('notification log', () => {
  it('remembers per group and receiver the firing and resolved occurrences last sent', () => {
    const entry = entryFor(notification(), '2026-03-02T09:11:00.000Z');
    expect(entry).toMatchObject({
      group_key: 'gm0363:{tenant="GM0363"}',
      receiver: 'hook',
      firing: ['aaaaaaaaaaaaaaaa@1/warning'],
      resolved: ['bbbbbbbbbbbbbbbb@2'],
    });
    const log = new NotificationLog([entry]);
    expect(log.get('gm0363:{tenant="GM0363"}', 'hook')).toEqual(entry);
    expect(log.get('gm0363:{tenant="GM0363"}', 'mail')).toBeUndefined();
  });

  it('is restored from stored entries or sent notifications, the latest per group and receiver winning', () => {
    const first = entryFor(notification(), '2026-03-02T09:11:00.000Z');
    const second = { ...first, notification_id: 'later', sent_at: '2026-03-02T13:11:00.000Z' };
    expect(new NotificationLog([second, first]).entries()).toEqual([second]);
    const sent = NotificationLog.fromSent([{ notification: notification(), at: first.sent_at }]);
    expect(sent.entries()).toEqual([first]);
  });

  it('gives the same notification the same id, and a repeat after it another', () => {
    expect(notification().notification_id).toBe(notification().notification_id);
    expect(notification().notification_id).toMatch(/^[0-9a-f]{32}$/);
    const after = notification(entryFor(notification(), '2026-03-02T09:11:00.000Z'));
    expect(after.notification_id).not.toBe(notification().notification_id);
  });

  it('forgets quiet groups but never one with firing alerts', () => {
    const withFiring = entryFor(notification(), '2026-03-02T09:11:00.000Z');
    const quiet = { ...withFiring, receiver: 'mail', firing: [] };
    const log = new NotificationLog([withFiring, quiet]);
    log.prune(new Date('2026-03-09T00:00:00Z'));
    expect(log.entries()).toEqual([withFiring]);
  });
});
