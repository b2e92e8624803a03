import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPersonalData, redactDeep } from '../../src/privacy/personal-data.js';
import { testCredentials } from '../credentials-fixture.js';
import { type FakeZgwServer, startFakeZgwServer } from '../zgw/fake-zgw-server.js';
import { asteriskBadInputs } from './bad-inputs/asterisk.js';
import { canonicalBadInputs } from './bad-inputs/canonical.js';
import type { BadInput } from './bad-inputs/corpus.js';
import { queueManagementBadInputs } from './bad-inputs/queue-management.js';
import { zgwBadInputs } from './bad-inputs/zgw.js';
import { type IngestUnderTest, OTHER_TENANT, startIngest, TENANT } from './harness.js';

const corpus: BadInput[] = [
  ...canonicalBadInputs,
  ...asteriskBadInputs,
  ...zgwBadInputs,
  ...queueManagementBadInputs,
];

interface DeadLetterOnTopic {
  original: unknown;
  errors: { path: string; reason: string }[];
  source: { system: string };
}

const secretOf = (input: BadInput) =>
  testCredentials().credentials.tenants[input.key === 'other' ? OTHER_TENANT : TENANT]!.pseudonym_secret;

/**
 * Whether `letter` is the dead letter of `input`: a body refused whole by its keyed hash; a
 * rejected record of an adapter route by its reasons (its content is not there to compare); a
 * canonical record by its (redacted) content.
 */
function isDeadLetterOf(
  letter: DeadLetterOnTopic,
  input: BadInput,
  body: string,
  answer: Record<string, unknown>,
): boolean {
  const original = letter.original as { body_hmac?: unknown } | string;
  const hmac = createHmac('sha256', secretOf(input)).update(body).digest('hex');
  if (typeof original === 'object' && original?.body_hmac === hmac) return true;
  const rejected = (answer.rejected ?? []) as { index: number; path: string; reason: string }[];
  if (rejected.length === 0) return false;
  if (letter.source.system !== 'canonical') {
    const errors = JSON.stringify(letter.errors);
    return [...new Set(rejected.map((r) => r.index))].some(
      (index) =>
        errors ===
        JSON.stringify(
          rejected.filter((r) => r.index === index).map(({ path, reason }) => ({ path, reason })),
        ),
    );
  }
  const text = typeof original === 'string' ? original : JSON.stringify(original);
  const redacted = redactDeep(body) as string;
  return redacted.includes(text) || text.includes(redacted.slice(0, 40));
}

function matches(actual: unknown, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? actual === expected : expected.test(String(actual));
}

describe('bad input through the real endpoints', () => {
  let ingest: IngestUnderTest;
  let zgw: FakeZgwServer;
  const answers = new Map<string, { status: number; body: Record<string, unknown> }>();
  const bodies = new Map<string, string>();

  beforeAll(async () => {
    zgw = await startFakeZgwServer();
    zgw.load(JSON.parse(readFileSync(new URL('../zgw/fixtures/catalogi.json', import.meta.url), 'utf8')));
    ingest = await startIngest(
      { INGEST_MAX_RECORDS: '1000', INGEST_MAX_BODY_BYTES: String(256 * 1024) },
      {
        zgw: {
          zaken_api_url: zgw.zakenApiUrl,
          catalogi_api_url: zgw.catalogiApiUrl,
          client_id: zgw.clientId,
          secret: zgw.secret,
        },
      },
    );
    for (const input of corpus) {
      const env = { zgw };
      const body = typeof input.body === 'string' ? input.body : input.body(env);
      bodies.set(input.name, body);
      const undo = input.arrange?.(env);
      const key =
        input.key === 'none'
          ? null
          : input.key === 'wrong'
            ? 'swk_gm0363-main_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'
            : input.key === 'other'
              ? ingest.keys[OTHER_TENANT]
              : input.key === 'canonical-only'
                ? ingest.keys['GM0363-canonical-only']
                : undefined;
      const res = await ingest.post(input.url, body, {
        key,
        ...(input.contentType ? { contentType: input.contentType } : {}),
      });
      answers.set(input.name, { status: res.status, body: (await res.json()) as Record<string, unknown> });
      undo?.();
    }
  });
  afterAll(async () => {
    await ingest.close();
    await zgw.close();
  });

  it('holds at least 40 distinct cases across the adapters', () => {
    expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(new Set(corpus.map((c) => c.url)).size).toBe(6);
  });

  it.each(corpus.map((c) => [c.name, c] as const))('%s: documented status and reason', (_name, input) => {
    const answer = answers.get(input.name)!;
    expect(answer.status, JSON.stringify(answer.body)).toBe(input.status);
    if (input.reason !== undefined) expect(answer.body.reason).toSatisfy((r) => matches(r, input.reason!));
    if (input.rejected !== undefined) {
      const rejected = answer.body.rejected as { index: number; path: string; reason: string }[];
      expect(rejected).toHaveLength(input.rejected.length);
      input.rejected.forEach((want, i) => {
        expect(rejected[i]!.index).toBe(want.index);
        expect(rejected[i]!.path).toBe(want.path);
        expect(rejected[i]!.reason).toSatisfy((r) => matches(r, want.reason));
      });
    }
  });

  it('dead-letters exactly the inputs that must be, with the reasons, never the body of an adapter route', async () => {
    const letters = (await ingest.consume('events.dlq.v1', { idleMs: 2500 })) as DeadLetterOnTopic[];
    for (const input of corpus) {
      const found = letters.some((l) =>
        isDeadLetterOf(l, input, bodies.get(input.name)!, answers.get(input.name)!.body),
      );
      expect(found, `${input.name}: on the dead-letter topic`).toBe(input.deadLetter);
    }
    for (const letter of letters) {
      expect(letter.errors.length).toBeGreaterThan(0);
      if (letter.source.system === 'canonical') continue;
      // Adapter routes: the length, the keyed hash and the adapter's own fields, nothing else.
      expect(Object.keys(letter.original as object).sort()).toSatisfy((keys: string[]) =>
        keys.every((k) => ['body_hmac', 'fields', 'length'].includes(k)),
      );
    }
    expect(findPersonalData(letters)).toEqual([]);
  });

  it('is still alive and ready afterwards', async () => {
    expect((await fetch(`${ingest.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${ingest.url}/readyz`)).status).toBe(200);
  });
});

describe('rate limit', () => {
  it('answers 429 with a reason after too many requests for one key', async () => {
    const ingest = await startIngest({ INGEST_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await ingest.post('/v1/events', '[]')).status);
      expect(statuses.slice(0, 3)).toEqual([202, 202, 202]);
      const res = await ingest.post('/v1/events', '[]');
      expect(res.status).toBe(429);
      expect(((await res.json()) as { reason: string }).reason).toMatch(
        /^more than 3 requests per minute for this API key; retry after \d+ s$/,
      );
    } finally {
      await ingest.close();
    }
  });
});
