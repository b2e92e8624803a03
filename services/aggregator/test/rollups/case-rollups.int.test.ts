import { type Db, sql } from '@stuurwiel/clickhouse';
import { useTestDatabase } from '@stuurwiel/infra/testing';
import { describe, expect, it } from 'vitest';
import { insertCaseFacts } from '../../src/facts/store.js';
import type { CaseFact } from '../../src/facts/types.js';
import { caseRollupDays, recomputeCaseRollups } from '../../src/rollups/cases.js';

const TENANT = 'GM0599';
const DAYS = ['2026-04-27', '2026-04-28', '2026-04-29'];

// Cases of two types and two teams (one without a team), closed over three days with lead
// times, suspensions and extensions that differ; every fifth case is still open.
function closedFacts(): CaseFact[] {
  return Array.from({ length: 45 }, (_, i) => {
    const open = i % 5 === 4;
    const end = DAYS[i % 3]!;
    const lead = 20 + ((i * 17) % 50);
    return {
      tenant: TENANT,
      case_id: `Z${i}`,
      case_type_id: i % 2 === 0 ? 'vergunning' : 'melding',
      team_id: i % 3 === 1 ? null : 'team-a',
      start_date: '2026-03-02',
      end_date: open ? null : end,
      norm: { target: 56, unit: 'calendar_days' },
      due_date: '2026-04-28',
      legal_due_date: '2026-04-28',
      suspended: false,
      suspended_since: null,
      suspended_days: i % 4,
      extension_working_days: i % 6 === 0 ? 5 : 0,
      // Some extended in calendar weeks (ZGW P6W): extended all the same.
      extension_calendar_weeks: i % 6 === 3 ? 6 : 0,
      status: open ? 'open' : 'closed',
      lead_time_days: open ? null : lead,
      within_norm: open ? null : end <= '2026-04-28',
      last_status: null,
      result: open ? null : 'verleend',
      version: 4,
    } satisfies CaseFact;
  });
}

/** The same cases while they were still open: older versions that must never count. */
const earlier = (facts: CaseFact[]): CaseFact[] =>
  facts.map((f) => ({
    ...f,
    end_date: null,
    status: 'open',
    lead_time_days: null,
    within_norm: null,
    result: null,
    version: 2,
  }));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

function reference(facts: CaseFact[]) {
  const groups = new Map<string, CaseFact[]>();
  for (const f of facts) {
    if (f.status !== 'closed') continue;
    const key = [f.end_date, f.case_type_id, f.team_id ?? ''].join('|');
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups]
    .map(([key, list]) => {
      const [day, case_type_id, team_id] = key.split('|');
      const leads = list.map((f) => f.lead_time_days!);
      return {
        day,
        case_type_id,
        team_id,
        closed: list.length,
        closed_within_norm: list.filter((f) => f.within_norm).length,
        lead_time_days_sum: leads.reduce((a, b) => a + b, 0),
        lead_time_days_p50: percentile(leads, 0.5),
        lead_time_days_p90: percentile(leads, 0.9),
        suspended_days_sum: list.reduce((a, f) => a + f.suspended_days, 0),
        extended: list.filter((f) => f.extension_working_days > 0 || f.extension_calendar_weeks > 0).length,
      };
    })
    .sort((a, b) =>
      `${a.day}${a.case_type_id}${a.team_id}`.localeCompare(`${b.day}${b.case_type_id}${b.team_id}`),
    );
}

async function rollup(db: Db) {
  const rows = await db.query<Record<string, string | number>>(sql`
    SELECT toString(day) AS day, case_type_id, team_id, closed, closed_within_norm, lead_time_days_sum,
      lead_time_days_p50, lead_time_days_p90, suspended_days_sum, extended
    FROM cases_per_day_v1 FINAL WHERE tenant = ${TENANT}`);
  return rows
    .map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [
          k,
          ['day', 'case_type_id', 'team_id'].includes(k) ? v : Number(v),
        ]),
      ),
    )
    .sort((a, b) =>
      `${a.day}${a.case_type_id}${a.team_id}`.localeCompare(`${b.day}${b.case_type_id}${b.team_id}`),
    );
}

