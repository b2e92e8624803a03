import { afterAll, describe, expect, it } from 'vitest';
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
    expect(JSON.stringify(letters[0]!.errors)).not.toMatch(/Piet|woont/);
    expect(text).toContain('at character 27');
  });

  it('that ends too early', async () => {
    const { res } = await postAndRead(ingest, '/v1/sources/survey', '[{"comment":');
    expect(res.json().reason).toBe('body is not valid JSON (it ends too early)');
  });
});
