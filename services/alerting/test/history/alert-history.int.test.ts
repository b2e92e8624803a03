import { useTestDatabase } from '@stuurwiel/infra/testing';
import type { AlertMessage } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import {
  alertHistory,
  clickHouseAlertHistory,
  insertAlertStates,
  insertNotificationAttempts,
  latestAlertStates,
  listAlerts,
  notificationAttempts,
  notificationLog,
} from '../../src/history/index.js';
import type { AlertHistory, Notification } from '../../src/model.js';
import { deadlineAlert, notification } from '../receivers/fixtures.js';

const db = useTestDatabase('alert_history');

/** One alert's run, as the lifecycle records it: pending, firing, acknowledged, resolved. */
function run(tenant: string, fingerprint: string): AlertMessage[] {
  const base = deadlineAlert({
    tenant,
    fingerprint,
    labels: { tenant, rule_id: 'zaken-termijn', team: 'kcc' },
  });
  return [
    { ...base, state: 'pending', fired_at: null, updated_at: '2026-05-04T06:55:00.000Z' },
    { ...base, state: 'firing', updated_at: '2026-05-04T07:00:00.000Z' },
    {
      ...base,
      updated_at: '2026-05-04T07:30:00.000Z',
      acknowledgement: { fingerprint, acknowledged_by: 'teamlead-kcc', at: '2026-05-04T07:30:00.000Z' },
    },
    {
      ...base,
      state: 'resolved',
      resolved_at: '2026-05-04T09:00:00.000Z',
      updated_at: '2026-05-04T09:00:00.000Z',
    },
  ];
}

/**
 * What a service records while it goes through the runs and notifies: states, then attempts, each
 * attempt `lateMs` after its notification was made.
 */
async function live(
  history: AlertHistory,
  runs: AlertMessage[][],
  notifications: Notification[],
  lateMs = 0,
) {
  for (const r of runs) await history.recordStates(r.slice(0, 2));
  for (const n of notifications) {
    const at = new Date(Date.parse(n.created_at) + lateMs).toISOString();
    await history.recordAttempt({ notification: n, attempt: 1, outcome: 'failed', reason: 'timeout', at });
    await history.recordAttempt({ notification: n, attempt: 2, outcome: 'sent', reason: null, at });
  }
}

