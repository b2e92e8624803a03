import type { AlertRule } from '@stuurwiel/schemas';
import { alertRule } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { alertFingerprint } from '../../src/rules/fingerprint.js';
import { thresholdKind as threshold } from '../../src/rules/threshold.js';
import { inMemoryView, snapshot, TENANT } from '../support/view.js';
import { thresholdInput } from './fixtures.js';

const NOW = new Date('2026-12-07T09:00:00.000Z');
const AS_OF = NOW.toISOString();

const rule = (patch: Record<string, unknown> = {}) =>
  alertRule.parse(thresholdInput({ recovery: 540, for_seconds: 300, min_count: 5, ...patch })) as Extract<
    AlertRule,
    { kind: 'threshold' }
  >;

const location = (id: string, p90: number | null, count = 10) =>
  snapshot('counter', {
    as_of: AS_OF,
    scope: { kind: 'location', id },
    windows: { '15m': { wait_walk_in: { count, p90 } } },
  });

const evaluate = (r: ReturnType<typeof rule>, snaps: ReturnType<typeof location>[], firing: string[] = []) =>
  threshold.evaluate(r, inMemoryView({ snapshots: snaps }), NOW, new Set(firing), undefined);

describe('threshold rule', () => {
  it('gives one observation per scope, labelled with tenant, rule, domain and scope', () => {
    const obs = evaluate(rule(), [location('centrum', 700), location('oost', 300)]);
    expect(obs.map((o) => [o.labels, o.active, o.value])).toEqual([
      [{ tenant: TENANT, rule_id: 'counter-wait-p90', domain: 'counter', location: 'centrum' }, true, 700],
      [{ tenant: TENANT, rule_id: 'counter-wait-p90', domain: 'counter', location: 'oost' }, false, 300],
    ]);
    expect(obs[0]?.fingerprint).toBe(alertFingerprint(obs[0]?.labels ?? {}));
    expect(obs[0]).toMatchObject({ for_seconds: 300, unit: 'seconds', threshold: 600, domain: 'counter' });
    expect(obs[0]?.summary).toContain('11 min 40 s');
  });

  it('reads only the scope id the rule names', () => {
    const obs = evaluate(rule({ scope: { kind: 'location', id: 'oost' } }), [
      location('centrum', 700),
      location('oost', 300),
    ]);
    expect(obs.map((o) => o.labels.location)).toEqual(['oost']);
  });

  it('does not flap: a firing alert stays active until the value is back past the recovery level', () => {
    const r = rule();
    const [first] = evaluate(r, [location('centrum', 700)]);
    const fp = first?.fingerprint ?? '';
    // 580 s: below the threshold, above the recovery level.
    expect(evaluate(r, [location('centrum', 580)])[0]?.active).toBe(false);
    expect(evaluate(r, [location('centrum', 580)], [fp])[0]?.active).toBe(true);
    expect(evaluate(r, [location('centrum', 540)], [fp])[0]?.active).toBe(false);
  });

  it('without a recovery level resolves at the threshold itself', () => {
    const r = rule({ recovery: undefined });
    const fp = evaluate(r, [location('centrum', 700)])[0]?.fingerprint ?? '';
    expect(evaluate(r, [location('centrum', 600)], [fp])[0]?.active).toBe(false);
  });

  it('says nothing on a window with fewer items than min_count or without a value', () => {
    expect(evaluate(rule(), [location('centrum', 900, 4)])[0]?.active).toBe(false);
    expect(evaluate(rule(), [location('centrum', 900, 4)])[0]?.description).toContain('te weinig');
    expect(evaluate(rule(), [location('centrum', null)])[0]?.active).toBe(false);
  });

  it('takes the calls offered as the count beside a phone window figure, and fires below a threshold', () => {
    const r = rule({
      rule_id: 'phone-sl',
      domain: 'phone',
      scope: { kind: 'queue' },
      metric: 'windows.15m.service_level',
      operator: 'below',
      threshold: 0.8,
      recovery: 0.85,
      min_count: 10,
    });
    const queue = (queued: number, service_level: number) =>
      snapshot('phone', {
        as_of: AS_OF,
        scope: { kind: 'queue', id: 'kcc' },
        windows: { '15m': { queued, service_level } },
      });
    const view = (s: ReturnType<typeof queue>) => inMemoryView({ snapshots: [s] });
    expect(threshold.evaluate(r, view(queue(20, 0.7)), NOW, new Set(), undefined)[0]).toMatchObject({
      active: true,
      unit: 'share',
      labels: { queue: 'kcc', domain: 'phone' },
    });
    expect(threshold.evaluate(r, view(queue(9, 0.5)), NOW, new Set(), undefined)[0]?.active).toBe(false);
  });

  it('labels the team the rule names, but a team snapshot keeps its own', () => {
    const r = rule({ team: 'balie-noord' });
    expect(evaluate(r, [location('centrum', 700)])[0]?.labels.team).toBe('balie-noord');
    const teamRule = alertRule.parse({
      rule_id: 'cases-overdue',
      name: 'Achterstand',
      kind: 'threshold',
      domain: 'cases',
      scope: { kind: 'team' },
      metric: 'now.overdue',
      operator: 'above',
      threshold: 0,
      team: 'leiding',
    }) as Extract<AlertRule, { kind: 'threshold' }>;
    const teams = ['a', 'b'].map((id) =>
      snapshot('cases', { as_of: AS_OF, scope: { kind: 'team', id }, now: { overdue: 2 } }),
    );
    const obs = threshold.evaluate(teamRule, inMemoryView({ snapshots: teams }), NOW, new Set(), undefined);
    expect(obs.map((o) => o.labels.team)).toEqual(['a', 'b']);
    expect(new Set(obs.map((o) => o.fingerprint)).size).toBe(2);
  });
});
