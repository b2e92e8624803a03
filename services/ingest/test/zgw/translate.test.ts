import { readFileSync } from 'node:fs';
import { deriveEventId, validateEvent } from '@stuurwiel/schemas';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createZgwClient,
  createZgwClientFromConfig,
  translateZgwNotifications,
  type ZgwAdapterContext,
  type ZgwClient,
  ZgwTenantConfig,
  zgwTenantConfig,
} from '../../src/adapters/zgw/index.js';
import { type FakeZgwServer, startFakeZgwServer } from './fake-zgw-server.js';

const TENANT = 'GM0363';
const ZAAK_UUID = '3d9f1c2a-8b4e-4f6a-9c1d-2e5b7a8f0c13';
const ZAAK_PATH = `/zaken/api/v1/zaken/${ZAAK_UUID}`;
const ZAAKTYPE_PATH = '/catalogi/api/v1/zaaktypen/5f0e9a3c-1b2d-4e6f-8a7b-9c0d1e2f3a4b';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

interface Step {
  step: string;
  zaak: Record<string, unknown>;
  notification: Record<string, unknown>;
  ignored?: boolean;
  expected: Record<string, unknown>[];
}

const catalogi = fixture('catalogi.json') as Record<string, unknown>;
const zaken = fixture('zaken.json') as Record<string, Record<string, unknown>>;
const baseZaak = zaken[ZAAK_PATH]!;
const classicLife = fixture('case-life.classic.json') as Step[];
const cloudLife = fixture('case-life.cloudevents.json') as Step[];

let server: FakeZgwServer;

beforeAll(async () => {
  server = await startFakeZgwServer();
});
afterAll(async () => {
  await server.close();
});

function client(overrides: Partial<Parameters<typeof createZgwClient>[0]> = {}): ZgwClient {
  return createZgwClient({
    zakenApiUrl: server.zakenApiUrl,
    catalogiApiUrl: server.catalogiApiUrl,
    clientId: server.clientId,
    secret: server.secret,
    timeoutMs: 2_000,
    ...overrides,
  });
}

function context(zgw: ZgwClient = client()): ZgwAdapterContext {
  return {
    tenant: TENANT,
    now: new Date('2026-05-01T12:00:00Z'),
    fingerprint: (text) => `fingerprint:${text.length}`,
    pseudonymise: () => {
      throw new Error('the ZGW adapter has nothing to pseudonymise');
    },
    zgw,
  };
}

/** A classic notification about a zaak of the fixture set. */
function zaakNotification(zaakPath: string, actie = 'create', aanmaakdatum = '2026-03-02T08:15:00Z') {
  return {
    kanaal: 'zaken',
    hoofdObject: `${server.baseUrl}${zaakPath}`,
    resource: 'zaak',
    resourceUrl: `${server.baseUrl}${zaakPath}`,
    actie,
    aanmaakdatum,
    kenmerken: { bronorganisatie: '123456782', zaaktype: `${server.baseUrl}${ZAAKTYPE_PATH}` },
  };
}

/** Another zaak like the fixture's, under another uuid. */
function putZaak(uuid: string, fields: Record<string, unknown> = {}): string {
  const path = `/zaken/api/v1/zaken/${uuid}`;
  server.put(path, { ...baseZaak, url: `{{base}}${path}`, uuid, ...fields });
  return path;
}

beforeEach(() => {
  server.load(catalogi);
  server.load(zaken);
  server.heal();
  server.requests.length = 0;
});

