import { alertingConfigMessage, referenceEvents, TOPICS } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { nextChangeId } from '../../src/settings/changes.js';
import { unreachableDb } from '../history/build.js';
import { FORECAST, NORM, SILENCE, THRESHOLD } from '../support/settings.js';
import { buildSettingsApp, caller, emptyDb, NOW, recordingPublisher } from './build.js';

type Request = { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; url: string; payload?: Record<string, unknown> };

/** Every route with a valid request, and the least role that may send it. */
const ROUTES: { request: Request; needs: 'teamlead' | 'manager' }[] = [
  { request: { method: 'GET', url: '/api/v1/alerts' }, needs: 'teamlead' },
  { request: { method: 'GET', url: '/api/v1/alerts/0123456789abcdef' }, needs: 'teamlead' },
  {
    request: { method: 'POST', url: '/api/v1/alerts/0123456789abcdef/acknowledge', payload: {} },
    needs: 'teamlead',
  },
  { request: { method: 'GET', url: '/api/v1/silences' }, needs: 'teamlead' },
  { request: { method: 'POST', url: '/api/v1/silences', payload: SILENCE }, needs: 'teamlead' },
  { request: { method: 'POST', url: '/api/v1/silences/s-1/expire' }, needs: 'teamlead' },
  { request: { method: 'GET', url: '/api/v1/mutes' }, needs: 'teamlead' },
  {
    request: {
      method: 'POST',
      url: '/api/v1/mutes',
      payload: { matchers: SILENCE.matchers, when: 'outside_opening_hours' },
    },
    needs: 'teamlead',
  },
  { request: { method: 'DELETE', url: '/api/v1/mutes/m-1' }, needs: 'teamlead' },
  { request: { method: 'GET', url: '/api/v1/rules' }, needs: 'manager' },
  { request: { method: 'GET', url: '/api/v1/rules/wait-centrum' }, needs: 'manager' },
  { request: { method: 'POST', url: '/api/v1/rules', payload: THRESHOLD }, needs: 'manager' },
  { request: { method: 'PUT', url: '/api/v1/rules/wait-centrum', payload: THRESHOLD }, needs: 'manager' },
  { request: { method: 'DELETE', url: '/api/v1/rules/wait-centrum' }, needs: 'manager' },
  { request: { method: 'GET', url: '/api/v1/norms' }, needs: 'manager' },
  { request: { method: 'POST', url: '/api/v1/norms', payload: NORM }, needs: 'manager' },
  { request: { method: 'PUT', url: '/api/v1/norms/wait-10', payload: NORM }, needs: 'manager' },
  { request: { method: 'DELETE', url: '/api/v1/norms/wait-10' }, needs: 'manager' },
  { request: { method: 'GET', url: '/api/v1/changes' }, needs: 'manager' },
];

const BELOW = { teamlead: ['wallscreen'], manager: ['wallscreen', 'teamlead'] } as const;

describe('roles of the alert and settings routes', () => {
  for (const { request, needs } of ROUTES) {
    it(`${request.method} ${request.url}: refused (403) below ${needs}, without reaching ClickHouse or Kafka`, async () => {
      for (const role of BELOW[needs]) {
        const publisher = recordingPublisher();
        const app = await buildSettingsApp({ principal: caller(role), db: unreachableDb, publisher });
        const res = await app.inject(request);
        expect(res.statusCode, role).toBe(403);
        expect(res.json().reason).toContain(`needs the ${needs} role`);
        expect(publisher.config).toEqual([]);
        await app.close();
      }
    });

    it(`${request.method} ${request.url}: answered for ${needs} and admin (no 403)`, async () => {
      for (const role of [needs, 'admin'] as const) {
        const app = await buildSettingsApp({ principal: caller(role), db: emptyDb() });
        const res = await app.inject(request);
        expect(res.statusCode, `${role}: ${res.body}`).not.toBe(403);
        expect(res.statusCode, `${role}: ${res.body}`).toBeLessThan(500);
        await app.close();
      }
    });
  }
});

