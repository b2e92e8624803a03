import { type Db, ident, type Sql, sql, typed } from '@stuurwiel/clickhouse';
import { z } from 'zod';
import {
  type Dimension,
  type Grouping,
  type HistoryRead,
  historyRead,
  STATEMENT_TIMEOUT_SECONDS,
  TooManyRowsError,
} from './statement.js';

/**
 * A table that answers history questions: rollups (hours or days) and, where no rollup can, the
 * facts. One description per table says its time column, its dimensions and its measures (as
 * aggregate expressions with the zod schema of their values); `readSource` turns a question into
 * one bounded statement over it.
 */
export interface Source<Shape extends z.ZodRawShape> {
  /** The statement's name, as logs and errors say it. */
  readonly name: string;
  /** FROM: a replacing table, read with FINAL. */
  readonly from: Sql;
  /** 'hour': `time` is a UTC DateTime on the hour; 'day': an Europe/Amsterdam Date. */
  readonly grain: 'hour' | 'day';
  readonly time: Sql;
  /** The dimensions it can filter and group by, as String expressions. */
  readonly dimensions: Partial<Record<Dimension, Sql>>;
  /** Aggregate expressions, one per measure, named as `rows`. */
  readonly measures: { readonly [K in keyof Shape]: Sql };
  readonly rows: Shape;
}

/** Defines a source; the measures and their row schema must name the same columns. */
export const defineSource = <Shape extends z.ZodRawShape>(source: Source<Shape>): Source<Shape> => source;

/** A row of a source: its bucket, its group values by grouping, and the measures. */
export type SourceRow<Shape extends z.ZodRawShape> = {
  bucket: string;
  group: Partial<Record<Grouping, string | number>>;
} & z.output<z.ZodObject<Shape>>;

const START_OF = {
  week: (d: Sql) => sql`toMonday(${d})`,
  month: (d: Sql) => sql`toStartOfMonth(${d})`,
  quarter: (d: Sql) => sql`toStartOfQuarter(${d})`,
  year: (d: Sql) => sql`toStartOfYear(${d})`,
  day: (d: Sql) => d,
} as const;

function localDay(source: Source<z.ZodRawShape>): Sql {
  return source.grain === 'hour' ? sql`toDate(${source.time}, 'Europe/Amsterdam')` : source.time;
}

/** The bucket as text: the UTC hour 'YYYY-MM-DD hh:mm:ss', or the first local day of the bucket. */
function bucketOf(source: Source<z.ZodRawShape>, read: HistoryRead): Sql {
  if (read.granularity === 'hour') {
    if (source.grain !== 'hour') throw new Error(`${source.name} has no hours`);
    return sql`toString(${source.time})`;
  }
  return sql`toString(${START_OF[read.granularity](localDay(source))})`;
}

function groupExpression(source: Source<z.ZodRawShape>, g: Grouping): Sql {
  if (g === 'hour_of_day') {
    if (source.grain !== 'hour') throw new Error(`${source.name} has no hours`);
    return sql`toHour(${source.time}, 'Europe/Amsterdam')`;
  }
  if (g === 'weekday') return sql`toDayOfWeek(${localDay(source)})`;
  const column = source.dimensions[g];
  if (!column) throw new Error(`${source.name} has no ${g}`);
  return column;
}

// Aliases apart from the column names: ClickHouse aliases are global, so `sum(visits) AS visits`
// would be a cyclic alias.
const groupColumn = (g: Grouping) => `g_${g}`;
const measureColumn = (name: string) => `m_${name}`;

function period(source: Source<z.ZodRawShape>, read: HistoryRead): Sql {
  if (source.grain === 'hour') return sql`${source.time} >= ${read.from} AND ${source.time} < ${read.to}`;
  return sql`${source.time} >= toDate(${read.from}, 'Europe/Amsterdam') AND ${source.time} < toDate(${read.to}, 'Europe/Amsterdam')`;
}

const join = (parts: readonly Sql[], separator: Sql): Sql =>
  parts.reduce((acc, part, i) => (i === 0 ? part : sql`${acc}${separator}${part}`), sql``);

/** Runs a SELECT with the time limit and one row over the limit, and parses every row. */
async function runLimited<Row extends z.ZodType>(
  db: Db,
  name: string,
  select: Sql,
  limit: number,
  row: Row,
): Promise<z.output<Row>[]> {
  const raw = await db.query<unknown>(
    sql`${select} LIMIT ${limit + 1} SETTINGS max_execution_time = ${STATEMENT_TIMEOUT_SECONDS}`,
  );
  if (raw.length > limit) throw new TooManyRowsError(name, limit);
  const parsed = z.array(row).safeParse(raw);
  if (!parsed.success) throw new Error(`${name}: unexpected row shape: ${parsed.error.message}`);
  return parsed.data;
}

