import { readFileSync } from 'node:fs';
import { deriveEventId, validateEvent } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { translateSurveyResponses } from '../../src/adapters/survey/index.js';
import type { AdapterContext } from '../../src/adapters/types.js';

const TENANT = 'GM0363';
const ctx: AdapterContext = {
  tenant: TENANT,
  now: new Date('2026-03-30T12:00:00Z'),
  fingerprint: (text) => `fingerprint:${text.length}`,
  pseudonymise() {
    throw new Error('survey responses carry no personal keys');
  },
};
const responses: unknown[] = JSON.parse(readFileSync(new URL('./responses.json', import.meta.url), 'utf8'));

describe('survey responses', () => {
  const records = translateSurveyResponses(responses, ctx);

  it('become survey.responded events with comments redacted', () => {
    expect(records.map((r) => r.errors)).toEqual([[], [], [], [], []]);
    expect(records.map((r) => r.events)).toEqual([
      [
        {
          spec_version: 1,
          event_id: deriveEventId(TENANT, 'survey', 'survey', 'R-2026-0001', 'responded'),
          tenant: TENANT,
          source: { system: 'survey', vendor: 'survey' },
          occurred_at: '2026-03-02T09:30:12+01:00',
          type: 'survey.responded',
          payload: {
            response_id: 'R-2026-0001',
            channel: 'counter',
            product_id: 'paspoort',
            location_id: 'stadsloket-centrum',
            team_id: 'burgerzaken',
            score: 5,
            scale: { min: 1, max: 5 },
            comment: 'Snel geholpen, heel vriendelijk!',
          },
        },
      ],
      [
        {
          spec_version: 1,
          event_id: deriveEventId(TENANT, 'mijnkto', 'survey', '10002', 'responded'),
          tenant: TENANT,
          source: { system: 'survey', vendor: 'mijnkto' },
          occurred_at: '2026-03-02T10:02:00Z',
          type: 'survey.responded',
          payload: {
            response_id: '10002',
            channel: 'phone',
            team_id: 'kcc',
            score: 3,
            scale: { min: 0, max: 10 },
            comment: 'Bel me terug op [phone] of mail [e-mail], mijn BSN is [BSN].',
          },
        },
      ],
      [
        {
          spec_version: 1,
          event_id: deriveEventId(TENANT, 'survey', 'survey', 'R-2026-0003', 'responded'),
          tenant: TENANT,
          source: { system: 'survey', vendor: 'survey' },
          occurred_at: '2026-03-29T14:00:00+02:00',
          type: 'survey.responded',
          payload: {
            response_id: 'R-2026-0003',
            channel: 'web_form',
            product_id: 'melding-openbare-ruimte',
            score: 1,
            scale: { min: 1, max: 5 },
            comment: 'Lantaarnpaal voor [address] is al weken kapot.',
          },
        },
      ],
      [
        {
          spec_version: 1,
          event_id: deriveEventId(TENANT, 'survey', 'survey', 'R-2026-0004', 'responded'),
          tenant: TENANT,
          source: { system: 'survey', vendor: 'survey' },
          occurred_at: '2026-03-02T11:00:00+01:00',
          type: 'survey.responded',
          payload: { response_id: 'R-2026-0004', channel: 'email', score: 7.5, scale: { min: 1, max: 10 } },
        },
      ],
      [
        {
          spec_version: 1,
          event_id: deriveEventId(TENANT, 'survey', 'survey', 'R-2026-0005', 'responded'),
          tenant: TENANT,
          source: { system: 'survey', vendor: 'survey' },
          occurred_at: '2026-03-02T11:05:00+01:00',
          type: 'survey.responded',
          payload: {
            response_id: 'R-2026-0005',
            channel: 'chat',
            score: 4,
            scale: { min: 1, max: 5 },
            comment: '[e-mail]',
          },
        },
      ],
    ]);
  });

  it('passes the canonical schema', () => {
    for (const event of records.flatMap((r) => r.events))
      expect(validateEvent(event)).toMatchObject({ ok: true });
  });

  it('keeps no personal data in the originals either', () => {
    const out = JSON.stringify(records);
    expect(out).not.toContain('06-12345678');
    expect(out).not.toContain('jan.jansen@example.nl');
    expect(out).not.toContain('111222333');
    expect(records[1]!.original).toMatchObject({
      comment: 'Bel me terug op [phone] of mail [e-mail], mijn BSN is [BSN].',
    });
  });

  it('takes one object as one record', () => {
    const [record] = translateSurveyResponses(responses[0], ctx);
    expect(record!.index).toBe(0);
    expect(record!.events).toEqual(records[0]!.events);
  });

  it('cuts a comment to the canonical 2000 characters', () => {
    const [record] = translateSurveyResponses(
      { ...(responses[0] as object), comment: 'a'.repeat(2500) },
      ctx,
    );
    expect((record!.events[0]!.payload as { comment: string }).comment).toBe('a'.repeat(2000));
  });

  it('drops a comment that is only blanks', () => {
    const [record] = translateSurveyResponses({ ...(responses[0] as object), comment: '   ' }, ctx);
    expect(record!.events[0]!.payload).not.toHaveProperty('comment');
  });
});

