import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { CLICKHOUSE, ClickHouseQueryBuilder } from './clickhouse-query.js';

/** What every panel of ours has: a title, a description that says where its figures come from, a size. */
export interface PanelSpec {
  title: string;
  description: string;
  /** Width in grid columns (of 24) and height in rows. */
  width: number;
  height: number;
  /** The unit of every value, or of the named columns only (a share beside counts). */
  unit?: string | Readonly<Record<string, string>>;
}

type WithUnits = {
  unit(unit: string): unknown;
  overrideByName(name: string, properties: { id: string; value: unknown }[]): unknown;
};

function applyUnit(panel: WithUnits, unit: PanelSpec['unit']) {
  if (unit === undefined) return;
  if (typeof unit === 'string') {
    panel.unit(unit);
    return;
  }
  for (const [column, value] of Object.entries(unit)) panel.overrideByName(column, [{ id: 'unit', value }]);
}

/**
 * A time series: each SQL must return `time` (a DateTime) first, then numbers, optionally one
 * string column whose values name the series.
 */
export function timeSeriesPanel(spec: PanelSpec, ...sql: string[]) {
  const panel = new timeseries.PanelBuilder()
    .title(spec.title)
    .description(spec.description)
    .datasource(CLICKHOUSE)
    .span(spec.width)
    .height(spec.height)
    .fillOpacity(10)
    .spanNulls(false);
  applyUnit(panel, spec.unit);
  sql.forEach((text, i) => {
    panel.withTarget(new ClickHouseQueryBuilder(text, 'timeSeries').refId(String.fromCharCode(65 + i)));
  });
  return panel;
}

/** One or more big numbers, one per column of the single row the SQL returns. */
export function statPanel(spec: PanelSpec, sql: string) {
  const panel = new stat.PanelBuilder()
    .title(spec.title)
    .description(spec.description)
    .datasource(CLICKHOUSE)
    .span(spec.width)
    .height(spec.height)
    .withTarget(new ClickHouseQueryBuilder(sql, 'table'));
  applyUnit(panel, spec.unit);
  return panel;
}

export function tablePanel(spec: PanelSpec, sql: string) {
  const panel = new table.PanelBuilder()
    .title(spec.title)
    .description(spec.description)
    .datasource(CLICKHOUSE)
    .span(spec.width)
    .height(spec.height)
    .withTarget(new ClickHouseQueryBuilder(sql, 'table'));
  applyUnit(panel, spec.unit);
  return panel;
}

/** The dashboards' common frame: tags, time zone, refresh, and the stuurwiel links between them. */
export function stuurwielDashboard(uid: string, title: string, description: string) {
  return new dashboard.DashboardBuilder(title)
    .uid(uid)
    .description(description)
    .tags(['stuurwiel'])
    .timezone('Europe/Amsterdam')
    .readonly()
    .link(
      new dashboard.DashboardLinkBuilder('stuurwiel')
        .type(dashboard.DashboardLinkType.Dashboards)
        .tags(['stuurwiel'])
        .asDropdown(true)
        .keepTime(true)
        .includeVars(true),
    );
}
