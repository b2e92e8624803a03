import { historyKpiInfo } from '@stuurwiel/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { KPI_NAMES, KPIS, type Kpi } from '../../src/history/kpis.js';
import { buildHistoryApp, unreachableDb } from './build.js';

describe('GET /api/v1/history/kpis', () => {
  let app: Awaited<ReturnType<typeof buildHistoryApp>>;
  beforeAll(async () => {
    app = await buildHistoryApp(unreachableDb);
  });
  afterAll(() => app.close());

  it('says per KPI what it can be filtered and grouped by, from any of its measure sets, and whether it has hours', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/history/kpis' });
    expect(response.statusCode).toBe(200);
    const kpis = new Map(
      z
        .array(historyKpiInfo)
        .parse(response.json())
        .map((k) => [k.name, k]),
    );
    // Visits by product come from a measure set of their own.
    expect(kpis.get('counter_visits')).toMatchObject({ hours: true });
    expect(kpis.get('counter_visits')!.dimensions).toEqual(
      expect.arrayContaining(['location', 'product', 'visit_type']),
    );
    expect(kpis.get('cases_closed')).toMatchObject({ hours: false });
    expect(kpis.get('cases_closed')!.dimensions).toContain('case_type');
    expect(kpis.get('phone_service_level')!.norm).toMatchObject({ unit: 'seconds' });
  });

  it('gives every KPI its definition and, where it has a norm, the norm in force in Dutch beside the English', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/history/kpis' });
    const kpis = z.array(historyKpiInfo).parse(response.json());
    expect(kpis.map((k) => k.name)).toEqual(KPI_NAMES);
    for (const kpi of kpis) {
      expect(kpi.definition_nl.trim(), kpi.name).not.toBe('');
      expect(kpi.definition_nl, kpi.name).not.toBe(kpi.definition);
      if (kpi.norm) {
        expect(kpi.norm.in_force_nl.trim(), kpi.name).not.toBe('');
        expect(kpi.norm.in_force_nl, kpi.name).not.toBe(kpi.norm.in_force);
      }
    }
    const registry = KPIS as Record<string, Kpi>;
    expect(kpis.filter((k) => k.norm).map((k) => k.name)).toEqual(
      KPI_NAMES.filter((name) => registry[name]!.norm),
    );
    expect(kpis.find((k) => k.name === 'callbacks_requested')!.definition_nl).toBe(
      'Terugbelverzoeken, naar de dag van het verzoek.',
    );
  });
});
