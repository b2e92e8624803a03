import { describe, expect, it } from 'vitest';
import { changeReason, dedupStage } from '../../src/notify/dedup-stage.js';
import { entryFor, NotificationLog } from '../../src/notify/notification-log.js';
import { alertFixture } from '../fixtures/alerts.js';
import { notifyContext } from '../fixtures/notify-context.js';

const a = alertFixture();
const b = alertFixture({ fingerprint: 'bbbbbbbbbbbbbbbb' });
const resolvedA = alertFixture({ state: 'resolved', resolved_at: '2026-03-02T09:20:00.000Z' });
const now = new Date('2026-03-02T09:30:00.000Z');
const sentAt = '2026-03-02T09:05:30.000Z';

function logged(...alerts: ReturnType<typeof alertFixture>[]) {
  const { ctx } = notifyContext();
  return entryFor(
    {
      notification_id: 'n0',
      tenant: 'GM0363',
      group_key: ctx.groupKey,
      group_labels: ctx.groupLabels,
      receiver: 'hook',
      reason: 'firing',
      alerts,
      created_at: sentAt,
    },
    sentAt,
  );
}

const reason = (entry: ReturnType<typeof logged> | undefined, alerts = [a], extra = {}) =>
  changeReason({ entry, alerts, acknowledged: new Set(), now, repeatSeconds: 4 * 3600, ...extra });

describe('dedup stage', () => {
  it('sends a group the receiver never heard of only when something fires', () => {
    expect(reason(undefined)).toBe('firing');
    expect(reason(undefined, [resolvedA])).toBeUndefined();
  });

  it('sends a new firing alert, a new occurrence and a severity change', () => {
    expect(reason(logged(a))).toBeUndefined();
    expect(reason(logged(a), [a, b])).toBe('firing');
    expect(reason(logged(a), [alertFixture({ occurrence: 2 })])).toBe('firing');
    expect(reason(logged(a), [alertFixture({ severity: 'critical' })])).toBe('firing');
  });

  it('sends a resolve only of an alert the receiver knew firing', () => {
    expect(reason(logged(a), [resolvedA])).toBe('resolved');
    expect(reason(logged(resolvedA), [resolvedA])).toBeUndefined();
    expect(reason(logged(b), [b, resolvedA])).toBeUndefined();
  });

  it('repeats after repeat_interval unless every firing alert is acknowledged', () => {
    const entry = logged(a);
    expect(reason(entry, [a], { now: new Date('2026-03-02T13:05:29.999Z') })).toBeUndefined();
    expect(reason(entry, [a], { now: new Date('2026-03-02T13:05:30.000Z') })).toBe('repeat');
    const acknowledged = new Set([a.fingerprint]);
    expect(reason(entry, [a], { now: new Date('2026-03-02T15:00:00.000Z'), acknowledged })).toBeUndefined();
  });

  it('builds the notification with the firing alerts and the resolves the receiver needs', async () => {
    const { ctx } = notifyContext();
    const log = new NotificationLog([logged(a)]);
    const result = await dedupStage(log).exec(ctx, [resolvedA, b]);
    expect(result.ctx.notification).toMatchObject({ reason: 'firing', receiver: 'hook', tenant: 'GM0363' });
    expect(result.ctx.notification?.alerts.map((x) => [x.fingerprint, x.state])).toEqual([
      ['aaaaaaaaaaaaaaaa', 'resolved'],
      ['bbbbbbbbbbbbbbbb', 'firing'],
    ]);
    expect((await dedupStage(log).exec(ctx, [a])).ctx.outcome).toBe('unchanged');
  });
});
