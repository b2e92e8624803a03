import { type AlertRule, alertRule } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { halfHourOutlook, halfHourWindow, phoneHalfHourKind } from '../../src/rules/phone-half-hour.js';
import { inMemoryView, norm, snapshot } from '../support/view.js';

const AS_OF = '2026-12-07T09:20:00.000Z';
const NOW = new Date(AS_OF);

const rule = (patch: Record<string, unknown> = {}) =>
  alertRule.parse({
    rule_id: 'phone-half-hour',
    name: 'Half uur telefoon',
    kind: 'phone_half_hour',
    scope: { kind: 'queue' },
    ...patch,
  }) as Extract<AlertRule, { kind: 'phone_half_hour' }>;

/** Queue kcc at 09:20: 10 minutes left of the half hour, 30 calls in the last 15 minutes (2 a minute). */
const kcc = (answeredWithinNorm: number, queued = 40, abandonedShort = 0, asOf = AS_OF) =>
  snapshot('phone', {
    as_of: asOf,
    scope: { kind: 'queue', id: 'kcc' },
    windows: {
      '15m': { queued: 30, handling: { count: 30, mean: 180 } },
      half_hour: { queued, abandoned_short: abandonedShort, answered_within_norm: answeredWithinNorm },
    },
  });

const evaluate = (r: ReturnType<typeof rule>, s: ReturnType<typeof kcc>, view = {}, now = NOW) =>
  phoneHalfHourKind.evaluate(r, inMemoryView({ snapshots: [s], ...view }), now, new Set(), undefined);

describe('phone half hour', () => {
  it('computes the best reachable level: (A + R) ÷ (O + R), R from the arrival rate and the minutes left', () => {
    const s = kcc(20, 42, 2);
    const half = halfHourWindow(s);
    if (half === undefined) throw new Error('the test snapshot has a half_hour window');
    // A = 20, O = 42 − 2 = 40, R = 2/min × 10 min = 20: 40 ÷ 60.
    expect(halfHourOutlook(s, half)).toEqual({
      A: 20,
      O: 40,
      R: 20,
      minutesLeft: 10,
      bestReachable: 40 / 60,
    });
  });

  it('is active once the target is lost whatever happens, and says so with its inputs', () => {
    const [obs] = evaluate(rule(), kcc(20));
    expect(obs).toMatchObject({
      active: true,
      value: 40 / 60,
      threshold: 0.8,
      unit: 'share',
      domain: 'phone',
      labels: { queue: 'kcc', domain: 'phone' },
    });
    for (const input of ['A = 20', 'O = 40', 'R = 20.0', '10.0 min over', 'Erlang C'])
      expect(obs?.description).toContain(input);
    // 35 answered in time: (35 + 20) ÷ 60 ≈ 92 % is still reachable.
    expect(evaluate(rule(), kcc(35))[0]?.active).toBe(false);
  });

  it("takes the target from the rule, else the queue's phone_service_level norm share, else 80 %", () => {
    const norms = [
      norm({
        kpi: 'phone_service_level',
        target: 30,
        unit: 'seconds',
        share: 0.6,
        scope: { kind: 'queue', id: 'kcc' },
      }),
    ];
    expect(evaluate(rule(), kcc(20), { norms })[0]).toMatchObject({ active: false, threshold: 0.6 });
    expect(evaluate(rule({ target_share: 0.5 }), kcc(20))[0]).toMatchObject({
      active: false,
      threshold: 0.5,
    });
  });

  it('stays quiet until min_offered calls were offered', () => {
    expect(evaluate(rule({ min_offered: 5 }), kcc(0, 4))[0]?.active).toBe(false);
  });

  it('says nothing about a half hour that is over, or without the half_hour window', () => {
    expect(evaluate(rule(), kcc(20), {}, new Date('2026-12-07T09:31:00.000Z'))).toEqual([]);
    const noHalf = snapshot('phone', { as_of: AS_OF, scope: { kind: 'queue', id: 'kcc' } });
    delete (noHalf.windows as Partial<Record<string, unknown>>).half_hour;
    expect(evaluate(rule(), noHalf)).toEqual([]);
  });
});
