import type { Dashboard, Panel, RowPanel } from '@grafana/grafana-foundation-sdk/dashboard';
import { type ClickHouseResult, isClickHouseQuery } from './clickhouse-query.js';

/** One SQL text a dashboard sends: a panel's target, or a query variable's query. */
export interface DashboardQuery {
  dashboard: string;
  /** The panel's title, or `variable <name>`. */
  source: string;
  refId: string;
  /** How the result is shown; `variable` for a variable's options. */
  result: ClickHouseResult | 'variable';
  rawSql: string;
}

const panelsOf = (dashboard: Dashboard): Panel[] =>
  (dashboard.panels ?? []).flatMap((p: Panel | RowPanel) =>
    p.type === 'row' ? ((p as RowPanel).panels ?? []) : [p as Panel],
  );

/** Every SQL text of a dashboard, so that tests can run each one (see test/panel-sql.ts). */
export function queriesOf(dashboard: Dashboard): DashboardQuery[] {
  const title = dashboard.title ?? '';
  const variables = (dashboard.templating.list ?? []).flatMap((v): DashboardQuery[] => {
    const query = v.query as { rawSql?: unknown } | undefined;
    if (v.type !== 'query' || typeof query?.rawSql !== 'string') return [];
    return [
      {
        dashboard: title,
        source: `variable ${v.name}`,
        refId: v.name,
        result: 'variable',
        rawSql: query.rawSql,
      },
    ];
  });
  const targets = panelsOf(dashboard).flatMap((panel) =>
    (panel.targets ?? []).filter(isClickHouseQuery).map(
      (t): DashboardQuery => ({
        dashboard: title,
        source: panel.title ?? '',
        refId: t.refId,
        result: t.queryType,
        rawSql: t.rawSql,
      }),
    ),
  );
  return [...variables, ...targets];
}
