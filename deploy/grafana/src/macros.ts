/**
 * What Grafana and the grafana-clickhouse-datasource plugin do to a panel's SQL before ClickHouse
 * sees it, for exactly the macros our dashboards use (see pkg/macros/macros.go of the plugin):
 * template variables first (Grafana), then the plugin's macros. Tests expand every panel with it
 * and run the result, so an unknown macro or variable is an error here rather than SQL that only
 * fails inside Grafana. `$__timeInterval` is left out on purpose: it expands to
 * toStartOfInterval, which ClickHouse 18.16 lacks (use `$__interval_s` instead).
 */
export interface MacroContext {
  /** The dashboard's time range. */
  from: Date;
  to: Date;
  /** The panel's interval (`$__interval_s`); the plugin uses at least one second. */
  intervalSeconds: number;
  /** Values of the dashboard's template variables, by name. */
  variables: Readonly<Record<string, string>>;
}

const seconds = (at: Date) => Math.floor(at.getTime() / 1000);
const dateTime = (at: Date) => `toDateTime(${seconds(at)})`;
const date = (at: Date) => `toDate('${at.toISOString().slice(0, 10)}')`;

type Macro = (args: readonly string[], ctx: MacroContext) => string;

function oneColumn(name: string, args: readonly string[]): string {
  const [column] = args;
  if (args.length !== 1 || !column) throw new Error(`$__${name} takes one column, got (${args.join(', ')})`);
  return column;
}

const MACROS: Record<string, Macro> = {
  fromTime: (_args, ctx) => dateTime(ctx.from),
  toTime: (_args, ctx) => dateTime(ctx.to),
  timeFilter: (args, ctx) => {
    const column = oneColumn('timeFilter', args);
    return `${column} >= ${dateTime(ctx.from)} AND ${column} <= ${dateTime(ctx.to)}`;
  },
  dateFilter: (args, ctx) => {
    const column = oneColumn('dateFilter', args);
    return `${column} >= ${date(ctx.from)} AND ${column} <= ${date(ctx.to)}`;
  },
  interval_s: (_args, ctx) => String(Math.max(Math.floor(ctx.intervalSeconds), 1)),
};

/** The macro names expandMacros knows, for documentation and tests. */
export const SUPPORTED_MACROS = Object.keys(MACROS);

function expandVariables(sql: string, variables: MacroContext['variables']): string {
  const bare = /\$(?!__)([A-Za-z_]\w*)|\[\[(\w+)\]\]/.exec(sql);
  if (bare) throw new Error(`write template variables as \${name}: found ${bare[0]}`);
  return sql.replace(/\$\{(\w+)(?::[^}]*)?\}/g, (all, name: string) => {
    if (all.includes(':')) throw new Error(`no variable formats are expanded here: ${all}`);
    const value = variables[name];
    if (value === undefined) throw new Error(`unknown template variable \${${name}}`);
    return value;
  });
}

/** The SQL that ClickHouse receives for `sql` in the given context. */
export function expandMacros(sql: string, ctx: MacroContext): string {
  return expandVariables(sql, ctx.variables).replace(
    /\$__(\w+)(?:\(([^()]*)\))?/g,
    (_all, name: string, args: string | undefined) => {
      const macro = MACROS[name];
      if (!macro) throw new Error(`unsupported macro $__${name}`);
      const list = args === undefined || args.trim() === '' ? [] : args.split(',').map((a) => a.trim());
      return macro(list, ctx);
    },
  );
}
