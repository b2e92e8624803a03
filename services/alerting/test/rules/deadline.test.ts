import { type AlertRule, alertRule, type DeadlineItem } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { deadlineKind, statusAt } from '../../src/rules/deadline.js';
import { deadlineItem, inMemoryView, TENANT } from '../support/view.js';

// Wednesday 9 December 2026, 10:00 Amsterdam.
const NOW = new Date('2026-12-09T09:00:00.000Z');
// End of a day in Amsterdam (UTC+1 in December).
const endOf = (date: string) => `${date}T22:59:59.999Z`;
const startOf = (date: string) => new Date(Date.parse(`${date}T00:00:00.000Z`) - 3600_000).toISOString();

const rule = (patch: Record<string, unknown> = {}) =>
  alertRule.parse({
    rule_id: 'deadlines-cases',
    name: 'Zaken bij de termijn',
    kind: 'deadline',
    item_kinds: ['case'],
    ...patch,
  }) as Extract<AlertRule, { kind: 'deadline' }>;

const item = (id: string, due: string, atRiskFrom: string | null, patch: Partial<DeadlineItem> = {}) =>
  deadlineItem({
    item_id: id,
    due_at: endOf(due),
    due_date: due,
    at_risk_from: atRiskFrom && startOf(atRiskFrom),
    ...patch,
  });

const evaluate = (r: ReturnType<typeof rule>, items: DeadlineItem[]) =>
  deadlineKind.evaluate(r, inMemoryView({ deadlineItems: items }), NOW, new Set(), undefined);

describe('deadline rule', () => {
  it('computes the status at now from the instants, never from the stale status it was published with', () => {
    expect(statusAt(item('Z1', '2026-12-10', '2026-12-09', { status: 'on_track' }), NOW)).toBe('at_risk');
    expect(statusAt(item('Z2', '2026-12-08', '2026-12-04', { status: 'at_risk' }), NOW)).toBe('overdue');
    expect(statusAt(item('Z3', '2026-12-20', '2026-12-16'), NOW)).toBe('on_track');
    // On the due day itself, up to its last millisecond, an item is not overdue.
    expect(statusAt(item('Z4', '2026-12-08', null), new Date(endOf('2026-12-08')))).toBe('on_track');
  });

  it('never counts a suspended item at risk; one suspended after its deadline stays overdue', () => {
    const suspended = { suspended: true, at_risk_from: null, status: 'suspended' as const };
    expect(statusAt(item('Z5', '2026-12-08', null, suspended), NOW)).toBe('suspended');
    expect(statusAt(item('Z6', '2026-12-01', null, { ...suspended, status: 'overdue' }), NOW)).toBe(
      'overdue',
    );
  });

  it('gives an at-risk and an overdue alert per team and case type, items sorted by deadline', () => {
    const obs = evaluate(rule(), [
      item('Z1', '2026-12-11', '2026-12-09'),
      item('Z2', '2026-12-10', '2026-12-08'),
      item('Z3', '2026-12-08', '2026-12-04'),
      item('Z4', '2026-12-20', '2026-12-16'),
      item('Z5', '2026-12-10', '2026-12-08', { team: 'handhaving' }),
      item('Z6', '2026-12-08', null, { suspended: true, status: 'suspended' }),
    ]);
    const byKey = Object.fromEntries(obs.map((o) => [`${o.labels.team}/${o.labels.status}`, o]));
    expect(Object.keys(byKey).sort()).toEqual([
      'handhaving/at_risk',
      'vergunningen/at_risk',
      'vergunningen/overdue',
    ]);
    expect(byKey['vergunningen/at_risk']).toMatchObject({
      active: true,
      severity: 'warning',
      labels: {
        tenant: TENANT,
        rule_id: 'deadlines-cases',
        team: 'vergunningen',
        case_type: 'omgevingsvergunning',
        status: 'at_risk',
      },
      items_total: 2,
      domain: 'cases',
    });
    expect(byKey['vergunningen/at_risk']?.items.map((i) => [i.item_id, i.status])).toEqual([
      ['Z2', 'at_risk'],
      ['Z1', 'at_risk'],
    ]);
    expect(byKey['vergunningen/overdue']).toMatchObject({ severity: 'critical', items_total: 1 });
    expect(byKey['vergunningen/at_risk']?.summary).toContain('eerste uiterlijk 2026-12-10');
  });

  it('groups callbacks, which have no team, by their queue', () => {
    const callback = item('T1', '2026-12-09', '2026-12-08', {
      kind: 'callback',
      team: null,
      case_type: null,
      queue: 'kcc',
    });
    const obs = evaluate(rule({ item_kinds: ['callback'] }), [
      callback,
      item('Z1', '2026-12-09', '2026-12-08'),
    ]);
    expect(obs.map((o) => o.labels)).toEqual([
      { tenant: TENANT, rule_id: 'deadlines-cases', queue: 'kcc', status: 'at_risk' },
    ]);
    expect(obs[0]?.domain).toBe('phone');
  });

  it('lists at most 500 items and counts them all', () => {
    const items = Array.from({ length: 501 }, (_, i) =>
      item(`Z${String(i).padStart(3, '0')}`, '2026-12-08', '2026-12-04'),
    );
    const [obs] = evaluate(rule(), items);
    expect(obs?.items).toHaveLength(500);
    expect(obs?.items_total).toBe(501);
    expect(obs?.items.at(-1)?.item_id).toBe('Z499');
  });
});
