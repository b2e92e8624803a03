import { insertAlertStates } from '@stuurwiel/alerting/history';
import { useTestDatabase } from '@stuurwiel/infra/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { alertOf } from '../../../test/statements/seed-alerts.js';
import { bearer, build, LOCATION_A, TENANT_A, TENANT_B } from './support/build.js';
import { type Caller, credentials, REJECTED } from './support/callers.js';
import { NORM, SILENCE, THRESHOLD } from './support/settings.js';
import { counterSnapshot, sourceSnapshot } from './support/snapshots.js';

// Acceptance 1 of issue 11: every route × every kind of caller gets exactly the status written
// here, and municipality B's data never shows in A's answers (nor A's in B's). The routes come
// from the app itself: a new route without a row here fails the test. Socket rooms have their
// matrix in socket-rooms-matrix.test.ts, with the same callers.

/** What every caller of a route that any role may read gets. */
const READ_BY_EVERY_ROLE = {
  wallscreen_of_a: 200,
  wallscreen_key_of_a: 200,
  teamlead_of_a: 200,
  manager_of_a: 200,
  admin_of_a: 200,
  manager_of_b: 200,
  ...REJECTED,
} as const satisfies Record<Caller, number>;

interface Row {
  /** The request path (with example parameters) and query. */
  url: string;
  /**
   * The body of a POST, PUT or PATCH: a valid one, so that only the caller decides the status (a
   * function when each caller must create something of its own, e.g. a rule id not yet taken).
   */
  payload?: Record<string, unknown> | ((caller: Caller) => Record<string, unknown>);
  expect: Record<Caller, number>;
  /**
   * False for answers that do not name the municipality (the list of KPIs, an echoed setting, a
   * list B has nothing in): B's side is then checked only for A's markers.
   */
  showsTenant?: false;
}

/** What every caller of a manager's route gets (B's manager sees B's own figures). */
const READ_BY_MANAGERS = {
  wallscreen_of_a: 403,
  wallscreen_key_of_a: 403,
  teamlead_of_a: 403,
  manager_of_a: 200,
  admin_of_a: 200,
  manager_of_b: 200,
  ...REJECTED,
} as const satisfies Record<Caller, number>;

/** What every caller of a team lead's route gets; B's callers find none of A's alerts or settings. */
const FOR_TEAMLEADS = (ok: number, b: number = ok) =>
  ({
    wallscreen_of_a: 403,
    wallscreen_key_of_a: 403,
    teamlead_of_a: ok,
    manager_of_a: ok,
    admin_of_a: ok,
    manager_of_b: b,
    ...REJECTED,
  }) as const satisfies Record<Caller, number>;

/** What every caller of a manager's route that changes or looks up a setting gets. */
const FOR_MANAGERS = (ok: number, b: number = ok) =>
  ({ ...FOR_TEAMLEADS(ok, b), teamlead_of_a: 403 }) as const satisfies Record<Caller, number>;

const A_ALERT = 'a0a0a0a0a0a0a0a0';
const MUTE = { matchers: [{ name: 'domain', value: 'counter', op: '=' }], when: 'outside_opening_hours' };

const HISTORY_QUERY = 'kpi=counter_visits&from=2026-03-02&to=2026-03-03&granularity=day&group_by=location';

