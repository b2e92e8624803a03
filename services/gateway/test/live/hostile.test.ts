import { describe, expect, it } from 'vitest';
import { bearer, build, LOCATION_A, TENANT_A, tokenFor } from '../support/build.js';
import { HOSTILE_VALUES } from '../support/hostile.js';
import { counterSnapshot } from '../support/snapshots.js';

// Acceptance 2 of issue 11 for the live routes: every hostile value through every filter
// parameter is refused with 400 and a reason naming the parameter, never a 500 or data.
// A free-form id (scope_id) may also take a value that is a plausible id, such as "1e309": then
// the answer holds no data.
const PARAMETERS = [
  { url: '/api/v1/live', name: 'domain', freeForm: false },
  { url: '/api/v1/live', name: 'scope_kind', freeForm: false },
  { url: '/api/v1/live', name: 'scope_id', freeForm: true },
  { url: '/api/v1/live', name: 'tenant', freeForm: false },
  { url: '/api/v1/sources', name: 'tenant', freeForm: false },
];

describe('hostile filter values on the live routes', () => {
  it('has at least 40 of them', () => {
    expect(HOSTILE_VALUES.length).toBeGreaterThanOrEqual(40);
  });

  for (const { url, name, freeForm } of PARAMETERS) {
    it(`refuses ${freeForm ? 'at least 40' : 'every one'} through ${name} of ${url} with 400 naming it, and shows no data`, async (t) => {
      const { app } = await build(t, {
        snapshots: [counterSnapshot(TENANT_A, { kind: 'location', id: LOCATION_A })],
        env: { GATEWAY_RATE_LIMIT_PER_MINUTE: '100000' },
      });
      const headers = bearer(await tokenFor('admin'));
      let refused = 0;
      for (const value of HOSTILE_VALUES) {
        const res = await app.inject({ url: `${url}?${name}=${value.encoded}`, headers });
        expect(res.body, value.label).not.toContain(LOCATION_A);
        if (freeForm && res.statusCode === 200) {
          expect(res.json().snapshots, value.label).toEqual([]);
          continue;
        }
        expect(res.statusCode, `${value.label}: ${res.body}`).toBe(400);
        expect(res.json().reason, value.label).toContain(name);
        refused += 1;
      }
      expect(refused).toBeGreaterThanOrEqual(freeForm ? 40 : HOSTILE_VALUES.length);
    });
  }

  it('refuses an array where one value belongs, and unknown or prototype-polluting fields', async (t) => {
    const { app } = await build(t);
    const headers = bearer(await tokenFor('admin'));
    for (const query of [
      'domain=counter&domain=phone',
      'scope_id=a&scope_id=b',
      'domain[]=counter',
      'domain[0]=counter',
      'colour=red',
      '__proto__=x',
      'constructor[prototype]=x',
      `tenant=${TENANT_A}&tenant=${TENANT_A}`,
    ]) {
      const res = await app.inject({ url: `/api/v1/live?${query}`, headers });
      expect(res.statusCode, `${query}: ${res.body}`).toBe(400);
      expect(res.json().reason, query).toBeTruthy();
    }
  });
});