describe.each([
  ['classic notifications', classicLife],
  ['CloudEvents', cloudLife],
])('a whole case life in %s', (_name, life) => {
  it('becomes exactly the expected canonical events, step by step', async () => {
    const ctx = context();
    for (const step of life) {
      server.put(ZAAK_PATH, { ...baseZaak, ...step.zaak });
      const records = await translateZgwNotifications(server.resolve(step.notification), ctx);
      expect(records, step.step).toHaveLength(1);
      const [record] = records;
      expect(record!.errors, step.step).toEqual([]);
      expect(record!.index).toBe(0);
      expect(record!.events, step.step).toEqual(step.expected);
      expect(record!.ignored !== undefined, step.step).toBe(step.ignored === true);
      expect(record!.original).toEqual(server.resolve(step.notification));
    }
  });

  it('gives canonical events that pass the schema', () => {
    for (const event of life.flatMap((s) => s.expected)) {
      expect(validateEvent(event)).toMatchObject({ ok: true });
    }
  });

  it('gives the same event ids when the whole life is sent again as one array', async () => {
    const ctx = context();
    const firstIds: string[] = [];
    for (const step of life) {
      server.put(ZAAK_PATH, { ...baseZaak, ...step.zaak });
      const [record] = await translateZgwNotifications(server.resolve(step.notification), ctx);
      firstIds.push(...record!.events.map((e) => e.event_id));
      // Re-sent at once: the same ids.
      const [again] = await translateZgwNotifications(server.resolve(step.notification), ctx);
      expect(again!.events.map((e) => e.event_id)).toEqual(record!.events.map((e) => e.event_id));
    }
    expect(firstIds.length).toBeGreaterThan(0);
  });
});

describe('event ids', () => {
  it('follow the documented recipe: zaak uuid plus what happened', () => {
    const id = (...parts: (string | number)[]) =>
      deriveEventId(TENANT, 'openzaak', 'zaak', ZAAK_UUID, ...parts);
    const all = classicLife.flatMap((s) => s.expected);
    const byType = (type: string) => all.filter((e) => e.type === type).map((e) => e.event_id);
    expect(byType('case.created')).toEqual([id('created')]);
    expect(byType('case.status_changed')).toEqual([
      id('status', '9e8d7c6b-5a49-4382-a716-000000000001'),
      id('status', '9e8d7c6b-5a49-4382-a716-000000000002'),
      id('status', '9e8d7c6b-5a49-4382-a716-000000000003'),
    ]);
    // 13:00+01:00 is 12:00Z: the same instant written another way is the same event.
    expect(byType('case.suspended')).toEqual([id('suspended', '2026-03-10T12:00:00.000Z')]);
    expect(byType('case.extended')).toEqual([id('extended', 30, '2026-04-01T08:00:00.000Z')]);
    expect(byType('case.closed')).toEqual([id('closed', '2026-04-20')]);
  });

  it('are shared by a classic notification and a CloudEvent about the same change', () => {
    const ids = (life: Step[], type: string) =>
      new Set(
        life
          .flatMap((s) => s.expected)
          .filter((e) => e.type === type)
          .map((e) => e.event_id),
      );
    for (const type of [
      'case.created',
      'case.status_changed',
      'case.suspended',
      'case.extended',
      'case.closed',
    ]) {
      expect(ids(cloudLife, type), type).toEqual(ids(classicLife, type));
    }
  });

  it('use the configured vendor and instance in source and id', async () => {
    const ctx = { ...context(), vendor: 'openzaak-dimpact', instance: 'oz-prod' };
    const [record] = await translateZgwNotifications(server.resolve(classicLife[0]!.notification), ctx);
    expect(record!.events[0]).toMatchObject({
      event_id: deriveEventId(TENANT, 'openzaak-dimpact', 'zaak', ZAAK_UUID, 'created'),
      source: { system: 'case_system', vendor: 'openzaak-dimpact', instance: 'oz-prod' },
    });
  });
});

