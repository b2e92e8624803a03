import { describe, expect, it } from 'vitest';
import { mutedBy, muteStage, openingScope } from '../../src/notify/mute-stage.js';
import { alertFixture } from '../fixtures/alerts.js';
import { notifyContext } from '../fixtures/notify-context.js';

const mute = {
  mute_id: 'm1',
  matchers: [{ name: 'rule_id', op: '=' as const, value: 'counter-wait' }],
  when: 'outside_opening_hours' as const,
  created_by: 'u-admin',
};

describe('mute stage', () => {
  it('asks the opening hours of the queue, else the location, source or municipality', () => {
    const labels = { tenant: 'GM0363' };
    expect(openingScope({ labels: { ...labels, queue: 'q1', location: 'l1' } })).toEqual({
      kind: 'queue',
      id: 'q1',
    });
    expect(openingScope({ labels: { ...labels, location: 'l1' } })).toEqual({ kind: 'location', id: 'l1' });
    expect(openingScope({ labels: { ...labels, source: 'qmatic/a' } })).toEqual({
      kind: 'source',
      id: 'qmatic/a',
    });
    expect(openingScope({ labels })).toEqual({ kind: 'tenant' });
  });

  it('drops a matching alert while its scope is closed and keeps it while open', async () => {
    const { ctx, view } = notifyContext();
    view.muteList.push(mute);
    const counter = alertFixture();
    const other = alertFixture({
      fingerprint: 'bbbbbbbbbbbbbbbb',
      labels: { tenant: 'GM0363', rule_id: 'phone' },
    });
    view.open = () => false;
    expect(mutedBy(counter, view, ctx.now)).toEqual(['m1']);
    expect((await muteStage.exec(ctx, [counter, other])).alerts).toEqual([other]);
    expect((await muteStage.exec(ctx, [counter])).ctx.outcome).toBe('suppressed');
    view.open = () => true;
    expect((await muteStage.exec(ctx, [counter, other])).alerts).toEqual([counter, other]);
  });
});