describe('survey rejects', () => {
  const ok = {
    response_id: 'R-1',
    answered_at: '2026-03-02T09:30:12+01:00',
    channel: 'counter',
    score: 4,
    scale: { min: 1, max: 5 },
  };

  it.each([
    [
      'a score above the scale',
      { ...ok, score: 7 },
      [{ path: 'score', reason: 'must lie within the scale 1–5, got 7' }],
    ],
    [
      'a score below the scale',
      { ...ok, score: 0, scale: { min: 1, max: 10 } },
      [{ path: 'score', reason: 'must lie within the scale 1–10, got 0' }],
    ],
    ['a score as text', { ...ok, score: '4' }, [{ path: 'score', reason: 'must be a number' }]],
    [
      'a scale of 2 to 7',
      { ...ok, scale: { min: 2, max: 7 } },
      [
        { path: 'scale.min', reason: 'must be 0 or 1' },
        { path: 'scale.max', reason: 'must be 5 or 10' },
      ],
    ],
    [
      'a scale as text',
      { ...ok, scale: '1-5' },
      [{ path: 'scale', reason: 'must be an object such as {"min": 1, "max": 5}' }],
    ],
    [
      'missing fields',
      { channel: 'counter' },
      [
        { path: 'response_id', reason: 'required' },
        { path: 'answered_at', reason: 'required' },
        { path: 'score', reason: 'required' },
        { path: 'scale', reason: 'required' },
      ],
    ],
    [
      'an unknown channel',
      { ...ok, channel: 'balie' },
      [{ path: 'channel', reason: 'must be one of counter, phone, email, post, web_form, chat, video' }],
    ],
    [
      'a local time',
      { ...ok, answered_at: '2026-03-02 09:30' },
      [
        {
          path: 'answered_at',
          reason: 'must be an ISO 8601 date-time with offset or Z, e.g. 2026-03-02T09:00:00+01:00',
        },
      ],
    ],
    [
      'an unknown field (a name sent along)',
      { ...ok, respondent_name: 'Jan Jansen' },
      [
        {
          path: 'respondent_name',
          reason: 'unknown field; personal data such as names or e-mail addresses may not be sent',
        },
      ],
    ],
    ['a comment that is not text', { ...ok, comment: 42 }, [{ path: 'comment', reason: 'must be a string' }]],
    [
      'a response id of the wrong type',
      { ...ok, response_id: { id: 1 } },
      [
        {
          path: 'response_id',
          reason: 'must be a string or a whole number',
        },
      ],
    ],
    [
      'an empty response id',
      { ...ok, response_id: ' ' },
      [{ path: 'response_id', reason: 'must not be empty' }],
    ],
    [
      'a record that is not an object',
      5,
      [{ path: '', reason: 'must be a JSON object (one survey response)' }],
    ],
  ])('rejects %s', (_name, input, errors) => {
    const [record] = translateSurveyResponses([input], ctx);
    expect(record!.events).toEqual([]);
    expect(record!.errors).toEqual(errors);
  });
});