describe('rules: an impossible rule gets 400 naming the field', () => {
  const refused = async (rule: Record<string, unknown>) => {
    const publisher = recordingPublisher();
    const db = emptyDb();
    const app = await buildSettingsApp({ principal: caller('manager'), db, publisher });
    const res = await app.inject({ method: 'POST', url: '/api/v1/rules', payload: rule });
    await app.close();
    expect(publisher.config).toEqual([]);
    expect(db.inserted).toEqual([]);
    expect(res.statusCode, res.body).toBe(400);
    return res.json().issues as { field: string | null; reason: string }[];
  };

  it('a negative threshold', async () => {
    expect((await refused({ ...THRESHOLD, threshold: -5 })).map((i) => i.field)).toContain('threshold');
  });

  it('a share threshold above 1', async () => {
    const issues = await refused({
      ...THRESHOLD,
      domain: 'phone',
      scope: { kind: 'queue', id: 'q1' },
      metric: 'windows.15m.service_level',
      threshold: 80,
    });
    expect(issues.map((i) => i.field)).toContain('threshold');
  });

  it('an unknown metric', async () => {
    const issues = await refused({ ...THRESHOLD, metric: 'now.queue_length_estimate' });
    expect(issues).toContainEqual({ field: 'metric', reason: expect.stringContaining('does not exist') });
  });

  it('a scope kind the domain does not publish', async () => {
    const issues = await refused({ ...THRESHOLD, scope: { kind: 'case_type', id: 'x' } });
    expect(issues.map((i) => i.field)).toContain('scope.kind');
  });

  it('a forecast horizon not shorter than the counter wait norm', async () => {
    const issues = await refused({ ...FORECAST, horizon_minutes: 10 });
    expect(issues).toContainEqual({
      field: 'horizon_minutes',
      reason: expect.stringContaining('norm of 10 min'),
    });
  });

  it('an unknown kind and an unknown field', async () => {
    expect((await refused({ ...THRESHOLD, kind: 'weather' })).map((i) => i.field)).toContain('kind');
    expect((await refused({ ...THRESHOLD, colour: 'red' })).map((i) => i.field)).toContain('colour');
  });

  it('arrays where scalars belong, strings where numbers belong, and a tenant in the body', async () => {
    expect((await refused({ ...THRESHOLD, name: ['a', 'b'] })).map((i) => i.field)).toContain('name');
    expect((await refused({ ...THRESHOLD, threshold: '900' })).map((i) => i.field)).toContain('threshold');
    expect(
      (await refused({ ...THRESHOLD, scope: { kind: 'location', id: 'centrum', tenant: 'GM0014' } })).map(
        (i) => i.field,
      ),
    ).toContain('scope.tenant');
    expect((await refused({ ...THRESHOLD, tenant: 'GM0014' })).map((i) => i.field)).toContain('tenant');
  });

  it('a PUT whose rule_id differs from the path', async () => {
    const app = await buildSettingsApp({ principal: caller('manager'), db: emptyDb() });
    const res = await app.inject({ method: 'PUT', url: '/api/v1/rules/other', payload: THRESHOLD });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([{ field: 'rule_id', reason: 'must equal the id in the path' }]);
    await app.close();
  });
});

