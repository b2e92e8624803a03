import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileInputs, rejectedFields } from '../hostile/corpus.js';
import { post } from '../hostile/post.js';
import { type FakeZgwServer, startFakeZgwServer } from '../zgw/fake-zgw-server.js';
import { type IngestUnderTest, OTHER_TENANT, startIngest, TENANT } from './harness.js';

interface Answer {
  status: number;
  body: { reason?: unknown; rejected?: { path?: unknown; reason?: unknown }[] };
  /** Requests the fake ZGW APIs got while this input was posted. */
  zgwRequests: number;
}

describe('hostile input on every route, with the default limits', () => {
  let ingest: IngestUnderTest;
  let zgw: FakeZgwServer;
  const answers = new Map<string, Answer>();

  beforeAll(async () => {
    zgw = await startFakeZgwServer();
    zgw.load(JSON.parse(readFileSync(new URL('../zgw/fixtures/catalogi.json', import.meta.url), 'utf8')));
    ingest = await startIngest(
      { INGEST_MAX_EVENT_AGE_DAYS: '400' },
      {
        zgw: {
          zaken_api_url: zgw.zakenApiUrl,
          catalogi_api_url: zgw.catalogiApiUrl,
          client_id: zgw.clientId,
          secret: zgw.secret,
        },
      },
    );
    for (const input of hostileInputs) {
      const before = zgw.requests.length;
      const answer = await post(
        `${ingest.url}${input.url}`,
        {
          'content-type': input.contentType,
          authorization: `Bearer ${ingest.keys[input.key === 'other' ? OTHER_TENANT : TENANT]}`,
        },
        input.body({ zgw }),
        ingest.config.INGEST_MAX_BODY_BYTES,
      );
      answers.set(input.name, {
        status: answer.status,
        body: JSON.parse(answer.body) as Answer['body'],
        zgwRequests: zgw.requests.length - before,
      });
    }
  }, 300_000);
  afterAll(async () => {
    await ingest?.close();
    await zgw?.close();
  });

  it('names the field of every input refused with 422', () => {
    const refused = hostileInputs.filter((i) => i.status === 422).map((i) => i.name);
    expect(Object.keys(rejectedFields).sort()).toEqual(refused.sort());
  });

  it('holds at least 60 distinct inputs across every route', () => {
    expect(new Set(hostileInputs.map((i) => i.name)).size).toBe(hostileInputs.length);
    expect(hostileInputs.length).toBeGreaterThanOrEqual(60);
    expect(new Set(hostileInputs.map((i) => i.url)).size).toBe(6);
  });

  it.each(hostileInputs.map((i) => [i.name, i] as const))(
    '%s: documented status with a reason',
    (_, input) => {
      const answer = answers.get(input.name)!;
      expect(answer.status, JSON.stringify(answer.body).slice(0, 500)).toBe(input.status);
      if (answer.status === 422) {
        expect(answer.body.rejected!.length).toBeGreaterThan(0);
        for (const r of answer.body.rejected!) {
          expect(r.path).toEqual(expect.any(String));
          expect(r.reason).toEqual(expect.stringMatching(/\S/));
        }
        expect(answer.body.rejected![0]!.path).toBe(rejectedFields[input.name]);
      } else if (answer.status >= 400) {
        expect(answer.body.reason).toEqual(expect.stringMatching(/\S/));
      }
    },
  );

  it('checks the number of notifications before asking the Zaken API anything', () => {
    expect(answers.get('zgw: 6000 notifications (none may be looked up)')!.zgwRequests).toBe(0);
  });

  it('is still alive and ready afterwards', async () => {
    expect((await fetch(`${ingest.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${ingest.url}/readyz`)).status).toBe(200);
  });
});