/** Runs one history question over a source: rows per bucket and group, in bucket order. */
export async function readSource<Shape extends z.ZodRawShape>(
  db: Db,
  source: Source<Shape>,
  params: HistoryRead,
): Promise<SourceRow<Shape>[]> {
  const read = historyRead.parse(params);
  const groups = read.groupBy.map((g) => ({ g, column: groupColumn(g), expr: groupExpression(source, g) }));
  const filters = Object.entries(read.filters).map(([d, value]) => {
    const column = source.dimensions[d as Dimension];
    if (!column) throw new Error(`${source.name} cannot filter on ${d}`);
    return sql` AND ${column} = ${value}`;
  });
  const scopes = Object.entries(read.scopes).map(([d, allowed]) => {
    const column = source.dimensions[d as Dimension];
    if (!column) throw new Error(`${source.name} cannot be narrowed to ${d}`);
    return allowed.length === 0 ? sql` AND 0` : sql` AND has(${typed('Array(String)', allowed)}, ${column})`;
  });
  const measures = Object.entries(source.measures).map(
    ([name, expr]) => sql`${expr} AS ${ident(measureColumn(name))}`,
  );
  const selectGroups = groups.map((x) => sql`, ${x.expr} AS ${ident(x.column)}`);
  const groupBy = groups.map((x) => sql`, ${ident(x.column)}`);
  const select = sql`
    SELECT ${bucketOf(source, read)} AS bucket${join(selectGroups, sql``)}, ${join(measures, sql`, `)}
    FROM ${source.from}
    WHERE tenant = ${read.tenant} AND ${period(source, read)}${join([...filters, ...scopes], sql``)}
    GROUP BY bucket${join(groupBy, sql``)}
    ORDER BY bucket${join(groupBy, sql``)}`;
  const groupShape = Object.fromEntries(
    groups.map((x) => [
      x.column,
      x.g === 'hour_of_day' || x.g === 'weekday' ? z.coerce.number() : z.string(),
    ]),
  );
  const measureShape = Object.fromEntries(Object.entries(source.rows).map(([k, v]) => [measureColumn(k), v]));
  const row = z.strictObject({ bucket: z.string(), ...groupShape, ...measureShape });
  const rows = await runLimited(db, source.name, select, read.limit, row);
  return rows.map((r) => {
    const record = r as Record<string, unknown>;
    const group: Partial<Record<Grouping, string | number>> = {};
    for (const x of groups) group[x.g] = record[x.column] as string | number;
    const values = Object.fromEntries(Object.keys(source.rows).map((k) => [k, record[measureColumn(k)]]));
    return { ...(values as z.output<z.ZodObject<Shape>>), bucket: String(record.bucket), group };
  });
}

/** The tables of one measure set: of hours, of days, or both (with the same dimensions and measures). */
export interface Tables<Shape extends z.ZodRawShape> {
  readonly hour?: Source<Shape>;
  readonly day?: Source<Shape>;
}

/**
 * The table a question needs: hours for an hourly granularity or the hour of day, else days (fewer
 * rows), else hours.
 */
export function tableFor<Shape extends z.ZodRawShape>(
  tables: Tables<Shape>,
  read: HistoryRead,
): Source<Shape> {
  const needsHours = read.granularity === 'hour' || read.groupBy.includes('hour_of_day');
  const table = needsHours ? tables.hour : (tables.day ?? tables.hour);
  if (!table) throw new Error('no table answers this question');
  return table;
}

/** What the history planner needs to know of a measure set: which questions its tables answer. */
export interface Capabilities {
  readonly dimensions: readonly Dimension[];
  readonly hours: boolean;
}

export function capabilitiesOf(tables: Tables<z.ZodRawShape>): Capabilities {
  const any = tables.day ?? tables.hour;
  if (!any) throw new Error('a measure set needs a table');
  return { dimensions: Object.keys(any.dimensions) as Dimension[], hours: tables.hour !== undefined };
}

/** The measures of a source and the zod schema of their values, as defined together. */
export interface MeasureSet<Shape extends z.ZodRawShape> {
  readonly measures: { readonly [K in keyof Shape]: Sql };
  readonly rows: Shape;
}

/** A rollup kept per UTC hour (column `hour`) and per local day (column `day`), alike otherwise. */
export function perHourAndDay<Shape extends z.ZodRawShape>(
  name: string,
  tables: { hour: string; day: string },
  dimensions: Partial<Record<Dimension, Sql>>,
  set: MeasureSet<Shape>,
): Tables<Shape> {
  return {
    hour: {
      name: `${name} per hour`,
      from: sql`${ident(tables.hour)} FINAL`,
      grain: 'hour',
      time: sql`hour`,
      dimensions,
      ...set,
    },
    day: perDay(name, tables.day, dimensions, set).day,
  };
}

/** A rollup kept per local day (column `day`). */
export function perDay<Shape extends z.ZodRawShape>(
  name: string,
  table: string,
  dimensions: Partial<Record<Dimension, Sql>>,
  set: MeasureSet<Shape>,
): Tables<Shape> {
  return {
    day: {
      name: `${name} per day`,
      from: sql`${ident(table)} FINAL`,
      grain: 'day',
      time: sql`day`,
      dimensions,
      ...set,
    },
  };
}

/** The row type of a measure set's tables. */
export type RowOf<T> = T extends Tables<infer Shape> ? SourceRow<Shape> : never;
