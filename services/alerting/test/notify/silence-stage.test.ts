import { describe, expect, it } from 'vitest';
import { silencedBy, silenceStage } from '../../src/notify/silence-stage.js';
import { alertFixture } from '../fixtures/alerts.js';
import { notifyContext } from '../fixtures/notify-context.js';

const silence = {
  silence_id: 's1',
  matchers: [{ name: 'team', op: '=' as const, value: 'burgerzaken' }],
  starts_at: '2026-03-02T09:00:00.000Z',
  ends_at: '2026-03-02T10:00:00.000Z',
  created_by: 'u-lead',
  comment: 'storing bekend',
};

describe('silence stage', () => {
  it('silences matching alerts from starts_at up to ends_at', () => {
    const alert = alertFixture();
    expect(silencedBy(alert, [silence], new Date('2026-03-02T08:59:59.999Z'))).toEqual([]);
    expect(silencedBy(alert, [silence], new Date('2026-03-02T09:00:00.000Z'))).toEqual(['s1']);
    expect(silencedBy(alert, [silence], new Date('2026-03-02T10:00:00.000Z'))).toEqual([]);
    const other = alertFixture({ labels: { tenant: 'GM0363', team: 'kcc' } });
    expect(silencedBy(other, [silence], new Date('2026-03-02T09:30:00.000Z'))).toEqual([]);
  });

  it('drops silenced alerts and ends the flush when none is left', async () => {
    const { ctx, view } = notifyContext();
    view.silenceList.push(silence);
    const kcc = alertFixture({ fingerprint: 'bbbbbbbbbbbbbbbb', labels: { tenant: 'GM0363', team: 'kcc' } });
    expect((await silenceStage.exec(ctx, [alertFixture(), kcc])).alerts).toEqual([kcc]);
    expect((await silenceStage.exec(ctx, [alertFixture()])).ctx.outcome).toBe('suppressed');
  });
});
