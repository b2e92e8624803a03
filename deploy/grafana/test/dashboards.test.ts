import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLICKHOUSE, dashboardJson, dashboards, queriesOf } from '../src/index.js';

const folder = fileURLToPath(new URL('../dashboards/', import.meta.url));
const generated = dashboards();

describe('the generated dashboards', () => {
  it('are the files committed in deploy/grafana/dashboards (run `npm run dashboards` after a change)', () => {
    const committed = readdirSync(folder).filter((f) => f.endsWith('.json'));
    expect(committed.sort()).toEqual(Object.keys(generated).sort());
    for (const [file, dashboard] of Object.entries(generated))
      expect(readFileSync(`${folder}${file}`, 'utf8'), file).toBe(dashboardJson(dashboard));
  });

  it('are live operations, history, alerts and sources, each with its own uid', () => {
    const uids = Object.values(generated).map((d) => d.uid);
    expect(uids).toEqual(['stuurwiel-live', 'stuurwiel-history', 'stuurwiel-alerts', 'stuurwiel-sources']);
  });

  it("ask the provisioned ClickHouse data source, in the plugin's SQL query model", () => {
    for (const dashboard of Object.values(generated)) {
      for (const panel of dashboard.panels ?? []) {
        if (panel.type === 'text' || panel.type === 'row') continue;
        const targets = 'targets' in panel ? (panel.targets ?? []) : [];
        expect(targets.length, panel.title).toBeGreaterThan(0);
        for (const target of targets)
          expect(target, panel.title).toMatchObject({ datasource: CLICKHOUSE, editorType: 'sql' });
      }
    }
  });

  it('pick the municipality from a list, so that no typed value reaches the SQL', () => {
    for (const dashboard of Object.values(generated)) {
      const variables = dashboard.templating.list ?? [];
      expect(variables.map((v) => v.name)).toContain('tenant');
      for (const v of variables) expect(v.allowCustomValue, `${dashboard.title}: ${v.name}`).toBe(false);
      for (const q of queriesOf(dashboard))
        if (q.result !== 'variable') expect(q.rawSql).toContain("'${tenant}'");
    }
  });

  it('name the source of every figure in the panel description', () => {
    for (const dashboard of Object.values(generated))
      for (const panel of dashboard.panels ?? [])
        expect('description' in panel && panel.description, panel.title).toBeTruthy();
  });
});
