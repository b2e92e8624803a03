import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { alerts } from './dashboards/alerts.js';
import { history } from './dashboards/history.js';
import { live } from './dashboards/live.js';
import { sources } from './dashboards/sources.js';

export {
  CLICKHOUSE,
  type ClickHouseQuery,
  type ClickHouseResult,
  isClickHouseQuery,
} from './clickhouse-query.js';
export { expandMacros, type MacroContext, SUPPORTED_MACROS } from './macros.js';
export { type DashboardQuery, queriesOf } from './queries.js';
export { ALL } from './variables.js';

/** The generated dashboards by the file they are written to in deploy/grafana/dashboards/. */
export function dashboards(): Record<string, Dashboard> {
  return {
    'live-operations.json': live().build(),
    'history.json': history().build(),
    'alerts.json': alerts().build(),
    'sources.json': sources().build(),
  };
}

/** A dashboard as the file holds it (two-space JSON, one newline at the end). */
export function dashboardJson(dashboard: Dashboard): string {
  return `${JSON.stringify(dashboard, null, 2)}\n`;
}
