import { describe, expect, it } from 'vitest';
import { escalationStage } from '../../src/notify/escalation-stage.js';
import { NotificationLog } from '../../src/notify/notification-log.js';
import { alertFixture } from '../fixtures/alerts.js';
import { escalatedLog, notifyContext } from '../fixtures/notify-context.js';

const route = { escalation_receivers: ['lead'], escalate_after: '15m' };
const fired = (at: string, fingerprint = 'aaaaaaaaaaaaaaaa') => alertFixture({ fingerprint, fired_at: at });

describe('escalation stage', () => {
  it('lets everything through on the main branch', async () => {
    const { ctx } = notifyContext({}, route);
    const alerts = [fired('2026-03-02T09:29:00.000Z')];
    expect((await escalationStage(new NotificationLog()).exec(ctx, alerts)).alerts).toEqual(alerts);
  });

  it('escalates alerts firing unacknowledged for escalate_after', async () => {
    const { ctx } = notifyContext({ receiver: 'lead', escalation: true }, route);
    const stage = escalationStage(new NotificationLog());
    const old = fired('2026-03-02T09:15:00.000Z');
    const young = fired('2026-03-02T09:15:00.001Z', 'bbbbbbbbbbbbbbbb');
    expect((await stage.exec(ctx, [old, young])).alerts).toEqual([old]);
    const acked = { ...ctx, acknowledged: new Set([old.fingerprint]) };
    expect((await stage.exec(acked, [old, young])).ctx.outcome).toBe('unchanged');
  });

  it('escalates an occurrence once, keeping it in the set while it fires', async () => {
    const { ctx } = notifyContext({ receiver: 'lead', escalation: true }, route);
    const log = escalatedLog(ctx.groupKey);
    const stage = escalationStage(log);
    const first = fired('2026-03-02T09:00:00.000Z');
    const acked = { ...ctx, acknowledged: new Set([first.fingerprint]) };
    expect((await stage.exec(acked, [first])).ctx.outcome).toBe('unchanged');
    const second = fired('2026-03-02T09:05:00.000Z', 'bbbbbbbbbbbbbbbb');
    expect((await stage.exec(acked, [first, second])).alerts).toEqual([first, second]);
    const again = alertFixture({ occurrence: 2, fired_at: '2026-03-02T09:10:00.000Z' });
    expect((await stage.exec(ctx, [again])).alerts).toEqual([again]);
  });
});
