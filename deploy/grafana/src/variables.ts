import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { CLICKHOUSE } from './clickhouse-query.js';

/**
 * The value of `${location}` when every location is chosen. A sentinel rather than Grafana's
 * default (the list of every value) keeps the SQL one comparison long and valid when there are
 * no locations yet: `('${location}' = '__all' OR location_id = '${location}')`.
 */
export const ALL = '__all';

/** A filter on a location column that passes everything when all locations are chosen. */
export const locationIs = (column: string) => `('\${location}' = '${ALL}' OR ${column} = '\${location}')`;

/** The query of a variable, in the plugin's query model (its variable editor is its SQL editor). */
const variableQuery = (rawSql: string) => ({
  refId: 'variable',
  editorType: 'sql',
  queryType: 'table',
  format: 1,
  rawSql,
});

/** Every municipality with stored events; the dashboards show one at a time. */
export const TENANT_SQL = 'SELECT DISTINCT tenant FROM raw_events_v1 ORDER BY tenant';

/** A variable whose options are the one column of `sql`, chosen from the list only. */
const listOf = (name: string, label: string, description: string, sql: string) =>
  new dashboard.QueryVariableBuilder(name)
    .label(label)
    .description(description)
    .datasource(CLICKHOUSE)
    .query(variableQuery(sql))
    .definition(sql)
    .allowCustomValue(false)
    .refresh(dashboard.VariableRefresh.OnDashboardLoad)
    .sort(dashboard.VariableSort.AlphabeticalAsc);

export const tenantVariable = () =>
  listOf('tenant', 'Gemeente', 'The municipality (tenant code) whose figures the panels show.', TENANT_SQL);

/** The tenant's locations that had visits, from the daily rollup (small) rather than the facts. */
export const LOCATION_SQL =
  "SELECT DISTINCT location_id FROM visits_per_day_v1 WHERE tenant = '${tenant}' ORDER BY location_id";

export const locationVariable = () =>
  listOf('location', 'Locatie', 'One location of the municipality, or all of them.', LOCATION_SQL)
    .includeAll(true)
    .allValue(ALL)
    .current({ text: 'All', value: '$__all' });

/** A fixed list of numbers: they go into the SQL as they are, so nobody may type their own. */
const choice = (name: string, values: readonly string[], current: string) =>
  new dashboard.CustomVariableBuilder(name)
    .values(values.join(','))
    .current({ text: current, value: current })
    .allowCustomValue(false);

/**
 * The answer norm of the telephone service level, in seconds. Norms are data (reference.norm
 * events) that the stored rollups carry only per group, so the live panels take it as a setting
 * with the aggregator's default (DEFAULT_ANSWER_NORM_SECONDS).
 */
export const answerNormVariable = () =>
  choice('answer_norm_seconds', ['20', '30', '45', '60', '120', '300'], '30')
    .label('Antwoordnorm (s)')
    .description('Calls answered within this many seconds count as within the norm.');

/** Abandons shorter than this leave the service level's denominator (DEFAULT_SHORT_ABANDON_SECONDS). */
export const shortAbandonVariable = () =>
  choice('short_abandon_seconds', ['0', '3', '5', '10', '15'], '5')
    .label('Kort ophangen (s)')
    .description('Calls abandoned in the queue within this many seconds do not count as offered.');

/** The variables' SQL, so that tests run it like the panels'. */
export const VARIABLE_SQL = { tenant: TENANT_SQL, location: LOCATION_SQL } as const;