describe('alert history in ClickHouse', () => {
  it('reads back after a restart the same as without one, though the restart recorded everything again', async () => {
    const tenant = 'GM0344';
    const fingerprints = ['1111111111111111', '2222222222222222'];
    const runs = fingerprints.map((f) => run(tenant, f));
    const notifications = runs.map((r, i) =>
      notification({
        notification_id: `n-${i}`,
        tenant,
        group_key: `${tenant}|team=kcc`,
        alerts: [r[1]!],
        created_at: `2026-05-04T07:0${i + 1}:00.000Z`,
      }),
    );

    const before = clickHouseAlertHistory(db(), { intervalMs: 10 });
    await live(before, runs, notifications);
    await before.close();
    const once = {
      latest: await latestAlertStates(db(), { tenants: [tenant], since: '2026-05-04T00:00:00.000Z' }),
      log: await notificationLog(db(), { tenants: [tenant] }),
      attempts: await notificationAttempts(db(), { tenant }),
      changes: await alertHistory(db(), { tenant, fingerprint: fingerprints[0]! }),
    };

    // The crash: nothing was acknowledged as done, so the new process records it all again, later.
    const after = clickHouseAlertHistory(db(), { intervalMs: 10 });
    const replayed = runs.map((r) => r.map((a) => ({ ...a, updated_at: '2026-05-04T07:10:00.000Z' })));
    await live(after, replayed, notifications, 10 * 60_000);
    await after.close();

    expect(await latestAlertStates(db(), { tenants: [tenant], since: '2026-05-04T00:00:00.000Z' })).toEqual(
      once.latest,
    );
    expect(await notificationLog(db(), { tenants: [tenant] })).toEqual(once.log);
    expect(await notificationAttempts(db(), { tenant })).toEqual(once.attempts);
    expect(await alertHistory(db(), { tenant, fingerprint: fingerprints[0]! })).toEqual(once.changes);
    expect(once.latest.map((a) => [a.fingerprint, a.state])).toEqual([
      [fingerprints[0], 'firing'],
      [fingerprints[1], 'firing'],
    ]);
    expect(once.log).toEqual([
      {
        tenant,
        group_key: `${tenant}|team=kcc`,
        receiver: 'ops',
        notification_id: 'n-1',
        reason: 'firing',
        fingerprints: [fingerprints[1]],
        resolved_fingerprints: [],
        alerts: [
          {
            fingerprint: fingerprints[1],
            state: 'firing',
            severity: 'warning',
            occurrence: 1,
            starts_at: '2026-05-04T07:00:00.000Z',
          },
        ],
        sent_at: '2026-05-04T07:02:00.000Z',
      },
    ]);
    expect(once.attempts.map((a) => [a.notification_id, a.attempt, a.outcome])).toEqual([
      ['n-1', 2, 'sent'],
      ['n-1', 1, 'failed'],
      ['n-0', 2, 'sent'],
      ['n-0', 1, 'failed'],
    ]);
  });

  it('keeps a whole run of changes and restores only what is still open', async () => {
    const tenant = 'GM0345';
    const [open, closed] = [run(tenant, '3333333333333333'), run(tenant, '4444444444444444')];
    const history = clickHouseAlertHistory(db(), { maxRows: 3, intervalMs: 10 });
    await Promise.all([history.recordStates(open.slice(0, 3)), history.recordStates(closed)]);
    await history.close();

    const changes = await alertHistory(db(), { tenant, fingerprint: '4444444444444444' });
    expect(changes.map((c) => [c.state, c.changed_at])).toEqual([
      ['resolved', '2026-05-04T09:00:00.000Z'],
      ['firing', '2026-05-04T07:30:00.000Z'],
      ['firing', '2026-05-04T07:00:00.000Z'],
      ['pending', '2026-05-04T06:55:00.000Z'],
    ]);
    expect(changes[1]?.message.acknowledgement?.acknowledged_by).toBe('teamlead-kcc');
    const restored = await latestAlertStates(db(), { tenants: [tenant], since: '2026-05-04T10:00:00.000Z' });
    expect(restored).toEqual([open[2]]);
    expect((await listAlerts(db(), { tenant, state: 'resolved' })).map((a) => a.message.fingerprint)).toEqual(
      ['4444444444444444'],
    );
  });

  it('stores a large burst in batches, each call resolving once its rows are in', async () => {
    const tenant = 'GM0346';
    const alerts = Array.from({ length: 2500 }, (_, i) =>
      deadlineAlert({
        tenant,
        fingerprint: i.toString(16).padStart(16, '0'),
        labels: { tenant, n: String(i) },
      }),
    );
    const history = clickHouseAlertHistory(db(), { maxRows: 1000, intervalMs: 10 });
    await Promise.all(alerts.map((a) => history.recordStates([a])));
    expect(
      await latestAlertStates(db(), { tenants: [tenant], since: '2026-05-04T00:00:00.000Z' }),
    ).toHaveLength(2500);
    await history.close();
  });

  it('keeps the occurrence number an alert message carries in the notification log', async () => {
    const tenant = 'GM0347';
    // A second occurrence, as the alert book numbers them (the field is optional in alerts.v1).
    const again = { ...deadlineAlert({ tenant, labels: { tenant } }), occurrence: 2 } as AlertMessage;
    const n = notification({ notification_id: 'n-again', tenant, alerts: [again] });
    await insertNotificationAttempts(db(), [
      { notification: n, attempt: 1, outcome: 'sent', reason: null, at: n.created_at },
    ]);
    const [entry] = await notificationLog(db(), { tenants: [tenant] });
    expect(entry?.alerts).toEqual([
      {
        fingerprint: again.fingerprint,
        state: 'firing',
        severity: 'warning',
        occurrence: 2,
        starts_at: again.starts_at,
      },
    ]);
  });

  it('refuses an invalid alert or parameter with the statement, the field and the reason', async () => {
    const bad = { ...deadlineAlert(), fingerprint: 'not-hex' };
    await expect(insertAlertStates(db(), [bad])).rejects.toThrow(
      /^insertAlertStates: alerts\.0\.fingerprint: /,
    );
    await expect(
      listAlerts(db(), {
        tenant: 'GM0344',
        from: '2026-05-04T10:00:00.000Z',
        to: '2026-05-04T09:00:00.000Z',
      }),
    ).rejects.toThrow('listAlerts: params.to: must be later than from');
  });
});
