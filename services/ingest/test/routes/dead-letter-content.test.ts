import { afterAll, describe, expect, it } from 'vitest';
import { fingerprinter } from '../../src/privacy/pseudonymise.js';
import { zgwRoute } from '../../src/routes/zgw.js';
import { TENANT } from '../credentials-fixture.js';
import { surveyResponseFixture } from '../source-fixtures.js';
import { recordingIngest } from './app-fixture.js';

/** What the request's answer and its dead letters say, as one text. */
async function postAndRead(
  ingest: ReturnType<typeof recordingIngest>,
  url: string,
  body: string,
  type?: string,
) {
  const before = ingest.published.length;
  const res = await ingest.post(url, body, type);
  const letters = ingest.published.slice(before).flatMap((p) => p.deadLetters);
  return { res, letters, text: `${res.body}\n${JSON.stringify(letters)}` };
}

describe('a body that is not JSON is described by where it fails, never by its text', () => {
  const ingest = recordingIngest();
  afterAll(() => ingest.app.close());

  it('of an adapter route', async () => {
    const { res, letters, text } = await postAndRead(
      ingest,
      '/v1/sources/qmatic/events',
      '[{"event":"VISIT_CALL","staffUserName": Jan de Vries}]',
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().reason).toBe('body is not valid JSON (at character 40)');
    expect(letters).toHaveLength(1);
    expect(text).not.toMatch(/Jan|Vri/);
  });

  it('of an NDJSON line', async () => {
    const { res, letters, text } = await postAndRead(
      ingest,
      '/v1/events',
      '{"event_id":"x","comment": Piet Pietersen woont hier}',
      'application/x-ndjson',
    );
    expect(res.statusCode).toBe(422);
    expect(letters[0]!.errors).toEqual([{ path: '', reason: 'line is not valid JSON (at character 27)' }]);
    expect(letters[0]!.original).toEqual({ length: 53, body_hmac: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(text).toContain('at character 27');
  });

  it('that ends too early', async () => {
    const { res } = await postAndRead(ingest, '/v1/sources/survey', '[{"comment":');
    expect(res.json().reason).toBe('body is not valid JSON (it ends too early)');
  });
});

/** Names and numbers posted where the adapters expect something else; none may come back. */
const PERSONAL = /Jan|Vries|PIETERSEN|Klaas|HENK|0612345678|Piet|Henk|Karel|Appel|1234 5678/i;

describe('reasons and dead letters of adapter routes name a field and its shape, never its value', () => {
  const ingest = recordingIngest();
  afterAll(() => ingest.app.close());

  it('Asterisk', async () => {
    const lines = [
      'Jan de Vries|1.1|kcc|NONE|ENTERQUEUE|0612345678|1',
      '1772439041|1.1|kcc|NONE|PIETERSEN|x',
      '1772439041|1.1|kcc|SIP/100|CONNECT|Klaas Klaassen|1.1|3',
      '1772439041|1.1|kcc|SIP/100|ATTENDEDTRANSFER|HENK DE BOER|x|1|2',
      '1772439041|Piet Pietersen|kcc|NONE|FOO',
    ];
    const { res, letters, text } = await postAndRead(
      ingest,
      '/v1/sources/asterisk/queue-log',
      lines.join('\n'),
      'text/plain',
    );
    expect(res.statusCode).toBe(422);
    expect(letters).toHaveLength(5);
    expect(res.json().rejected.map((r: { path: string }) => r.path)).toEqual([
      'line.epoch',
      'line.event',
      'line.data.holdtime',
      'line.data.method',
      'line.event',
    ]);
    expect(text).toContain('got 12 characters (letters, spaces)');
    expect(text).not.toMatch(PERSONAL);
  });

  it('Qmatic', async () => {
    const { res, text } = await postAndRead(
      ingest,
      '/v1/sources/qmatic/events',
      JSON.stringify([{ event: 'JAN_DE_VRIES', eventTime: '2026-03-02T09:07:40+01:00', branchId: 1 }]),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().rejected[0]).toEqual({
      index: 0,
      path: 'event',
      reason: expect.stringMatching(
        /^unknown event of 12 characters \(letters, other characters\); expected/,
      ),
    });
    expect(text).not.toMatch(PERSONAL);
  });
});

describe('a dead letter keeps a field only when its value has the form the adapter reads', () => {
  const ingest = recordingIngest();
  afterAll(() => ingest.app.close());
  const visit = { event: 'VISIT_CREATE', eventTime: '2026-03-02T09:07:40+01:00', branchId: 12, queueId: 3 };

  it('Qmatic: an object under an id is left out, services become their ids', async () => {
    const { letters, text } = await postAndRead(
      ingest,
      '/v1/sources/qmatic/events',
      JSON.stringify([
        { ...visit, visitId: { customer: 'Piet Pietersen', phone: '06 - 1234 5678' } },
        {
          ...visit,
          visitId: 1,
          eventTime: 'gisteren',
          services: [{ id: 7, customerName: 'Klaas Klaassen' }],
        },
      ]),
    );
    // Ids as the adapter reads them: strings.
    const ids = { branchId: '12', queueId: '3' };
    expect(letters.map((l) => (l.original as { fields: unknown }).fields)).toEqual([
      { ...visit, ...ids, visitId: '(left out: an object)' },
      { ...visit, ...ids, visitId: '1', eventTime: '(left out: 8 characters (letters))', services: ['7'] },
    ]);
    expect(text).not.toMatch(PERSONAL);
  });

  it('survey: an object under the response id is left out', async () => {
    const { letters, text } = await postAndRead(
      ingest,
      '/v1/sources/survey',
      JSON.stringify([{ response_id: { name: 'Henk de Boer' }, score: 4 }]),
    );
    expect((letters[0]!.original as { fields: unknown }).fields).toMatchObject({
      response_id: '(left out: an object)',
      score: 4,
    });
    expect(text).not.toMatch(PERSONAL);
  });

  it('ZGW: an object where a URL belongs is left out', () => {
    const fields = zgwRoute.deadLetterFields!(
      {
        kanaal: 'zaken',
        hoofdObject: { naam: 'Karel Appel' },
        resource: 'zaak',
        kenmerken: { bronorganisatie: '123456782', zaaktype: { omschrijving: 'Karel Appel' } },
      },
      undefined as never,
    );
    expect(fields).toEqual({
      kanaal: 'zaken',
      hoofdObject: '(left out: an object)',
      resource: 'zaak',
      kenmerken: { bronorganisatie: '123456782', zaaktype: '(left out: an object)' },
    });
  });
});

describe("a dead letter's length and keyed hash are of the record as it was sent", () => {
  const ingest = recordingIngest();
  afterAll(() => ingest.app.close());
  const fingerprint = fingerprinter(ingest.credentials.tenants[TENANT]!.pseudonym_secret);

  it.each([
    ['/v1/sources/survey', { ...surveyResponseFixture, score: 11, comment: 'bel 06-12345678' }],
    [
      '/v1/sources/qmatic/events',
      { event: 'VISIT_CALL', eventTime: 'gisteren', branchId: 1, staffUserName: 'Jan de Vries' },
    ],
  ])('%s', async (url, record) => {
    const { letters } = await postAndRead(ingest, url, JSON.stringify([record]));
    const sent = JSON.stringify(record);
    expect(letters[0]!.original).toMatchObject({ length: sent.length, body_hmac: fingerprint(sent) });
  });
});