/** One row per route, keyed `METHOD /url-pattern`. */
const MATRIX: Record<string, Row> = {
  'GET /api/v1/live': { url: '/api/v1/live', expect: READ_BY_EVERY_ROLE },
  'GET /api/v1/sources': { url: '/api/v1/sources', expect: READ_BY_EVERY_ROLE },
  'GET /api/v1/history': { url: `/api/v1/history?${HISTORY_QUERY}`, expect: READ_BY_MANAGERS },
  'GET /api/v1/history/export': {
    url: `/api/v1/history/export?${HISTORY_QUERY}&format=csv`,
    expect: READ_BY_MANAGERS,
  },
  'GET /api/v1/history/kpis': { url: '/api/v1/history/kpis', expect: READ_BY_MANAGERS, showsTenant: false },
  'GET /api/v1/alerts': { url: '/api/v1/alerts', expect: FOR_TEAMLEADS(200) },
  'GET /api/v1/alerts/:fingerprint': { url: `/api/v1/alerts/${A_ALERT}`, expect: FOR_TEAMLEADS(200, 404) },
  'POST /api/v1/alerts/:fingerprint/acknowledge': {
    url: `/api/v1/alerts/${A_ALERT}/acknowledge`,
    payload: { comment: 'Ik bel de balie' },
    expect: FOR_TEAMLEADS(202, 404),
  },
  'GET /api/v1/silences': { url: '/api/v1/silences', expect: FOR_TEAMLEADS(200), showsTenant: false },
  'POST /api/v1/silences': { url: '/api/v1/silences', payload: SILENCE, expect: FOR_TEAMLEADS(201) },
  'POST /api/v1/silences/:id/expire': {
    url: '/api/v1/silences/s-unknown/expire',
    expect: FOR_TEAMLEADS(404),
  },
  'GET /api/v1/mutes': { url: '/api/v1/mutes', expect: FOR_TEAMLEADS(200), showsTenant: false },
  'POST /api/v1/mutes': { url: '/api/v1/mutes', payload: MUTE, expect: FOR_TEAMLEADS(201) },
  'DELETE /api/v1/mutes/:id': { url: '/api/v1/mutes/m-unknown', expect: FOR_TEAMLEADS(404) },
  'GET /api/v1/rules': { url: '/api/v1/rules', expect: FOR_MANAGERS(200), showsTenant: false },
  'GET /api/v1/rules/:id': { url: '/api/v1/rules/r-unknown', expect: FOR_MANAGERS(404) },
  'POST /api/v1/rules': {
    url: '/api/v1/rules',
    payload: (caller) => ({ ...THRESHOLD, rule_id: `wait-${caller.replaceAll('_', '-')}` }),
    expect: FOR_MANAGERS(201),
    showsTenant: false,
  },
  // A's rule wait-centrum exists (made in beforeAll): B's manager finds no such rule of B's.
  'PUT /api/v1/rules/:id': {
    url: '/api/v1/rules/wait-centrum',
    payload: THRESHOLD,
    expect: FOR_MANAGERS(200, 404),
    showsTenant: false,
  },
  'DELETE /api/v1/rules/:id': { url: '/api/v1/rules/r-unknown', expect: FOR_MANAGERS(404) },
  'GET /api/v1/norms': { url: '/api/v1/norms', expect: FOR_MANAGERS(200), showsTenant: false },
  'POST /api/v1/norms': {
    url: '/api/v1/norms',
    payload: NORM,
    expect: FOR_MANAGERS(201),
    showsTenant: false,
  },
  'PUT /api/v1/norms/:id': {
    url: '/api/v1/norms/wait-10',
    payload: NORM,
    expect: FOR_MANAGERS(200),
    showsTenant: false,
  },
  'DELETE /api/v1/norms/:id': { url: '/api/v1/norms/wait-10', expect: FOR_MANAGERS(409) },
  'GET /api/v1/changes': { url: '/api/v1/changes', expect: FOR_MANAGERS(200) },
};

const firingAlert = (tenant: string, fingerprint: string) =>
  alertOf(tenant, fingerprint, 'firing', '2026-03-02T09:00:00.000Z', '2026-03-02T09:00:00.000Z', {
    labels: { tenant, rule_id: 'wait', location: tenant === TENANT_B ? B_LOCATION : LOCATION_A },
  });

const payloadOf = (row: Row, caller: Caller) =>
  row.payload === undefined
    ? {}
    : { payload: typeof row.payload === 'function' ? row.payload(caller) : row.payload };

/** Markers only B's data holds. */
const B_LOCATION = 'b-only-location';

const snapshots = [
  counterSnapshot(TENANT_A, { kind: 'tenant', id: null }, { waiting: 11 }),
  counterSnapshot(TENANT_A, { kind: 'location', id: LOCATION_A }, { waiting: 7 }),
  counterSnapshot(TENANT_A, { kind: 'location', id: 'stadsloket-noord' }, { waiting: 4 }),
  sourceSnapshot(TENANT_A, { system: 'telephony', vendor: 'asterisk' }, '2026-03-02T10:14:00.000Z'),
  counterSnapshot(TENANT_B, { kind: 'tenant', id: null }, { waiting: 99 }),
  counterSnapshot(TENANT_B, { kind: 'location', id: B_LOCATION }, { waiting: 98 }),
  sourceSnapshot(
    TENANT_B,
    { system: 'queue_management', vendor: 'b-only-vendor' },
    '2026-03-02T10:00:00.000Z',
  ),
];

