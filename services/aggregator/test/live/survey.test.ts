import { describe, expect, it } from 'vitest';
import type { SurveyResponse } from '../../src/live/inputs.js';
import { computeSurveySnapshots, isDissatisfied, isSatisfied } from '../../src/live/survey.js';
import { parsedByKey, pick, stamp, TENANT } from './helpers.js';

const AS_OF = '2026-03-02T09:00:00Z';
const five = { min: 1, max: 5 };
const r = (id: string, at: string, score: number, p: Partial<SurveyResponse> = {}): SurveyResponse => ({
  response_id: id,
  occurred_at: at,
  channel: 'counter',
  location_id: null,
  team_id: null,
  score,
  scale: five,
  ...p,
});

const responses = [
  r('R1', '2026-03-02T08:50:00Z', 5, { location_id: 'L1' }),
  r('R2', '2026-03-02T08:30:00Z', 4, { channel: 'phone', team_id: 'T' }),
  r('R3', '2026-03-02T08:55:00Z', 3, { channel: 'phone' }),
  r('R4', '2026-03-02T07:00:00Z', 1, { channel: 'email', team_id: 'T' }),
  r('R5', '2026-03-02T08:59:00Z', 8, { location_id: 'L1', scale: { min: 1, max: 10 } }),
  r('R6', '2026-03-02T08:46:00Z', 2, { location_id: 'L1', scale: { min: 0, max: 10 } }),
  r('OLD', '2026-03-01T22:59:00Z', 1), // yesterday 23:59 in Amsterdam
];

describe('satisfied and dissatisfied by the share of the scale', () => {
  it('1–5: 4 and 5 satisfied, 1 dissatisfied', () => {
    expect([1, 2, 3, 4, 5].map((score) => isSatisfied({ score, scale: five }))).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
    expect([1, 2, 3, 4, 5].map((score) => isDissatisfied({ score, scale: five }))).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
  });
  it('1–10: 8 and up satisfied (7/9 ≥ 0.75), 3 and down dissatisfied (2/9 < 0.25)', () => {
    const ten = { min: 1, max: 10 };
    expect(isSatisfied({ score: 7, scale: ten })).toBe(false);
    expect(isSatisfied({ score: 8, scale: ten })).toBe(true);
    expect(isDissatisfied({ score: 3, scale: ten })).toBe(true);
    expect(isDissatisfied({ score: 4, scale: ten })).toBe(false);
  });
  it('0–10: 7.5 is exactly the satisfied edge, 2.5 is not dissatisfied', () => {
    const ten = { min: 0, max: 10 };
    expect(isSatisfied({ score: 7.5, scale: ten })).toBe(true);
    expect(isDissatisfied({ score: 2.5, scale: ten })).toBe(false);
    expect(isDissatisfied({ score: 2, scale: ten })).toBe(true);
  });
});

const channels = (counts: Partial<Record<string, number>>) => ({
  counter: 0,
  phone: 0,
  email: 0,
  post: 0,
  web_form: 0,
  chat: 0,
  video: 0,
  ...counts,
});
const scale = (min: number, max: number, responses: number, mean_score: number) => ({
  min,
  max,
  responses,
  mean_score,
});
const noScores = { mean_score: null, scale: null, by_scale: [] };

describe('computeSurveySnapshots', () => {
  const byKey = parsedByKey(computeSurveySnapshots(TENANT, { responses }, AS_OF, stamp));

  it('tenant windows with shares, scores per scale and responses per channel', () => {
    const t = pick(byKey, 'GM0363|survey|tenant|');
    expect(t.now).toEqual({});
    expect(t.windows).toEqual({
      '15m': {
        responses: 4,
        satisfied: 2,
        dissatisfied: 1,
        satisfied_share: 0.5,
        dissatisfied_share: 0.25,
        // R6 2 of 0–10; R1 5 and R3 3 of 1–5; R5 8 of 1–10: three scales, so no one mean
        mean_score: null,
        scale: null,
        by_scale: [scale(0, 10, 1, 2), scale(1, 5, 2, 4), scale(1, 10, 1, 8)],
        responses_by_channel: channels({ counter: 3, phone: 1 }),
      },
      // 10:00 sharp: the half hour has only just begun.
      half_hour: {
        responses: 0,
        satisfied: 0,
        dissatisfied: 0,
        satisfied_share: null,
        dissatisfied_share: null,
        mean_score: null,
        scale: null,
        by_scale: [],
        responses_by_channel: channels({}),
      },
      '1h': {
        responses: 5,
        satisfied: 3,
        dissatisfied: 1,
        satisfied_share: 0.6,
        dissatisfied_share: 0.2,
        mean_score: null,
        scale: null,
        by_scale: [scale(0, 10, 1, 2), scale(1, 5, 3, 4), scale(1, 10, 1, 8)],
        responses_by_channel: channels({ counter: 3, phone: 2 }),
      },
      today: {
        responses: 6,
        satisfied: 3,
        dissatisfied: 2,
        satisfied_share: 0.5,
        dissatisfied_share: 2 / 6,
        mean_score: null,
        scale: null,
        by_scale: [scale(0, 10, 1, 2), scale(1, 5, 4, 3.25), scale(1, 10, 1, 8)],
        responses_by_channel: channels({ counter: 3, phone: 2, email: 1 }),
      },
    });
  });

  it('one scale in the window: the mean score on that scale, beside the shares', () => {
    expect(pick(byKey, 'GM0363|survey|channel|phone').windows['1h']).toMatchObject({
      responses: 2,
      mean_score: 3.5, // R2 4, R3 3 of 1–5
      scale: { min: 1, max: 5 },
      by_scale: [scale(1, 5, 2, 3.5)],
      responses_by_channel: channels({ phone: 2 }),
    });
  });

  it('channel, location and team scopes', () => {
    expect([...byKey.keys()]).toEqual([
      'GM0363|survey|tenant|',
      'GM0363|survey|channel|counter',
      'GM0363|survey|channel|email',
      'GM0363|survey|channel|phone',
      'GM0363|survey|location|L1',
      'GM0363|survey|team|T',
    ]);
    expect(pick(byKey, 'GM0363|survey|location|L1').windows['15m']).toEqual({
      responses: 3,
      satisfied: 2,
      dissatisfied: 1,
      satisfied_share: 2 / 3,
      dissatisfied_share: 1 / 3,
      mean_score: null,
      scale: null,
      by_scale: [scale(0, 10, 1, 2), scale(1, 5, 1, 5), scale(1, 10, 1, 8)],
      responses_by_channel: channels({ counter: 3 }),
    });
    expect(pick(byKey, 'GM0363|survey|team|T').windows.today).toMatchObject({
      responses: 2,
      satisfied: 1,
      dissatisfied: 1,
    });
    // email's only response (07:00Z) is outside 1h: no responses, so the shares are null
    expect(pick(byKey, 'GM0363|survey|channel|email').windows['1h']).toEqual({
      responses: 0,
      satisfied: 0,
      dissatisfied: 0,
      satisfied_share: null,
      dissatisfied_share: null,
      ...noScores,
      responses_by_channel: channels({}),
    });
  });
});
