import { describe, expect, it } from 'vitest';
import { parseRoutes } from '../../src/dispatch/routes.js';
import { alertStatus } from '../../src/notify/alert-status.js';
import { NotificationLog } from '../../src/notify/notification-log.js';
import { alertFixture } from '../fixtures/alerts.js';
import { escalatedLog } from '../fixtures/notify-context.js';
import { fakeView } from '../fixtures/notify-harness.js';

const routes = parseRoutes({
  routes: [
    {
      name: 'gm0363',
      tenant: 'GM0363',
      receivers: ['hook'],
      escalation_receivers: ['lead'],
      escalate_after: 900,
    },
  ],
});
const now = new Date('2026-03-02T09:30:00.000Z');
const groupKey = 'gm0363:{team="burgerzaken",tenant="GM0363"}';

describe('alert status', () => {
  it('says which acknowledgement holds and which silences and mutes suppress an alert', () => {
    const view = fakeView();
    view.acks.set('aaaaaaaaaaaaaaaa', {
      fingerprint: 'aaaaaaaaaaaaaaaa',
      acknowledged_by: 'u-lead',
      at: '2026-03-02T09:10:00.000Z',
    });
    view.silenceList.push({
      silence_id: 's1',
      matchers: [{ name: 'queue', op: '=~', value: 'q.*' }],
      starts_at: '2026-03-02T09:00:00.000Z',
      ends_at: '2026-03-02T10:00:00.000Z',
      created_by: 'u-lead',
      comment: 'storing',
    });
    view.muteList.push({
      mute_id: 'm1',
      matchers: [{ name: 'team', op: '=', value: 'burgerzaken' }],
      when: 'outside_opening_hours',
      created_by: 'u-admin',
    });
    view.open = () => false;
    const status = alertStatus({ view, log: new NotificationLog(), routes, now })(alertFixture());
    expect(status).toEqual({
      acknowledgement: view.acks.get('aaaaaaaaaaaaaaaa'),
      silenced_by: ['s1'],
      muted_by: ['m1'],
      escalated_at: null,
    });
    const changed = alertFixture({ changed_at: '2026-03-02T09:20:00.000Z' });
    expect(
      alertStatus({ view, log: new NotificationLog(), routes, now })(changed).acknowledgement,
    ).toBeNull();
  });

  it('takes the escalation instant from the log of the escalation receiver, and keeps it', () => {
    const log = escalatedLog(groupKey);
    const status = alertStatus({ view: fakeView(), log, routes, now });
    expect(status(alertFixture()).escalated_at).toBe('2026-03-02T09:20:00.000Z');
    expect(status(alertFixture({ occurrence: 2 })).escalated_at).toBeNull();
    const published = alertFixture({ escalated_at: '2026-03-02T09:16:00.000Z' });
    expect(status(published).escalated_at).toBe('2026-03-02T09:16:00.000Z');
  });
});
