import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unreachableDb } from '../history/build.js';
import { HOSTILE_VALUES } from '../history/hostile-values.js';
import { buildSettingsApp, caller } from './build.js';

/**
 * Acceptance 2 of the gateway for the alert list and the change log: every hostile value through
 * every query parameter is refused with 400 naming the parameter, before any statement is sent
 * (the Db fails the test if it is reached).
 */

const QUERIES = {
  '/api/v1/alerts': ['state', 'rule_kind', 'team', 'location', 'from', 'to', 'limit'],
  '/api/v1/changes': ['kind', 'id', 'from', 'to', 'limit'],
} as const;

describe('hostile input to the alert list and the change log', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildSettingsApp({ principal: caller('admin'), db: unreachableDb });
  });
  afterAll(() => app.close());

  for (const [path, parameters] of Object.entries(QUERIES)) {
    for (const parameter of parameters) {
      it(`${path}: refuses every hostile ${parameter} with 400 naming it, without querying`, async () => {
        const failures: string[] = [];
        for (const value of HOSTILE_VALUES) {
          const res = await app.inject({
            method: 'GET',
            url: `${path}?${new URLSearchParams({ [parameter]: value })}`,
          });
          const fields =
            res.statusCode === 400 ? res.json().issues.map((i: { field: string }) => i.field) : [];
          if (!fields.includes(parameter))
            failures.push(`${JSON.stringify(value)}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
        expect(failures).toEqual([]);
      });

      it(`${path}: refuses ${parameter} given twice`, async () => {
        const res = await app.inject({ method: 'GET', url: `${path}?${parameter}=a&${parameter}=a` });
        expect(res.statusCode).toBe(400);
        expect(res.json().issues.map((i: { field: string }) => i.field)).toContain(parameter);
      });
    }

    it(`${path}: refuses the tenant and unknown parameters, naming them`, async () => {
      for (const name of ['tenant', 'teams', '__proto__', 'fingerprint[]']) {
        const res = await app.inject({
          method: 'GET',
          url: `${path}?${new URLSearchParams({ [name]: 'GM0014' })}`,
        });
        expect(res.statusCode, name).toBe(400);
        expect(res.json().issues, name).toContainEqual({ field: name, reason: 'is not a known parameter' });
      }
    });
  }

  it('refuses hostile path ids with 400 naming them', async () => {
    for (const url of [
      '/api/v1/alerts/0123456789abcdeg',
      "/api/v1/alerts/'%20OR%201=1",
      '/api/v1/rules/a--b',
      "/api/v1/rules/x'y",
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(
        res.json().issues.map((i: { field: string }) => i.field),
        url,
      ).toEqual(expect.arrayContaining([expect.stringMatching(/^(fingerprint|id)$/)]));
    }
  });
});
