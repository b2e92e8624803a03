import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { recordingIngest } from './app-fixture.js';

/** As long as fits under the default 8 MiB body limit. */
const nearly8MiB = (unit: string) =>
  unit.repeat(Math.floor((8 * 1024 * 1024 - 4096) / unit.length)).slice(0, -1);

describe('limits are checked before a body is parsed', () => {
  const ingest = recordingIngest();
  afterAll(() => ingest.app.close());
  afterEach(() => vi.restoreAllMocks());

  /** Posts and tells whether JSON.parse ever saw a text as long as the body. */
  async function postWatchingParse(url: string, body: string, contentType?: string) {
    const parse = vi.spyOn(JSON, 'parse');
    const res = await ingest.post(url, body, contentType);
    const parsedBody = parse.mock.calls.some(([text]) => typeof text === 'string' && text.length > 1024);
    parse.mockRestore();
    return { res, parsedBody };
  }

  it('counts the NDJSON lines after one that opens a string and never closes it', async () => {
    const before = ingest.published.length;
    const { res } = await postWatchingParse(
      '/v1/events',
      `"\n${'{}\n'.repeat(6000)}`,
      'application/x-ndjson',
    );
    expect(res.statusCode).toBe(413);
    expect(res.json().reason).toMatch(/records in one request; at most 5000/);
    expect(ingest.published.length).toBe(before);
  });

  it('counts the rows of a CSV import before parsing it', async () => {
    const { res, parsedBody } = await postWatchingParse(
      '/v1/sources/csv',
      `{"format":"jcc","rows":[${nearly8MiB('[],')}]}`,
    );
    expect(res.statusCode).toBe(413);
    expect(res.json().reason).toMatch(/records in one request; at most 5000/);
    expect(parsedBody).toBe(false);
  });

  it.each([
    ['/v1/sources/qmatic/events', `[{"event":"VISIT_CREATE","services":[${nearly8MiB('1,')}]}]`],
    ['/v1/sources/survey', `[{"product":[${nearly8MiB('1,')}]}]`],
    ['/v1/events', `[{"payload":{"extra":[${nearly8MiB('1,')}]}}]`],
    ['/v1/sources/zgw/notifications', `[{"kenmerken":[${nearly8MiB('{},')}]}]`],
  ])('refuses one record of 8 MiB of values on %s before parsing it', async (url, body) => {
    const { res, parsedBody } = await postWatchingParse(url, body);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({
      error: 'payload_too_large',
      reason: 'more than 200000 JSON values in one request',
    });
    expect(parsedBody).toBe(false);
  });
});
