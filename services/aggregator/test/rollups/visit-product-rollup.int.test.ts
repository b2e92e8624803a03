import { type Db, sql } from '@stuurwiel/clickhouse';
import { useTestDatabase } from '@stuurwiel/infra/testing';
import { describe, expect, it } from 'vitest';
import { insertVisitFacts } from '../../src/facts/store.js';
import type { VisitFact } from '../../src/facts/types.js';
import { recomputeVisitProductRollup } from '../../src/rollups/visits.js';

const TENANT = 'GM0599';

const local = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date(iso));

const PRODUCTS = [['paspoort'], ['paspoort', 'rijbewijs'], [], ['rijbewijs', 'rijbewijs'], ['uittreksel']];

// Visits from 21:00 UTC on, so the later ones fall on the next Amsterdam day.
function facts(): VisitFact[] {
  return Array.from({ length: 40 }, (_, i) => {
    const arrived = Date.parse('2026-03-30T21:00:00Z') + i * 4 * 60_000;
    const outcome = i % 6 === 5 ? 'left' : 'served';
    const wait = outcome === 'served' ? 30 + ((i * 41) % 700) : null;
    return {
      tenant: TENANT,
      visit_id: `V${i}`,
      location_id: i % 2 === 0 ? 'stadhuis' : 'wijkpost',
      queue_id: 'burgerzaken',
      desk_id: null,
      kind: 'walk_in',
      products: PRODUCTS[i % PRODUCTS.length]!,
      arrived_at: new Date(arrived).toISOString(),
      appointment_start: null,
      called_at: wait === null ? null : new Date(arrived + wait * 1000).toISOString(),
      finished_at: new Date(arrived + 1_200_000).toISOString(),
      outcome,
      wait_seconds: wait,
      service_seconds: wait === null ? null : 300,
      transfers: 0,
      recalls: 0,
    } satisfies VisitFact;
  });
}

function reference(all: VisitFact[]) {
  const rows = new Map<string, number[]>();
  for (const f of all) {
    const products = f.products.length === 0 ? [''] : [...new Set(f.products)];
    for (const product of products) {
      const key = [local(f.arrived_at), f.location_id, product].join('|');
      const [visits, served, waitCount, waitSum] = rows.get(key) ?? [0, 0, 0, 0];
      rows.set(key, [
        visits! + 1,
        served! + (f.outcome === 'served' ? 1 : 0),
        waitCount! + (f.wait_seconds === null ? 0 : 1),
        waitSum! + (f.wait_seconds ?? 0),
      ]);
    }
  }
  return [...rows]
    .map(([key, [visits, served, wait_count, wait_sum]]) => {
      const [day, location_id, product_id] = key.split('|');
      return { day, location_id, product_id, visits, served, wait_count, wait_sum };
    })
    .sort((a, b) =>
      `${a.day}|${a.location_id}|${a.product_id}`.localeCompare(`${b.day}|${b.location_id}|${b.product_id}`),
    );
}

async function rollup(db: Db) {
  const rows = await db.query<Record<string, string | number>>(sql`
    SELECT toString(day) AS day, location_id, product_id, visits, served, wait_count, wait_sum
    FROM visits_by_product_per_day_v1 FINAL WHERE tenant = ${TENANT}`);
  const text = ['day', 'location_id', 'product_id'];
  return rows
    .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, text.includes(k) ? v : Number(v)])))
    .sort((a, b) =>
      `${a.day}|${a.location_id}|${a.product_id}`.localeCompare(`${b.day}|${b.location_id}|${b.product_id}`),
    );
}

describe('visits by product per day', () => {
  const db = useTestDatabase('visitproducts');

  it('counts a visit once per distinct product (none as ""), and stays equal after a redelivery', async () => {
    const all = facts();
    const instants = all.map((f) => f.arrived_at);
    await insertVisitFacts(db(), all);
    await recomputeVisitProductRollup(db(), TENANT, instants, new Date());
    const first = await rollup(db());
    expect(first).toEqual(reference(all));
    expect(first.some((r) => r.product_id === '')).toBe(true);
    expect(new Set(first.map((r) => r.day))).toEqual(new Set(['2026-03-30', '2026-03-31']));

    await insertVisitFacts(db(), all, new Date(Date.now() + 1000));
    await recomputeVisitProductRollup(db(), TENANT, instants, new Date());
    await recomputeVisitProductRollup(db(), TENANT, instants, new Date());
    expect(await rollup(db())).toEqual(first);
  });
});