// Routes that read ClickHouse find both municipalities' data here: seed B's rows next to A's in
// a beforeAll (with markers such as B_LOCATION), so that a leak shows in the checks below.
describe('the authorisation matrix', () => {
  const db = useTestDatabase('gateway_authz');
  let calls: Record<Caller, string | undefined>;
  beforeAll(async () => {
    calls = await credentials();
    const visits = (tenant: string, location: string, count: number) => ({
      tenant,
      day: '2026-03-02',
      location_id: location,
      queue_id: `${location}-queue`,
      kind: 'walk_in',
      visits: count,
      served: count,
      no_shows: 0,
      left_or_removed: 0,
      wait_count: count,
      wait_sum: count * 300,
      wait_p50: 300,
      wait_p90: 300,
      service_count: count,
      service_sum: count * 600,
      service_p90: 600,
      computed_at: '2026-03-03 00:00:00',
    });
    const { app } = await build(undefined, { db: db() });
    const made = await app.inject({
      method: 'POST',
      url: '/api/v1/rules',
      headers: bearer(calls.admin_of_a!),
      payload: THRESHOLD,
    });
    await app.close();
    expect(made.statusCode, made.body).toBe(201);
    await insertAlertStates(db(), [
      firingAlert(TENANT_A, A_ALERT),
      firingAlert(TENANT_B, 'b0b0b0b0b0b0b0b0'),
    ]);
    await db().insert('visits_per_day_v1', [
      visits(TENANT_A, LOCATION_A, 40),
      visits(TENANT_B, B_LOCATION, 70),
    ]);
  });

  it('has a row for every route that demands a caller, and every /api route demands one', async (t) => {
    const { app } = await build(t, { db: db(), snapshots });
    const guarded = app.routeTable
      .filter((r) => r.access && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`);
    expect(guarded.sort()).toEqual(Object.keys(MATRIX).sort());
    const openApi = app.routeTable.filter(
      (r) => r.url.startsWith('/api/') && !r.access && r.method !== 'OPTIONS',
    );
    expect(openApi).toEqual([]);
  });

  it("guards fastify's HEAD twin of every GET route as its GET route", async (t) => {
    const { app } = await build(t, { db: db(), snapshots });
    const heads = app.routeTable.filter((r) => r.method === 'HEAD' && r.url.startsWith('/api/'));
    expect(heads.length).toBeGreaterThan(0);
    for (const head of heads) {
      const get = app.routeTable.find((r) => r.method === 'GET' && r.url === head.url);
      expect(head.access, head.url).toEqual(get?.access);
      expect((await app.inject({ method: 'HEAD', url: head.url })).statusCode, head.url).toBe(401);
    }
  });

  for (const [route, row] of Object.entries(MATRIX)) {
    const [method] = route.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'];
    describe(route, () => {
      for (const caller of Object.keys(row.expect) as Caller[]) {
        it(`answers ${caller} with ${row.expect[caller]}`, async (t) => {
          const { app } = await build(t, { db: db(), snapshots });
          const credential = calls[caller];
          const res = await app.inject({
            method,
            url: row.url,
            headers: credential ? bearer(credential) : {},
            ...payloadOf(row, caller),
          });
          expect(res.statusCode, res.body).toBe(row.expect[caller]);
          if (res.statusCode >= 400) {
            expect(res.json().reason).toBeTruthy();
            return;
          }
          if (caller === 'manager_of_b') {
            if (row.showsTenant !== false) expect(res.body).toContain(TENANT_B);
            expect(res.body).not.toContain(TENANT_A);
            expect(res.body).not.toContain(LOCATION_A);
          } else {
            expect(res.body).not.toContain(TENANT_B);
            expect(res.body).not.toContain(B_LOCATION);
            expect(res.body).not.toContain('b-only-vendor');
          }
        });
      }

      it("refuses A's callers a parameter naming B with 403", async (t) => {
        const { app } = await build(t, { db: db(), snapshots });
        const separator = row.url.includes('?') ? '&' : '?';
        for (const parameter of ['tenant', 'municipality']) {
          const res = await app.inject({
            method,
            url: `${row.url}${separator}${parameter}=${TENANT_B}`,
            headers: bearer(calls.admin_of_a!),
            ...payloadOf(row, 'admin_of_a'),
          });
          expect(res.statusCode, `${parameter}: ${res.body}`).toBe(403);
          expect(res.body).not.toContain('b-only');
        }
      });
    });
  }
});