describe('the Catalogi cache', () => {
  it('fetches a zaaktype once for many notifications', async () => {
    const paths = [
      putZaak('11111111-2222-4333-8444-000000000001'),
      putZaak('11111111-2222-4333-8444-000000000002'),
      putZaak('11111111-2222-4333-8444-000000000003'),
      putZaak('11111111-2222-4333-8444-000000000004'),
    ];
    const ctx = context();
    const first = await translateZgwNotifications(
      paths.map((p) => zaakNotification(p)),
      ctx,
    );
    const second = await translateZgwNotifications(
      paths.map((p) => zaakNotification(p)),
      ctx,
    );
    expect([...first, ...second].every((r) => r.errors.length === 0 && r.events.length === 1)).toBe(true);
    expect(server.count(ZAAKTYPE_PATH)).toBe(1);
    expect(server.count('/zaken/api/v1/zaken/')).toBe(8);
  });

  it('fetches the zaaktype again once its time to live has passed', async () => {
    let now = Date.parse('2026-03-02T08:00:00Z');
    const ctx = context(client({ clock: () => now, cacheTtlMs: 600_000 }));
    await translateZgwNotifications(zaakNotification(ZAAK_PATH), ctx);
    now += 599_000;
    await translateZgwNotifications(zaakNotification(ZAAK_PATH), ctx);
    expect(server.count(ZAAKTYPE_PATH)).toBe(1);
    now += 2_000;
    await translateZgwNotifications(zaakNotification(ZAAK_PATH), ctx);
    expect(server.count(ZAAKTYPE_PATH)).toBe(2);
  });

  it('does not keep a failed look-up', async () => {
    const ctx = context();
    server.fail({ status: 503 }, ZAAKTYPE_PATH);
    const [failed] = await translateZgwNotifications(zaakNotification(ZAAK_PATH), ctx);
    expect(failed!.errors).toHaveLength(1);
    server.heal();
    const [ok] = await translateZgwNotifications(zaakNotification(ZAAK_PATH), ctx);
    expect(ok!.errors).toEqual([]);
  });
});

