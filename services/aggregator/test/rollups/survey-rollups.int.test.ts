import { type Db, sql } from '@stuurwiel/clickhouse';
import { useTestDatabase } from '@stuurwiel/infra/testing';
import { describe, expect, it } from 'vitest';
import { insertSurveyComments, insertSurveyFacts } from '../../src/facts/store.js';
import type { SurveyComment, SurveyFact } from '../../src/facts/types.js';
import { recomputeSurveyRollups, surveyRollupDays } from '../../src/rollups/surveys.js';
import { satisfaction } from '../../src/state/surveys.js';

const TENANT = 'GM0599';

const local = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date(iso));

// Responses on two scales, over an Amsterdam midnight, some without product or location.
function facts(): SurveyFact[] {
  return Array.from({ length: 40 }, (_, i) => {
    const [min, max] = i % 2 === 0 ? [1, 5] : [0, 10];
    const score = min + (i % (max - min + 1));
    return {
      tenant: TENANT,
      response_id: `R${i}`,
      occurred_at: new Date(Date.parse('2026-06-10T18:00:00Z') + i * 20 * 60_000).toISOString(),
      channel: i % 3 === 0 ? 'phone' : 'counter',
      product_id: i % 4 === 0 ? null : 'paspoort',
      location_id: i % 3 === 0 ? null : 'stadhuis',
      team_id: null,
      score,
      scale_min: min,
      scale_max: max,
      ...satisfaction(score, min, max),
    } satisfies SurveyFact;
  });
}

function reference(all: SurveyFact[]) {
  const rows = new Map<string, SurveyFact[]>();
  for (const f of all) {
    const key = [
      local(f.occurred_at),
      f.channel,
      f.product_id ?? '',
      f.location_id ?? '',
      f.team_id ?? '',
    ].join('|');
    rows.set(key, [...(rows.get(key) ?? []), f]);
  }
  return [...rows]
    .map(([key, list]) => {
      const [day, channel, product_id, location_id, team_id] = key.split('|');
      return {
        day,
        channel,
        product_id,
        location_id,
        team_id,
        responses: list.length,
        satisfied: list.filter((f) => f.satisfied).length,
        dissatisfied: list.filter((f) => f.dissatisfied).length,
        score_normalised_sum: list.reduce(
          (a, f) => a + (f.score - f.scale_min) / (f.scale_max - f.scale_min),
          0,
        ),
      };
    })
    .sort((a, b) => Object.values(a).join('|').localeCompare(Object.values(b).join('|')));
}

async function rollup(db: Db) {
  const rows = await db.query<Record<string, string | number>>(sql`
    SELECT toString(day) AS day, toString(channel) AS channel, product_id, location_id, team_id,
      responses, satisfied, dissatisfied, score_normalised_sum
    FROM survey_per_day_v1 FINAL WHERE tenant = ${TENANT}`);
  const text = ['day', 'channel', 'product_id', 'location_id', 'team_id'];
  return rows
    .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, text.includes(k) ? v : Number(v)])))
    .sort((a, b) => Object.values(a).join('|').localeCompare(Object.values(b).join('|')));
}

describe('survey rollups from facts', () => {
  const db = useTestDatabase('surveyrollups');

  it('equal a plain calculation per Amsterdam day, and stay equal after a redelivery', async () => {
    const all = facts();
    await insertSurveyFacts(db(), all);
    const days = surveyRollupDays(all);
    expect(days).toEqual(['2026-06-10', '2026-06-11']);
    await recomputeSurveyRollups(db(), TENANT, days, new Date());
    const first = await rollup(db());
    const expected = reference(all);
    expect(first.map(({ score_normalised_sum, ...r }) => r)).toEqual(
      expected.map(({ score_normalised_sum, ...r }) => r),
    );
    first.forEach((row, i) => {
      expect(row.score_normalised_sum).toBeCloseTo(expected[i]!.score_normalised_sum, 9);
    });

    await insertSurveyFacts(db(), all, new Date(Date.now() + 1000));
    await recomputeSurveyRollups(db(), TENANT, days, new Date());
    await recomputeSurveyRollups(db(), TENANT, days, new Date());
    expect(await rollup(db())).toEqual(first);
  });

  it('keeps comments in their own table, one per response', async () => {
    const comment: SurveyComment = {
      tenant: TENANT,
      response_id: 'R1',
      occurred_at: '2026-06-10T18:20:00.000Z',
      channel: 'counter',
      product_id: 'paspoort',
      location_id: 'stadhuis',
      team_id: null,
      comment: 'Vriendelijk geholpen',
    };
    await insertSurveyComments(db(), [comment]);
    await insertSurveyComments(db(), [comment], new Date(Date.now() + 1000));
    const rows = await db().query<{ response_id: string; comment: string }>(
      sql`SELECT response_id, comment FROM survey_comments_v1 FINAL WHERE tenant = ${TENANT}`,
    );
    expect(rows).toEqual([{ response_id: 'R1', comment: 'Vriendelijk geholpen' }]);
  });
});
