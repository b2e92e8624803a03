import { type Db, sql } from '@stuurwiel/clickhouse';
import { useTestDatabase } from '@stuurwiel/infra/testing';
import { describe, expect, it } from 'vitest';
import { insertVisitFacts } from '../../src/facts/store.js';
import type { VisitFact } from '../../src/facts/types.js';
import { recomputeVisitDailyRollup, recomputeVisitHourlyRollup } from '../../src/rollups/visits.js';

const TENANT = 'GM0599';

// A day of visits in two queues, with waits and outcomes that make every measure non-trivial;
// the last ones arrive after 23:00 UTC, which is already the next day in Amsterdam.
function facts(): VisitFact[] {
  const out: VisitFact[] = [];
  for (let i = 0; i < 60; i++) {
    const arrived = Date.parse('2026-03-29T20:05:00Z') + i * 210_000;
    const outcome = i % 10 === 3 ? 'no_show' : i % 10 === 7 ? 'left' : 'served';
    const wait = outcome === 'served' ? 60 + ((i * 37) % 900) : null;
    const service = outcome === 'served' ? 120 + ((i * 53) % 600) : null;
    out.push({
      tenant: TENANT,
      visit_id: `V${i}`,
      location_id: 'stadswinkel',
      queue_id: i % 3 === 0 ? 'rijbewijzen' : 'paspoorten',
      desk_id: outcome === 'served' ? `balie-${i % 4}` : null,
      kind: i % 5 === 0 ? 'appointment' : 'walk_in',
      products: ['paspoort'],
      arrived_at: new Date(arrived).toISOString(),
      appointment_start: i % 5 === 0 ? new Date(arrived + 60_000).toISOString() : null,
      called_at: wait === null ? null : new Date(arrived + wait * 1000).toISOString(),
      finished_at: new Date(arrived + ((wait ?? 300) + (service ?? 0)) * 1000).toISOString(),
      outcome,
      wait_seconds: wait,
      service_seconds: service,
      transfers: 0,
      recalls: 0,
    });
  }
  return out;
}

/** The documented percentile: the value at 0-based index floor(p·n) of the sorted values. */
function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** The hourly rollup computed plainly, for comparison. */
function reference(all: VisitFact[]) {
  const groups = new Map<string, VisitFact[]>();
  for (const f of all) {
    const hour = new Date(f.arrived_at);
    hour.setUTCMinutes(0, 0, 0);
    const key = [hour.toISOString().slice(0, 19).replace('T', ' '), f.location_id, f.queue_id, f.kind].join(
      '|',
    );
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups]
    .map(([key, list]) => {
      const [hour, location_id, queue_id, kind] = key.split('|');
      const waits = list.flatMap((f) => (f.wait_seconds === null ? [] : [f.wait_seconds]));
      const services = list.flatMap((f) => (f.service_seconds === null ? [] : [f.service_seconds]));
      return {
        hour,
        location_id,
        queue_id,
        kind,
        visits: list.length,
        served: list.filter((f) => f.outcome === 'served').length,
        no_shows: list.filter((f) => f.outcome === 'no_show').length,
        left_or_removed: list.filter((f) => f.outcome === 'left' || f.outcome === 'removed').length,
        wait_count: waits.length,
        wait_sum: waits.reduce((a, b) => a + b, 0),
        wait_p50: percentile(waits, 0.5),
        wait_p90: percentile(waits, 0.9),
        service_count: services.length,
        service_sum: services.reduce((a, b) => a + b, 0),
        service_p90: percentile(services, 0.9),
      };
    })
    .sort((a, b) => `${a.hour}${a.queue_id}${a.kind}`.localeCompare(`${b.hour}${b.queue_id}${b.kind}`));
}

async function hourly(db: Db) {
  const rows = await db.query<Record<string, string | number>>(sql`
    SELECT toString(hour) AS hour, location_id, queue_id, toString(kind) AS kind, visits, served, no_shows,
      left_or_removed, wait_count, wait_sum, wait_p50, wait_p90, service_count, service_sum, service_p90
    FROM visits_per_hour_v1 FINAL WHERE tenant = ${TENANT}
    ORDER BY hour, queue_id, kind`);
  return rows
    .map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [
          k,
          ['hour', 'location_id', 'queue_id', 'kind'].includes(k) ? v : Number(v),
        ]),
      ),
    )
    .sort((a, b) => `${a.hour}${a.queue_id}${a.kind}`.localeCompare(`${b.hour}${b.queue_id}${b.kind}`));
}

// The scheduler runs the hour and the day tables apart; these tests read both.
async function recomputeHourAndDay(db: Db, facts: readonly VisitFact[]): Promise<void> {
  const at = new Date();
  const instants = facts.map((f) => f.arrived_at);
  await recomputeVisitHourlyRollup(db, TENANT, instants, at);
  await recomputeVisitDailyRollup(db, TENANT, instants, at);
}

describe('visit rollups from facts', () => {
  const db = useTestDatabase('rollups');

  it('equal a plain calculation, per hour, and stay equal when facts are delivered again', async () => {
    const all = facts();
    await insertVisitFacts(db(), all);
    await recomputeHourAndDay(db(), all);
    const first = await hourly(db());
    expect(first).toEqual(reference(all));

    // A redelivery: every fact inserted again (new version), rollups recomputed twice.
    await insertVisitFacts(db(), all, new Date(Date.now() + 1000));
    await recomputeHourAndDay(db(), all);
    await recomputeHourAndDay(db(), all);
    expect(await hourly(db())).toEqual(first);
  });

  it('puts visits after 23:00 UTC on the next Amsterdam day', async () => {
    const rows = await db().query<{ day: string; visits: string }>(sql`
      SELECT toString(day) AS day, sum(visits) AS visits FROM visits_per_day_v1 FINAL
      WHERE tenant = ${TENANT} GROUP BY day ORDER BY day`);
    const all = facts();
    const local = (iso: string) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date(iso));
    const expected = new Map<string, number>();
    for (const f of all) expected.set(local(f.arrived_at), (expected.get(local(f.arrived_at)) ?? 0) + 1);
    expect(rows.map((r) => [r.day, Number(r.visits)])).toEqual([...expected]);
    expect(rows.map((r) => r.day)).toEqual(['2026-03-29', '2026-03-30']);
  });
});
