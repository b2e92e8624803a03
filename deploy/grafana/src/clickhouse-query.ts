import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';

/** The provisioned data source (provisioning/datasources/clickhouse.yaml). */
export const CLICKHOUSE: DataSourceRef = {
  type: 'grafana-clickhouse-datasource',
  uid: 'stuurwiel-clickhouse',
};

/**
 * How the plugin hands the rows to the panel: a time series is turned from long (time, label,
 * value) into one series per label; a table is kept as it is (the plugin's sqlutil formats).
 */
export type ClickHouseResult = 'timeSeries' | 'table';

const FORMAT: Record<ClickHouseResult, number> = { timeSeries: 0, table: 1 };

/** A query of the grafana-clickhouse-datasource plugin in its SQL editor (the SDK has no builder for it). */
export interface ClickHouseQuery extends cog.Dataquery {
  refId: string;
  datasource: DataSourceRef;
  editorType: 'sql';
  queryType: ClickHouseResult;
  format: number;
  rawSql: string;
}

export class ClickHouseQueryBuilder implements cog.Builder<cog.Dataquery> {
  private refIdValue = 'A';

  constructor(
    private readonly rawSql: string,
    private readonly result: ClickHouseResult,
  ) {}

  refId(refId: string): this {
    this.refIdValue = refId;
    return this;
  }

  build(): ClickHouseQuery {
    return {
      refId: this.refIdValue,
      datasource: CLICKHOUSE,
      editorType: 'sql',
      queryType: this.result,
      format: FORMAT[this.result],
      rawSql: this.rawSql,
      _implementsDataqueryVariant() {},
    };
  }
}

/** Whether a panel's target is one of ours, and so carries SQL. */
export function isClickHouseQuery(target: unknown): target is ClickHouseQuery {
  const t = target as Partial<ClickHouseQuery> | null;
  return t?.datasource?.type === CLICKHOUSE.type && typeof t?.rawSql === 'string';
}
