import { describe, expect, it } from 'vitest';
import { acknowledgementHolds, acknowledgeStage } from '../../src/notify/acknowledge-stage.js';
import { alertFixture } from '../fixtures/alerts.js';
import { notifyContext } from '../fixtures/notify-context.js';

const ack = { fingerprint: 'aaaaaaaaaaaaaaaa', acknowledged_by: 'u-lead', at: '2026-03-02T09:10:00.000Z' };

describe('acknowledgement stage', () => {
  it('holds for a firing alert that did not change since', () => {
    expect(acknowledgementHolds(alertFixture(), ack)).toBe(true);
    expect(acknowledgementHolds(alertFixture(), undefined)).toBe(false);
    expect(acknowledgementHolds(alertFixture({ changed_at: '2026-03-02T09:10:00.001Z' }), ack)).toBe(false);
    expect(acknowledgementHolds(alertFixture({ state: 'resolved' }), ack)).toBe(false);
    expect(acknowledgementHolds(alertFixture({ fingerprint: 'bbbbbbbbbbbbbbbb' }), ack)).toBe(false);
  });

  it('marks acknowledged alerts and lets every alert through', async () => {
    const { ctx, view } = notifyContext();
    view.acks.set(ack.fingerprint, ack);
    const other = alertFixture({ fingerprint: 'bbbbbbbbbbbbbbbb' });
    const result = await acknowledgeStage.exec(ctx, [alertFixture(), other]);
    expect(result.alerts).toHaveLength(2);
    expect(result.ctx.acknowledged).toEqual(new Set(['aaaaaaaaaaaaaaaa']));
  });
});
