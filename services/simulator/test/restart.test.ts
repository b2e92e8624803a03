import { describe, expect, it } from 'vitest';
import { configs, simulate } from './simulate.js';

describe('a restarted simulator', async () => {
  const { hoogmeer } = await configs();
  const ids = (from: string, to: string) => {
    const { records } = simulate(hoogmeer!, from, to);
    return {
      visits: new Set(
        records.flatMap((r) => (r.source === 'qmatic' && r.body.visitId ? [String(r.body.visitId)] : [])),
      ),
      zaken: new Set(records.flatMap((r) => (r.source === 'zgw' ? [String(r.body.hoofdObject)] : []))),
      answers: new Set(records.flatMap((r) => (r.source === 'survey' ? [String(r.body.response_id)] : []))),
    };
  };

  it('never reuses the visit, zaak or survey ids of an earlier run', () => {
    const first = ids('2026-03-03T08:00:00Z', '2026-03-03T14:00:00Z');
    const second = ids('2026-03-03T14:00:00Z', '2026-03-03T20:00:00Z');
    for (const kind of ['visits', 'zaken', 'answers'] as const) {
      expect(first[kind].size, kind).toBeGreaterThan(0);
      expect(second[kind].size, kind).toBeGreaterThan(0);
      expect(
        [...second[kind]].filter((id) => first[kind].has(id)),
        kind,
      ).toEqual([]);
    }
  });

  it('keeps the catalogue: the zaaktype URLs are the same in every run', () => {
    const zaaktypen = (from: string) =>
      new Set(
        simulate(hoogmeer!, from, from).records.flatMap((r) =>
          r.source === 'zgw' ? [String((r.body.kenmerken as { zaaktype?: string }).zaaktype)] : [],
        ),
      );
    expect(zaaktypen('2026-03-03T08:00:00Z')).toEqual(zaaktypen('2026-03-04T08:00:00Z'));
  });
});