describe('rules, silences, mutes and norms are handed on as data and logged', () => {
  it('a possible rule goes to alerting.config.v1 as a valid message keyed by rule, and into the change log', async () => {
    const publisher = recordingPublisher();
    const db = emptyDb();
    const app = await buildSettingsApp({ principal: caller('manager'), db, publisher });
    const res = await app.inject({ method: 'POST', url: '/api/v1/rules', payload: FORECAST });
    expect(res.statusCode, res.body).toBe(201);
    expect(publisher.config).toHaveLength(1);
    const sent = publisher.config[0]!;
    expect(sent.key).toBe('GM0363|rule|forecast-centrum');
    expect(alertingConfigMessage.parse(sent.value)).toMatchObject({
      type: 'rule',
      tenant: 'GM0363',
      changed_by: 'manager-1',
      changed_at: NOW.toISOString(),
      rule: { rule_id: 'forecast-centrum', severity: 'warning', enabled: true },
    });
    expect(db.inserted).toEqual([
      {
        table: 'settings_changes_v1',
        rows: [
          expect.objectContaining({
            tenant: 'GM0363',
            kind: 'rule',
            id: 'forecast-centrum',
            action: 'create',
            changed_by: 'manager-1',
            before: '',
            at: '2026-05-04 09:00:00',
          }),
        ],
      },
    ]);
    await app.close();
  });

  it('a silence gets an id, its author and a start of now; a team lead limited to teams silences only theirs', async () => {
    const publisher = recordingPublisher();
    const app = await buildSettingsApp({
      principal: caller('teamlead', ['burgerzaken']),
      db: emptyDb(),
      publisher,
    });
    const res = await app.inject({ method: 'POST', url: '/api/v1/silences', payload: SILENCE });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      starts_at: NOW.toISOString(),
      created_by: 'teamlead-1',
      status: 'active',
    });
    const message = alertingConfigMessage.parse(publisher.config[0]?.value);
    expect(message.type === 'silence' && message.silence.silence_id).toBe(res.json().silence_id);

    const other = await app.inject({
      method: 'POST',
      url: '/api/v1/silences',
      payload: { ...SILENCE, matchers: [{ name: 'queue', value: 'q1' }] },
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().issues[0].field).toBe('matchers');
    expect(publisher.config).toHaveLength(1);
    await app.close();
  });

  it('refuses a silence that ends before it starts, or has ended, and a matcher with a broken expression', async () => {
    const app = await buildSettingsApp({ principal: caller('teamlead'), db: emptyDb() });
    const post = (payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: '/api/v1/silences', payload });
    const backwards = await post({ ...SILENCE, starts_at: '2026-05-04T13:00:00Z' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().issues[0].field).toBe('ends_at');
    const past = await post({
      ...SILENCE,
      starts_at: '2026-05-04T07:00:00Z',
      ends_at: '2026-05-04T08:00:00Z',
    });
    expect(past.json().issues).toEqual([{ field: 'ends_at', reason: 'must be in the future' }]);
    const regex = await post({ ...SILENCE, matchers: [{ name: 'team', value: '(', op: '=~' }] });
    expect(regex.statusCode).toBe(400);
    expect(regex.json().issues[0].field).toBe('matchers.0.value');
    const unknown = await post({ ...SILENCE, silence_id: 'mine' });
    expect(unknown.json().issues).toContainEqual({ field: 'silence_id', reason: 'is not a known parameter' });
    await app.close();
  });

  it('a norm goes to events.reference.v1 as a canonical reference.norm event of source reference/stuurwiel', async () => {
    const publisher = recordingPublisher();
    const app = await buildSettingsApp({ principal: caller('manager'), db: emptyDb(), publisher });
    const res = await app.inject({ method: 'PUT', url: '/api/v1/norms/wait-10', payload: NORM });
    expect(res.statusCode, res.body).toBe(200);
    const event = referenceEvents['reference.norm'].parse(publisher.norms[0]);
    expect(event).toMatchObject({
      tenant: 'GM0363',
      source: { system: 'reference', vendor: 'stuurwiel' },
      occurred_at: NOW.toISOString(),
      payload: NORM,
    });
    expect(TOPICS.reference).toBe('events.reference.v1');
    await app.close();
  });

  it('a norm cannot be withdrawn: 409 with the reason', async () => {
    const app = await buildSettingsApp({ principal: caller('manager'), db: emptyDb() });
    const res = await app.inject({ method: 'DELETE', url: '/api/v1/norms/wait-10' });
    expect(res.statusCode).toBe(409);
    expect(res.json().reason).toContain('cannot be withdrawn');
    await app.close();
  });

  it('unknown rules, mutes, silences and alerts are 404, naming the id', async () => {
    const app = await buildSettingsApp({ principal: caller('manager'), db: emptyDb() });
    for (const request of [
      { method: 'DELETE', url: '/api/v1/rules/nope' },
      { method: 'PUT', url: '/api/v1/rules/wait-centrum', payload: THRESHOLD },
      { method: 'DELETE', url: '/api/v1/mutes/nope' },
      { method: 'POST', url: '/api/v1/silences/nope/expire' },
      { method: 'GET', url: '/api/v1/alerts/0123456789abcdef' },
      { method: 'POST', url: '/api/v1/alerts/0123456789abcdef/acknowledge', payload: { comment: 'gezien' } },
    ] as const) {
      const res = await app.inject(request);
      expect(res.statusCode, request.url).toBe(404);
    }
    await app.close();
  });

  it('refuses hostile alert filters with 400 naming the parameter', async () => {
    const app = await buildSettingsApp({ principal: caller('teamlead'), db: unreachableDb });
    for (const [name, value] of [
      ['state', 'burning'],
      ['rule_kind', 'weather'],
      ['team', "x' OR 1=1"],
      ['location', 'centrum--'],
      ['from', 'yesterday'],
      ['limit', '99999'],
      ['tenant', 'GM0014'],
    ]) {
      const res = await app.inject({
        method: 'GET',
        url: `/api/v1/alerts?${name}=${encodeURIComponent(value!)}`,
      });
      expect(res.statusCode, name).toBe(400);
      expect(
        res.json().issues.map((i: { field: string }) => i.field),
        name,
      ).toContain(name);
    }
    await app.close();
  });

  it("a team lead limited to teams may not ask for another team's alerts", async () => {
    const app = await buildSettingsApp({ principal: caller('teamlead', ['burgerzaken']), db: unreachableDb });
    const res = await app.inject({ method: 'GET', url: '/api/v1/alerts?team=belastingen' });
    expect(res.statusCode).toBe(403);
    expect(res.json().issues).toEqual([{ field: 'team', reason: 'is not one of your teams' }]);
    await app.close();
  });
});

describe('change ids', () => {
  it('sort in the order the changes were made, also within one millisecond', () => {
    const ids = Array.from({ length: 1000 }, () => nextChangeId());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
