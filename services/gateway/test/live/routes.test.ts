import { describe, expect, it } from 'vitest';
import { bearer, build, LOCATION_A, TENANT_A, TENANT_B, tokenFor, WALLSCREEN_A } from '../support/build.js';
import { counterSnapshot, sourceSnapshot } from '../support/snapshots.js';

const snapshots = [
  counterSnapshot(TENANT_A, { kind: 'tenant', id: null }, { waiting: 11 }),
  counterSnapshot(TENANT_A, { kind: 'location', id: LOCATION_A }, { waiting: 7 }),
  counterSnapshot(TENANT_A, { kind: 'location', id: 'stadsloket-noord' }, { waiting: 4 }),
  counterSnapshot(TENANT_A, { kind: 'queue', id: 'paspoort' }, { waiting: 3 }),
  sourceSnapshot(TENANT_A, { system: 'telephony', vendor: 'asterisk' }, '2026-03-02T10:12:30.000Z'),
  sourceSnapshot(TENANT_A, { system: 'queue_management', vendor: 'qmatic' }, null),
  counterSnapshot(TENANT_B, { kind: 'tenant', id: null }, { waiting: 99 }),
];

const scopes = (body: { snapshots: { domain: string; scope: { kind: string; id: string | null } }[] }) =>
  body.snapshots.map((s) => `${s.domain} ${s.scope.kind} ${s.scope.id}`);

describe('GET /api/v1/live', () => {
  it("answers with the latest snapshot of every scope of the caller's municipality, sorted", async (t) => {
    const { app } = await build(t, { snapshots });
    const res = await app.inject({ url: '/api/v1/live', headers: bearer(await tokenFor('manager')) });
    expect(res.statusCode).toBe(200);
    expect(res.json().tenant).toBe(TENANT_A);
    expect(scopes(res.json())).toEqual([
      'counter location stadsloket-centrum',
      'counter location stadsloket-noord',
      'counter queue paspoort',
      'counter tenant null',
      'sources source queue_management/qmatic',
      'sources source telephony/asterisk',
    ]);
  });

  it('filters by domain, scope kind and scope id', async (t) => {
    const { app } = await build(t, { snapshots });
    const headers = bearer(await tokenFor('teamlead'));
    const get = async (query: string) =>
      scopes((await app.inject({ url: `/api/v1/live?${query}`, headers })).json());
    expect(await get('domain=sources')).toEqual([
      'sources source queue_management/qmatic',
      'sources source telephony/asterisk',
    ]);
    expect(await get('domain=counter&scope_kind=location')).toEqual([
      'counter location stadsloket-centrum',
      'counter location stadsloket-noord',
    ]);
    expect(await get('scope_kind=location&scope_id=stadsloket-noord')).toEqual([
      'counter location stadsloket-noord',
    ]);
    expect(await get('domain=phone')).toEqual([]);
  });

  it('shows a newer snapshot of a scope instead of the older one, and never an older one after it', async (t) => {
    const { app, cache } = await build(t, { snapshots });
    const scope = { kind: 'location', id: LOCATION_A } as const;
    cache.put(counterSnapshot(TENANT_A, scope, { waiting: 2, as_of: '2026-03-02T10:16:00.000Z' }));
    cache.put(counterSnapshot(TENANT_A, scope, { waiting: 30, as_of: '2026-03-02T10:14:00.000Z' }));
    const res = await app.inject({
      url: `/api/v1/live?scope_kind=location&scope_id=${LOCATION_A}`,
      headers: bearer(await tokenFor('manager')),
    });
    expect(res.json().snapshots.map((s: { now: { waiting: number } }) => s.now.waiting)).toEqual([2]);
  });

  it('shows a wall screen only the scopes of its own location', async (t) => {
    const { app } = await build(t, { snapshots });
    for (const credential of [WALLSCREEN_A.key, await tokenFor('wallscreen', { locations: [LOCATION_A] })]) {
      const res = await app.inject({ url: '/api/v1/live', headers: bearer(credential) });
      expect(res.statusCode).toBe(200);
      expect(scopes(res.json())).toEqual(['counter location stadsloket-centrum']);
    }
  });

  it("answers a caller of another municipality with that municipality's snapshots only", async (t) => {
    const { app } = await build(t, { snapshots });
    const res = await app.inject({
      url: '/api/v1/live',
      headers: bearer(await tokenFor('admin', { tenant: TENANT_B })),
    });
    expect(res.json()).toMatchObject({ tenant: TENANT_B });
    expect(res.json().snapshots.map((s: { now: { waiting: number } }) => s.now.waiting)).toEqual([99]);
  });

  it('answers an array where one domain belongs with 400 naming the field', async (t) => {
    const { app } = await build(t, { snapshots });
    const res = await app.inject({
      url: '/api/v1/live?domain=counter&domain=phone',
      headers: bearer(await tokenFor('manager')),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().reason).toMatch(/^querystring\.domain: /);
  });

  it("accepts the caller's own municipality as a parameter", async (t) => {
    const { app } = await build(t, { snapshots });
    const res = await app.inject({
      url: `/api/v1/live?tenant=${TENANT_A}`,
      headers: bearer(await tokenFor('manager')),
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('GET /api/v1/sources', () => {
  it("answers each source's freshness with the seconds since its last receipt by the gateway's clock", async (t) => {
    const { app, clock } = await build(t, { snapshots, now: '2026-03-02T10:15:00.000Z' });
    const headers = bearer(await tokenFor('wallscreen', { locations: [LOCATION_A] }));
    const res = await app.inject({ url: '/api/v1/sources', headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().now).toBe('2026-03-02T10:15:00.000Z');
    const quiet = () =>
      app
        .inject({ url: '/api/v1/sources', headers })
        .then((r) =>
          r
            .json()
            .sources.map((s: { scope: { id: string }; quiet_seconds: number | null }) => [
              s.scope.id,
              s.quiet_seconds,
            ]),
        );
    expect(await quiet()).toEqual([
      ['queue_management/qmatic', null],
      ['telephony/asterisk', 150],
    ]);
    clock.advance(60_000);
    expect(await quiet()).toEqual([
      ['queue_management/qmatic', null],
      ['telephony/asterisk', 210],
    ]);
  });

  it('counts a receipt ahead of the gateway clock as 0 seconds quiet', async (t) => {
    const { app } = await build(t, { snapshots, now: '2026-03-02T10:00:00.000Z' });
    const res = await app.inject({ url: '/api/v1/sources', headers: bearer(await tokenFor('manager')) });
    expect(res.json().sources[1].quiet_seconds).toBe(0);
  });
});