describe('record errors', () => {
  it('reports an unknown zaaktype at kenmerken.zaaktype', async () => {
    const missing = `${server.baseUrl}/catalogi/api/v1/zaaktypen/00000000-0000-4000-8000-000000000000`;
    const path = putZaak('22222222-3333-4444-8555-000000000001', { zaaktype: missing });
    const [record] = await translateZgwNotifications(zaakNotification(path), context());
    expect(record!.events).toEqual([]);
    expect(record!.errors).toEqual([{ path: 'kenmerken.zaaktype', reason: `unknown zaaktype ${missing}` }]);
  });

  it('reports an unknown zaaktype of a CloudEvent at data.zaaktype', async () => {
    const missing = `${server.baseUrl}/catalogi/api/v1/zaaktypen/00000000-0000-4000-8000-000000000000`;
    putZaak(ZAAK_UUID, { zaaktype: missing });
    const [record] = await translateZgwNotifications(server.resolve(cloudLife[0]!.notification), context());
    expect(record!.errors).toEqual([{ path: 'data.zaaktype', reason: `unknown zaaktype ${missing}` }]);
  });

  it('reports an unreachable Zaken API per record; the other records of the array still translate', async () => {
    const down = putZaak('33333333-4444-4555-8666-000000000001');
    const up = putZaak('33333333-4444-4555-8666-000000000002');
    server.fail({ status: 503 }, down);
    const records = await translateZgwNotifications(
      [zaakNotification(down), zaakNotification(up), { kanaal: 'documenten' }],
      context(),
    );
    expect(records.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(records[0]!.events).toEqual([]);
    expect(records[0]!.errors).toHaveLength(1);
    expect(records[0]!.errors[0]!.path).toBe('hoofdObject');
    expect(records[0]!.errors[0]!.reason).toMatch(/^zaken api unreachable: 503 Service Unavailable/);
    expect(records[1]!.errors).toEqual([]);
    expect(records[1]!.events.map((e) => e.type)).toEqual(['case.created']);
    expect(records[2]!.ignored).toBeDefined();
  });

  it('reports a Zaken API that does not answer in time', async () => {
    server.fail({ hang: true }, ZAAK_PATH);
    const started = Date.now();
    const [record] = await translateZgwNotifications(
      zaakNotification(ZAAK_PATH),
      context(client({ timeoutMs: 200 })),
    );
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(record!.errors).toEqual([
      {
        path: 'hoofdObject',
        reason: `zaken api unreachable: no answer within 200 ms (${server.baseUrl}${ZAAK_PATH})`,
      },
    ]);
  });

  it('reports a Zaken API that refuses connections', async () => {
    const closed = await startFakeZgwServer();
    const zakenApiUrl = closed.zakenApiUrl;
    await closed.close();
    const zgw = client({ zakenApiUrl, catalogiApiUrl: zakenApiUrl.replace('/zaken/', '/catalogi/') });
    const [record] = await translateZgwNotifications(
      {
        ...zaakNotification(ZAAK_PATH),
        hoofdObject: `${zakenApiUrl}/zaken/${ZAAK_UUID}`,
        resourceUrl: `${zakenApiUrl}/zaken/${ZAAK_UUID}`,
      },
      context(zgw),
    );
    expect(record!.errors[0]!.reason).toMatch(/^zaken api unreachable: ECONNREFUSED/);
  });

  it('mentions 401 when the JWT secret is wrong', async () => {
    const [record] = await translateZgwNotifications(
      zaakNotification(ZAAK_PATH),
      context(client({ secret: 'not-the-secret-of-this-application' })),
    );
    expect(record!.errors).toHaveLength(1);
    expect(record!.errors[0]!.reason).toContain('401');
    expect(record!.errors[0]!.reason).toContain('check client_id and secret');
    expect(server.requests.every((r) => !r.authorized)).toBe(true);
  });

  it('rejects a hoofdObject outside the configured roots without any request', async () => {
    const seen: string[] = [];
    const zgw = client({
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });
    const bad = [
      'http://169.254.169.254/latest/meta-data/zaken/3d9f1c2a-8b4e-4f6a-9c1d-2e5b7a8f0c13',
      `${server.baseUrl}/zaken/api/v10/zaken/${ZAAK_UUID}`,
      `${server.baseUrl}/zaken/api/v1/../../admin/zaken/${ZAAK_UUID}`,
      `http://user:pw@127.0.0.1:${new URL(server.baseUrl).port}/zaken/api/v1/zaken/${ZAAK_UUID}`,
    ];
    const records = await translateZgwNotifications(
      bad.map((url) => ({ ...zaakNotification(ZAAK_PATH), hoofdObject: url, resourceUrl: url })),
      context(zgw),
    );
    for (const [i, record] of records.entries()) {
      expect(record.events).toEqual([]);
      expect(record.errors).toHaveLength(1);
      expect(record.errors[0]!.path).toBe('hoofdObject');
      expect(record.errors[0]!.reason, bad[i]).toContain('outside the configured zaken api');
    }
    expect(seen).toEqual([]);
    expect(server.requests).toEqual([]);
  });

  it('rejects a URL outside the roots found inside a fetched document, without requesting it', async () => {
    const seen: string[] = [];
    const zgw = client({
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });
    const path = putZaak('44444444-5555-4666-8777-000000000001', {
      zaaktype:
        'http://catalogi.elders.example/catalogi/api/v1/zaaktypen/5f0e9a3c-1b2d-4e6f-8a7b-9c0d1e2f3a4b',
    });
    const [record] = await translateZgwNotifications(zaakNotification(path), context(zgw));
    expect(record!.errors).toEqual([
      {
        path: 'kenmerken.zaaktype',
        reason: expect.stringContaining('is outside the configured catalogi api'),
      },
    ]);
    expect(seen).toEqual([`${server.baseUrl}${path}`]);
  });

  it('rejects a CloudEvent dataref on another host', async () => {
    const [record] = await translateZgwNotifications(
      {
        ...server.resolve(cloudLife[1]!.notification),
        dataref: `http://evil.example/zaken/api/v1/zaken/${ZAAK_UUID}`,
      },
      context(),
    );
    expect(record!.errors).toEqual([
      { path: 'dataref', reason: expect.stringContaining('outside the configured zaken api') },
    ]);
    expect(server.requests).toEqual([]);
  });

  it('does not follow a redirect', async () => {
    server.fail({ redirectTo: 'http://169.254.169.254/' }, ZAAK_PATH);
    const [record] = await translateZgwNotifications(zaakNotification(ZAAK_PATH), context());
    expect(record!.errors[0]!.reason).toContain('redirects are not followed');
  });

  it('names `type` for a CloudEvent of an unknown zaken type', async () => {
    const [record] = await translateZgwNotifications(
      { ...server.resolve(cloudLife[1]!.notification), type: 'nl.overheid.zaken.zaak-gesloopt' },
      context(),
    );
    expect(record!.errors).toHaveLength(1);
    expect(record!.errors[0]!.path).toBe('type');
    expect(record!.errors[0]!.reason).toMatch(
      /^unknown CloudEvent type 'nl.overheid.zaken.zaak-gesloopt'; expected one of/,
    );
    expect(server.requests).toEqual([]);
  });

  it('rejects a zaaktype whose doorlooptijd is in months, with the reason', async () => {
    const path = putZaak('55555555-6666-4777-8888-000000000001', {
      zaaktype: `{{base}}/catalogi/api/v1/zaaktypen/6a1f0b4d-2c3e-4f70-9b8c-0d1e2f3a4b5c`,
    });
    const [record] = await translateZgwNotifications(zaakNotification(path), context());
    expect(record!.errors).toEqual([
      {
        path: 'kenmerken.zaaktype.doorlooptijd',
        reason: expect.stringContaining(
          "unsupported duration 'P1M': months and years have no fixed number of days",
        ),
      },
    ]);
  });

  it('reports the fields of a malformed notification', async () => {
    const [record] = await translateZgwNotifications(
      { ...zaakNotification(ZAAK_PATH), aanmaakdatum: '2026-03-02T09:15:00', hoofdObject: undefined },
      context(),
    );
    expect(record!.errors).toEqual([
      { path: 'hoofdObject', reason: 'required' },
      { path: 'aanmaakdatum', reason: expect.stringContaining('with offset') },
    ]);
  });

  it('rejects a record that is not an object, and a CloudEvent without time', async () => {
    const { time: _time, ...withoutTime } = server.resolve(cloudLife[1]!.notification);
    const records = await translateZgwNotifications(['zaak', withoutTime], context());
    expect(records[0]!.errors).toEqual([{ path: '', reason: expect.stringContaining('JSON object') }]);
    expect(records[1]!.errors).toEqual([{ path: 'time', reason: 'required' }]);
  });

  it('rejects a zaak document of the wrong shape', async () => {
    const path = putZaak('66666666-7777-4888-8999-000000000001', { startdatum: '02-03-2026' });
    const [record] = await translateZgwNotifications(zaakNotification(path), context());
    expect(record!.errors).toEqual([
      {
        path: 'hoofdObject',
        reason: expect.stringMatching(/^zaken api returned an unexpected zaak .*startdatum/),
      },
    ]);
  });
});

describe('ignored notifications', () => {
  it('ignores another kanaal, unmeasured resources and CloudEvents outside the zaken namespace', async () => {
    const records = await translateZgwNotifications(
      [
        { ...zaakNotification(ZAAK_PATH), kanaal: 'documenten', resource: 'enkelvoudiginformatieobject' },
        { ...zaakNotification(ZAAK_PATH), resource: 'rol', actie: 'create' },
        { ...zaakNotification(ZAAK_PATH), actie: 'destroy' },
        {
          ...server.resolve(cloudLife[1]!.notification),
          type: 'nl.overheid.documenten.document-geregistreerd',
        },
        { ...server.resolve(cloudLife[1]!.notification), type: 'nl.overheid.zaken.zaak-geopend' },
      ],
      context(),
    );
    for (const record of records) {
      expect(record.errors).toEqual([]);
      expect(record.events).toEqual([]);
      expect(record.ignored).toEqual(expect.any(String));
    }
    expect(server.requests).toEqual([]);
  });

  it('maps a verlenging of P6W to calendar weeks and P15D to working days, each the extension in force', async () => {
    const extended = async (uuid: string, duur: string) => {
      const path = putZaak(uuid, { verlenging: { reden: 'advies', duur } });
      const [record] = await translateZgwNotifications(zaakNotification(path, 'partial_update'), context());
      return record!.events.filter((e) => e.type === 'case.extended').map((e) => e.payload);
    };
    expect(await extended('55555555-6666-4777-8888-000000000006', 'P6W')).toEqual([
      expect.objectContaining({ calendar_weeks: 6 }),
    ]);
    expect(await extended('55555555-6666-4777-8888-000000000015', 'P15D')).toEqual([
      expect.objectContaining({ working_days: 15 }),
    ]);
  });

  it('reports a verlenging corrected back to an earlier duur as a new event, not a duplicate', async () => {
    const uuid = '55555555-6666-4777-8888-000000000010';
    const corrections = [
      ['P10D', '2026-03-02T08:15:00Z'],
      ['P15D', '2026-03-03T08:15:00Z'],
      ['P10D', '2026-03-04T08:15:00Z'],
    ] as const;
    const events = [];
    for (const [duur, at] of corrections) {
      const path = putZaak(uuid, { verlenging: { reden: 'advies', duur } });
      const [record] = await translateZgwNotifications(
        zaakNotification(path, 'partial_update', at),
        context(),
      );
      events.push(...record!.events.filter((e) => e.type === 'case.extended'));
    }
    expect(events.map((e) => e.payload.working_days)).toEqual([10, 15, 10]);
    expect(new Set(events.map((e) => e.event_id)).size).toBe(3);
  });

  it('ignores a zaak update that changes nothing we measure', async () => {
    const [record] = await translateZgwNotifications(
      zaakNotification(ZAAK_PATH, 'partial_update'),
      context(),
    );
    expect(record!.events).toEqual([]);
    expect(record!.ignored).toBeDefined();
  });
});

describe('requests to the ZGW APIs', () => {
  it('carry a ZGW JWT (HS256, iss = client_id) and Accept-Crs', async () => {
    await translateZgwNotifications(
      zaakNotification(ZAAK_PATH),
      context(client({ userId: 'ingest-gm0363' })),
    );
    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) {
      expect(request.authorized).toBe(true);
      expect(request.alg).toBe('HS256');
      expect(request.acceptCrs).toBe('EPSG:4326');
      expect(request.claims).toEqual({
        iss: server.clientId,
        client_id: server.clientId,
        iat: expect.any(Number),
        user_id: 'ingest-gm0363',
        user_representation: 'stuurwiel ingest',
      });
    }
  });
});

