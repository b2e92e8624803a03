import { makeEvent, type PayloadInput, TEST_TENANT as TENANT } from '@stuurwiel/infra/testing';
import { describe, expect, it } from 'vitest';
import { createSurveyStore, redactComment, satisfaction } from '../../src/state/index.js';

/** A counter survey response on a 1–5 scale at 10:15; the event id only when it must differ. */
const responded = (payload: Omit<PayloadInput<'survey.responded'>, 'channel' | 'scale'>, eventId?: string) =>
  makeEvent(
    'survey.responded',
    '2026-03-02T10:15:00+01:00',
    { channel: 'counter', scale: { min: 1, max: 5 }, ...payload },
    eventId === undefined ? {} : { event_id: eventId },
  );

describe('survey store', () => {
  it('derives one fact per response, without the comment', () => {
    const store = createSurveyStore();
    const out = store.apply(
      responded({
        response_id: 'R1',
        score: 4,
        product_id: 'paspoort',
        location_id: 'stadhuis',
        comment: 'Snel geholpen, bel me op 06-12345678 of mail jan@example.nl',
      }),
    );
    expect(out.facts).toEqual([
      {
        tenant: TENANT,
        response_id: 'R1',
        occurred_at: '2026-03-02T09:15:00.000Z',
        channel: 'counter',
        product_id: 'paspoort',
        location_id: 'stadhuis',
        team_id: null,
        score: 4,
        scale_min: 1,
        scale_max: 5,
        satisfied: true,
        dissatisfied: false,
      },
    ]);
    expect(out.comments).toEqual([
      {
        tenant: TENANT,
        response_id: 'R1',
        occurred_at: '2026-03-02T09:15:00.000Z',
        channel: 'counter',
        product_id: 'paspoort',
        location_id: 'stadhuis',
        team_id: null,
        comment: 'Snel geholpen, bel me op [nummer] of mail [e-mail]',
      },
    ]);
    expect(JSON.stringify(out.facts)).not.toContain('Snel');
  });

  it('drops a redelivered response, also under a new event id', () => {
    const store = createSurveyStore();
    expect(store.apply(responded({ response_id: 'R1', score: 2 })).facts).toHaveLength(1);
    expect(store.apply(responded({ response_id: 'R1', score: 2 }))).toEqual({ facts: [], comments: [] });
    expect(store.apply(responded({ response_id: 'R1', score: 2 }, 'other-id')).facts).toEqual([]);
    const copy = createSurveyStore();
    copy.restore(store.snapshot());
    expect(copy.apply(responded({ response_id: 'R1', score: 2 })).facts).toEqual([]);
    expect(copy.apply(responded({ response_id: 'R2', score: 2 })).facts).toHaveLength(1);
  });

  it('puts the satisfied and dissatisfied borders where domain.md says, on every scale', () => {
    const on = (min: number, max: number) =>
      Array.from({ length: max - min + 1 }, (_, i) => min + i).map((s) => {
        const { satisfied, dissatisfied } = satisfaction(s, min, max);
        return satisfied ? '+' : dissatisfied ? '-' : '0';
      });
    expect(on(1, 5).join('')).toBe('-00++'); // 4–5 satisfied, 1 dissatisfied
    expect(on(0, 10).join('')).toBe('---00000+++'); // ≥ 7.5 and < 2.5
    expect(on(1, 10).join('')).toBe('---0000+++'); // (s−1)/9: 8 is 0.78, 3 is 0.22
    expect(satisfaction(7.5, 0, 10).satisfied).toBe(true);
  });

  it('ignores other events and empty comments', () => {
    const store = createSurveyStore();
    expect(store.apply(responded({ response_id: 'R3', score: 5, comment: '   ' })).comments).toEqual([]);
    expect(redactComment('IBAN NL91 ABNA 0417 1643 00, BSN 123456782')).toBe('IBAN [iban], BSN [nummer]');
  });
});
