import { describe, expect, it } from 'vitest';
import { notifyHarness } from '../fixtures/notify-harness.js';

const teamSilence = (starts_at: string, ends_at: string) => ({
  silence_id: 's1',
  matchers: [{ name: 'team', op: '=' as const, value: 'burgerzaken' }],
  starts_at,
  ends_at,
  created_by: 'u-teamlead',
  comment: 'verbouwing',
});

function acknowledge(h: ReturnType<typeof notifyHarness>, by: string) {
  const fingerprint = 'aaaaaaaaaaaaaaaa';
  h.view.acks.set(fingerprint, { fingerprint, acknowledged_by: by, at: h.clock().toISOString() });
}

describe('dispatch and notify', () => {
  it('waits group_wait, then sends one notification for the alerts of the group', async () => {
    const h = notifyHarness();
    h.observe({});
    await h.seconds(10);
    h.observe(
      {},
      { fingerprint: 'bbbbbbbbbbbbbbbb', labels: { tenant: 'GM0363', team: 'burgerzaken', queue: 'q2' } },
    );
    await h.seconds(19);
    expect(h.hook.received).toEqual([]);
    await h.seconds(1);
    expect(h.hook.received).toHaveLength(1);
    expect(h.hook.received[0]).toMatchObject({
      reason: 'firing',
      group_key: 'gm0363:{team="burgerzaken",tenant="GM0363"}',
      group_labels: { team: 'burgerzaken', tenant: 'GM0363' },
    });
    expect(h.hook.received[0]?.alerts.map((a) => a.fingerprint)).toEqual([
      'aaaaaaaaaaaaaaaa',
      'bbbbbbbbbbbbbbbb',
    ]);
    await h.minutes(60);
    expect(h.hook.received).toHaveLength(1);
  });

  it('repeats an unchanged firing group only after repeat_interval', async () => {
    const h = notifyHarness();
    h.observe({});
    await h.seconds(30);
    await h.minutes(4 * 60 - 1);
    expect(h.hook.received).toHaveLength(1);
    await h.minutes(1);
    expect(h.hook.received.map((n) => n.reason)).toEqual(['firing', 'repeat']);
    expect(h.hook.received[1]?.notification_id).not.toBe(h.hook.received[0]?.notification_id);
  });

  it('announces a resolved alert, then forgets the group', async () => {
    const h = notifyHarness();
    h.observe({});
    await h.seconds(30);
    await h.minutes(2);
    h.observe({ active: false, value: 300 });
    await h.minutes(3);
    expect(h.hook.received.map((n) => n.reason)).toEqual(['firing', 'resolved']);
    expect(h.hook.received[1]?.alerts).toMatchObject([{ state: 'resolved', value: 300 }]);
    expect(h.dispatcher.groups()).toEqual([]);
    await h.minutes(8 * 60);
    expect(h.hook.received).toHaveLength(2);
  });

  it('suppresses notifications while a silence holds and lets them through once it expired', async () => {
    const h = notifyHarness();
    h.view.silenceList.push(teamSilence('2026-03-02T08:00:00.000Z', '2026-03-02T10:00:00.000Z'));
    h.observe({});
    await h.minutes(59);
    expect(h.hook.received).toEqual([]);
    expect(h.published.at(-1)?.silenced_by).toEqual(['s1']);
    await h.minutes(1);
    expect(h.hook.received).toEqual([]);
    h.observe({});
    expect(h.published.at(-1)?.silenced_by).toEqual([]);
    await h.minutes(5);
    expect(h.hook.received.map((n) => n.reason)).toEqual(['firing']);
    expect(h.hook.received[0]?.created_at).toBe('2026-03-02T10:00:30.000Z');
  });

  it('stops repeats once acknowledged, until the alert changes', async () => {
    const h = notifyHarness();
    h.observe({});
    await h.minutes(10);
    acknowledge(h, 'u-teamlead');
    await h.minutes(8 * 60);
    expect(h.hook.received.map((n) => n.reason)).toEqual(['firing']);
    h.observe({ severity: 'critical', value: 1200 });
    await h.minutes(5);
    expect(h.hook.received.map((n) => n.reason)).toEqual(['firing', 'firing']);
    expect(h.hook.received[1]?.alerts).toMatchObject([{ severity: 'critical' }]);
    await h.minutes(4 * 60);
    expect(h.hook.received.map((n) => n.reason)).toEqual(['firing', 'firing', 'repeat']);
  });

  it('escalates a firing alert nobody acknowledged after escalate_after, once', async () => {
    const h = notifyHarness({ route: { escalation_receivers: ['lead'], escalate_after: '15m' } });
    h.observe({});
    await h.minutes(14);
    await h.seconds(59);
    expect(h.lead.received).toEqual([]);
    await h.seconds(1);
    expect(h.lead.received).toHaveLength(1);
    expect(h.lead.received[0]).toMatchObject({ reason: 'escalation', receiver: 'lead' });
    expect(h.lead.received[0]?.created_at).toBe('2026-03-02T09:15:00.000Z');
    h.observe({ severity: 'critical' });
    expect(h.published.at(-1)).toMatchObject({
      severity: 'critical',
      escalated_at: '2026-03-02T09:15:00.000Z',
    });
    await h.minutes(12 * 60);
    expect(h.lead.received).toHaveLength(1);
    expect(h.hook.received.length).toBeGreaterThan(2);
  });

  it('does not escalate an acknowledged alert', async () => {
    const h = notifyHarness({ route: { escalation_receivers: ['lead'], escalate_after: '15m' } });
    h.observe({});
    await h.minutes(5);
    acknowledge(h, 'u-lead');
    await h.minutes(60);
    expect(h.lead.received).toEqual([]);
  });

  it('holds a muted alert outside the opening hours of its queue and sends it once the queue opens', async () => {
    const h = notifyHarness({ start: '2026-03-02T06:30:00.000Z' });
    h.view.muteList.push({
      mute_id: 'm1',
      matchers: [{ name: 'rule_id', op: '=', value: 'counter-wait' }],
      when: 'outside_opening_hours',
      created_by: 'u-admin',
    });
    const asked: unknown[] = [];
    h.view.open = (scope, at) => {
      asked.push(scope);
      return at.getUTCHours() >= 7 && at.getUTCHours() < 16;
    };
    h.observe({});
    await h.minutes(29);
    expect(h.hook.received).toEqual([]);
    expect(asked[0]).toEqual({ kind: 'queue', id: 'q1' });
    await h.minutes(5);
    expect(h.hook.received).toHaveLength(1);
    expect(h.hook.received[0]?.created_at).toBe('2026-03-02T07:00:30.000Z');
  });

  it('sends nothing again after a restart restored from the notification log and the published alerts', async () => {
    const first = notifyHarness({ route: { escalation_receivers: ['lead'], escalate_after: '15m' } });
    first.observe({});
    await first.minutes(20);
    expect(first.hook.received).toHaveLength(1);
    expect(first.lead.received).toHaveLength(1);
    first.dispatcher.stop();

    const second = notifyHarness({
      route: { escalation_receivers: ['lead'], escalate_after: '15m' },
      start: first.clock().toISOString(),
      restoreFrom: { attempts: first.attempts, published: first.published },
    });
    second.observe({});
    await second.minutes(60);
    expect(second.hook.received).toEqual([]);
    expect(second.lead.received).toEqual([]);
    second.observe({ active: false });
    await second.minutes(5);
    expect(second.hook.received.map((n) => n.reason)).toEqual(['resolved']);
  });

  it('sends a notification the receiver got but the crashed service never logged again, with the same id', async () => {
    const first = notifyHarness();
    first.observe({});
    await first.seconds(30);
    first.dispatcher.stop();
    const unlogged = first.attempts.filter((a) => a.outcome !== 'sent');

    const second = notifyHarness({
      start: first.clock().toISOString(),
      restoreFrom: { attempts: unlogged, published: first.published },
    });
    await second.seconds(1);
    expect(second.hook.received.map((n) => n.notification_id)).toEqual(
      first.hook.received.map((n) => n.notification_id),
    );
  });

  it('retries with backoff, then records a dead letter; the alert stays firing and is sent once the receiver is back', async () => {
    const h = notifyHarness({ maxAttempts: 3 });
    h.hook.failFor(3);
    h.observe({});
    await h.seconds(30);
    await h.seconds(5);
    expect(h.attempts.map((a) => [a.outcome, a.attempt, a.at, a.reason])).toEqual([
      ['failed', 1, '2026-03-02T09:00:30.000Z', 'hook answered 503'],
      ['failed', 2, '2026-03-02T09:00:30.750Z', 'hook answered 503'],
      ['dead_letter', 3, '2026-03-02T09:00:32.250Z', 'hook answered 503'],
    ]);
    expect(h.book.get('GM0363', 'aaaaaaaaaaaaaaaa')?.state).toBe('firing');
    expect(h.hook.received).toEqual([]);
    await h.minutes(5);
    expect(h.hook.received.map((n) => n.reason)).toEqual(['firing']);
    expect(h.attempts.at(-1)).toMatchObject({ outcome: 'sent', attempt: 1 });
  });
});