describe('ZgwTenantConfig', () => {
  it('accepts a tenant configuration and builds a client from it', async () => {
    // The fake server speaks plain http, which only the test flag allows.
    const config = zgwTenantConfig({ allowInsecureHttp: true }).parse({
      zaken_api_url: server.zakenApiUrl,
      catalogi_api_url: server.catalogiApiUrl,
      client_id: server.clientId,
      secret: server.secret,
      vendor: 'openzaak',
    });
    const [record] = await translateZgwNotifications(
      zaakNotification(ZAAK_PATH),
      context(createZgwClientFromConfig(config)),
    );
    expect(record!.errors).toEqual([]);
  });

  it('rejects roots with credentials or another scheme, and unknown fields', () => {
    const base = { catalogi_api_url: 'https://oz.example/catalogi/api/v1', client_id: 'a', secret: 'b' };
    expect(
      ZgwTenantConfig.safeParse({ ...base, zaken_api_url: 'https://u:p@oz.example/zaken/api/v1' }).success,
    ).toBe(false);
    expect(ZgwTenantConfig.safeParse({ ...base, zaken_api_url: 'file:///etc/passwd' }).success).toBe(false);
    expect(
      zgwTenantConfig({ allowInsecureHttp: true }).safeParse({ ...base, zaken_api_url: 'ftp://oz.example/z' })
        .success,
    ).toBe(false);
    expect(
      ZgwTenantConfig.safeParse({ ...base, zaken_api_url: 'https://oz.example/zaken/api/v1', extra: 1 })
        .success,
    ).toBe(false);
  });

  it('refuses plain http roots unless the test flag allows them, and says which flag', () => {
    const http = {
      zaken_api_url: 'http://oz.example/zaken/api/v1',
      catalogi_api_url: 'https://oz.example/catalogi/api/v1',
      client_id: 'a',
      secret: 'b',
    };
    const refused = ZgwTenantConfig.safeParse(http);
    expect(refused.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['zaken_api_url', 'must be an https URL (http only with INGEST_ALLOW_INSECURE_HTTP=true, for tests)'],
    ]);
    expect(zgwTenantConfig({ allowInsecureHttp: true }).safeParse(http).success).toBe(true);
  });
});

afterEach(() => {
  server.heal();
});
