import { alertMessage } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { AlertBook, type Evaluation } from '../../src/lifecycle/alert-book.js';
import { observation, thresholdRuleFixture } from '../fixtures/alerts.js';

const rule = thresholdRuleFixture();
const at = (hhmm: string) => new Date(`2026-03-02T${hhmm}:00.000Z`);

function run(book: AlertBook, now: string, observations = [observation()], extra: Partial<Evaluation> = {}) {
  return book.evaluate({
    tenant: 'GM0363',
    now: at(now),
    rules: [rule],
    observations,
    quietDomains: new Set(),
    ...extra,
  });
}

describe('alert book', () => {
  it('keeps an active alert pending until for_seconds passed, then fires, then resolves', () => {
    const book = new AlertBook();
    expect(run(book, '09:00')).toMatchObject([{ state: 'pending', occurrence: 1, fired_at: null }]);
    expect(run(book, '09:04')).toEqual([]);
    const [fired] = run(book, '09:05');
    expect(fired).toMatchObject({ state: 'firing', starts_at: '2026-03-02T09:00:00.000Z' });
    expect(fired?.fired_at).toBe('2026-03-02T09:05:00.000Z');
    expect(book.firing('GM0363', 'counter-wait')).toEqual(new Set(['aaaaaaaaaaaaaaaa']));
    const [resolved] = run(book, '09:20', [observation({ active: false, value: 400 })]);
    expect(resolved).toMatchObject({
      state: 'resolved',
      resolved_at: '2026-03-02T09:20:00.000Z',
      value: 400,
    });
    for (const message of book.alerts()) expect(alertMessage.parse(message)).toEqual(message);
  });

  it('fires at once when the rule asks no duration', () => {
    const book = new AlertBook();
    expect(run(book, '09:00', [observation({ for_seconds: 0 })])).toMatchObject([{ state: 'firing' }]);
  });

  it('resolves an alert the rule no longer mentions, and one whose rule is gone', () => {
    const book = new AlertBook();
    run(book, '09:00', [
      observation({ for_seconds: 0 }),
      observation({ fingerprint: 'bbbbbbbbbbbbbbbb', for_seconds: 0 }),
    ]);
    expect(run(book, '09:01', [observation({ for_seconds: 0 })])).toMatchObject([
      { fingerprint: 'bbbbbbbbbbbbbbbb', state: 'resolved' },
    ]);
    expect(run(book, '09:02', [], { rules: [] })).toMatchObject([
      { fingerprint: 'aaaaaaaaaaaaaaaa', state: 'resolved' },
    ]);
  });

  it('holds the state of an alert whose figures come from a quiet source instead of resolving it', () => {
    const book = new AlertBook();
    run(book, '09:00', [observation({ for_seconds: 0 })]);
    const quiet = { quietDomains: new Set(['counter'] as const) };
    expect(run(book, '09:10', [observation({ active: false, value: 100 })], quiet)).toEqual([]);
    expect(run(book, '09:11', [], quiet)).toEqual([]);
    expect(book.get('GM0363', 'aaaaaaaaaaaaaaaa')).toMatchObject({ state: 'firing', value: 700 });
    expect(run(book, '09:12', [observation({ active: false, value: 100 })])).toMatchObject([
      { state: 'resolved' },
    ]);
  });

  it('gives a new occurrence after a resolve', () => {
    const book = new AlertBook();
    run(book, '09:00', [observation({ for_seconds: 0 })]);
    run(book, '09:10', [observation({ active: false })]);
    const [again] = run(book, '09:30', [observation({ for_seconds: 0 })]);
    expect(again).toMatchObject({ state: 'firing', occurrence: 2, starts_at: '2026-03-02T09:30:00.000Z' });
    expect(again?.resolved_at).toBeNull();
  });

  it('publishes a crossing of the threshold and a severity change, but not a value that merely moves', () => {
    const book = new AlertBook();
    run(book, '09:00', [observation({ for_seconds: 0 })]);
    expect(run(book, '09:01', [observation({ value: 750 })])).toEqual([]);
    expect(run(book, '09:02', [observation({ value: 550 })])).toMatchObject([
      { state: 'firing', value: 550 },
    ]);
    const [critical] = run(book, '09:03', [observation({ value: 900, severity: 'critical' })]);
    expect(critical).toMatchObject({ severity: 'critical', changed_at: '2026-03-02T09:03:00.000Z' });
  });

  it('counts a new deadline item as a change, and a changed item as news only', () => {
    const book = new AlertBook();
    const item = {
      kind: 'case' as const,
      item_id: 'z1',
      due_at: '2026-03-10T22:59:59.999Z',
      working_days_left: 3,
      status: 'at_risk' as const,
    };
    const deadline = { for_seconds: 0, value: null, threshold: null, items: [item], items_total: 1 };
    run(book, '09:00', [observation(deadline)]);
    const [later] = run(book, '10:00', [
      observation({ ...deadline, items: [{ ...item, working_days_left: 2 }] }),
    ]);
    expect(later?.changed_at).toBe('2026-03-02T09:00:00.000Z');
    const items = [item, { ...item, item_id: 'z2' }];
    const [grown] = run(book, '11:00', [observation({ ...deadline, items, items_total: 2 })]);
    expect(grown?.changed_at).toBe('2026-03-02T11:00:00.000Z');
  });

  it('publishes acknowledgement, silence, mute and escalation status as it changes', () => {
    const book = new AlertBook();
    const none = { acknowledgement: null, silenced_by: [], muted_by: [], escalated_at: null };
    run(book, '09:00', [observation({ for_seconds: 0 })], { status: () => none });
    const silenced = { ...none, silenced_by: ['s1'] };
    expect(run(book, '09:01', [observation()], { status: () => silenced })).toMatchObject([
      { silenced_by: ['s1'], updated_at: '2026-03-02T09:01:00.000Z' },
    ]);
    expect(run(book, '09:02', [observation()], { status: () => silenced })).toEqual([]);
  });

  it('is restored from its published messages and carries on from there', () => {
    const book = new AlertBook();
    const published = [
      ...run(book, '09:00', [observation({ for_seconds: 0 })]),
      ...run(book, '09:10', [observation({ active: false })]),
    ];
    const restored = AlertBook.restore(published);
    expect(restored.alerts()).toEqual(book.alerts());
    expect(run(restored, '09:30', [observation({ for_seconds: 0 })])).toMatchObject([{ occurrence: 2 }]);
  });
});