describe('case rollups from facts', () => {
  const db = useTestDatabase('caserollups');

  it('count each closed case once on its end date, whatever versions arrive in whatever order', async () => {
    const facts = closedFacts();
    // The final state first, then the older open rows (a replica that lagged behind).
    await insertCaseFacts(db(), facts);
    await insertCaseFacts(db(), earlier(facts));
    expect(caseRollupDays(facts)).toEqual(DAYS);
    await recomputeCaseRollups(db(), TENANT, caseRollupDays(facts), new Date());
    const first = await rollup(db());
    expect(first).toEqual(reference(facts));
    expect(first.reduce((a, r) => a + Number(r.closed), 0)).toBe(36);

    // A redelivery of everything, then two recomputations: nothing changes.
    await insertCaseFacts(db(), facts);
    await insertCaseFacts(db(), earlier(facts));
    await recomputeCaseRollups(db(), TENANT, DAYS, new Date());
    await recomputeCaseRollups(db(), TENANT, DAYS, new Date());
    expect(await rollup(db())).toEqual(first);

    const [row] = await db().query<{ n: string }>(
      sql`SELECT count() AS n FROM case_facts_v1 FINAL WHERE tenant = ${TENANT}`,
    );
    expect(Number(row!.n)).toBe(45);
  });

  it('moves a case whose end date is corrected, leaving its old group at zero', async () => {
    const tenant = 'GM0014';
    const base = { ...closedFacts()[0]!, tenant, case_id: 'Z-moved', team_id: 'team-b' };
    await insertCaseFacts(db(), [{ ...base, end_date: '2026-04-27', version: 4 }]);
    await recomputeCaseRollups(db(), tenant, ['2026-04-27'], new Date());
    await insertCaseFacts(db(), [{ ...base, end_date: '2026-04-29', version: 5 }]);
    await recomputeCaseRollups(db(), tenant, ['2026-04-27', '2026-04-29'], new Date());
    const rows = await db().query<{ day: string; closed: string }>(sql`
      SELECT toString(day) AS day, closed FROM cases_per_day_v1 FINAL
      WHERE tenant = ${tenant} ORDER BY day`);
    expect(rows.map((r) => [r.day, Number(r.closed)])).toEqual([
      ['2026-04-27', 0],
      ['2026-04-29', 1],
    ]);
  });

  it('recomputes several tenants in one statement, zeroing only the group a case left', async () => {
    const [a, b] = ['GM0034', 'GM0037'];
    const base = { ...closedFacts()[0]!, case_id: 'Z-two', team_id: 'team-c' };
    await insertCaseFacts(db(), [
      { ...base, tenant: a, end_date: '2026-04-27', version: 4 },
      { ...base, tenant: b, end_date: '2026-04-27', version: 4 },
    ]);
    await recomputeCaseRollups(db(), [a, b], ['2026-04-27'], new Date());
    // Only tenant a's case moves; b's identical group on the same day must keep its case.
    await insertCaseFacts(db(), [{ ...base, tenant: a, end_date: '2026-04-29', version: 5 }]);
    await recomputeCaseRollups(db(), [a, b], ['2026-04-27', '2026-04-29'], new Date());
    const rows = await db().query<{ tenant: string; day: string; closed: string }>(sql`
      SELECT tenant, toString(day) AS day, closed FROM cases_per_day_v1 FINAL
      WHERE tenant = ${a} OR tenant = ${b} ORDER BY tenant, day`);
    expect(rows.map((r) => [r.tenant, r.day, Number(r.closed)])).toEqual([
      [a, '2026-04-27', 0],
      [a, '2026-04-29', 1],
      [b, '2026-04-27', 1],
    ]);
  });
});
