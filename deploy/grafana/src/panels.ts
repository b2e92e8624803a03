import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { CLICKHOUSE, ClickHouseQueryBuilder, type ClickHouseResult } from './clickhouse-query.js';

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

function applyUnit(panel: Pick<CommonBuilder, 'unit' | 'overrideByName'>, unit: PanelSpec['unit']) {
  if (unit === undefined) return;
  if (typeof unit === 'string') {
    panel.unit(unit);
    return;
  }
  for (const [column, value] of Object.entries(unit)) panel.overrideByName(column, [{ id: 'unit', value }]);
}

interface CommonBuilder {
  title(title: string): this;
  description(description: string): this;
  datasource(datasource: typeof CLICKHOUSE): this;
  span(width: number): this;
  height(height: number): this;
  unit(unit: string): this;
  overrideByName(name: string, properties: { id: string; value: unknown }[]): this;
  withTarget(target: ClickHouseQueryBuilder): this;
}

/** Any panel builder of the SDK with what every panel of ours shares, and its queries (A, B, ...). */
function onClickHouse<P extends CommonBuilder>(
  panel: P,
  spec: PanelSpec,
  result: ClickHouseResult,
  sql: readonly string[],
): P {
  panel
    .title(spec.title)
    .description(spec.description)
    .datasource(CLICKHOUSE)
    .span(spec.width)
    .height(spec.height);
  applyUnit(panel, spec.unit);
  sql.forEach((text, i) => {
    panel.withTarget(new ClickHouseQueryBuilder(text, result).refId(String.fromCharCode(65 + i)));
  });
  return panel;
}

/**
 * A time series: each SQL must return `time` (a DateTime) first, then numbers, optionally one
 * string column whose values name the series.
 */
export const timeSeriesPanel = (spec: PanelSpec, ...sql: string[]) =>
  onClickHouse(new timeseries.PanelBuilder().fillOpacity(10).spanNulls(false), spec, 'timeSeries', sql);

/** One or more big numbers, one per column of the single row the SQL returns. */
export const statPanel = (spec: PanelSpec, sql: string) =>
  onClickHouse(new stat.PanelBuilder(), spec, 'table', [sql]);

export const tablePanel = (spec: PanelSpec, sql: string) =>
  onClickHouse(new table.PanelBuilder(), spec, 'table', [sql]);

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
