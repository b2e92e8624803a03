/**
 * The one place where ClickHouse 18.16 (Debian's package, used for native test runs) and a
 * current ClickHouse (production) differ for us. Everything else we send is identical.
 *
 * - Binding values: current servers take typed query parameters (`{p0:String}`) that the server
 *   substitutes itself; 18.16 has none, so values are rendered as escaped literals there.
 * - LowCardinality: on 18.16 it is behind `allow_experimental_low_cardinality_type`; current
 *   servers no longer know that setting, so it is only sent to old ones.
 * - `ALTER TABLE t ADD COLUMN IF NOT EXISTS c ...`: 18.16 has no IF NOT EXISTS there, so a
 *   migration that adds a column is only re-runnable if the column is looked up first (see
 *   addColumnIfMissing).
 */

export type DialectName = 'legacy' | 'current';

export interface Dialect {
  readonly name: DialectName;
  readonly version: string;
  /** Settings sent with every statement. */
  readonly settings: Readonly<Record<string, string | number>>;
}

export function dialectForVersion(version: string): Dialect {
  const major = Number.parseInt(version.split('.')[0] ?? '', 10);
  if (!Number.isFinite(major)) throw new Error(`Unrecognised ClickHouse version '${version}'`);
  // Query parameters arrived in 19.x; we draw the line at 20 so that every server we call
  // "current" also has LowCardinality without the experimental flag.
  if (major < 20) {
    return { name: 'legacy', version, settings: { allow_experimental_low_cardinality_type: 1 } };
  }
  return { name: 'current', version, settings: {} };
}

/** A value with the ClickHouse type it is bound as. */
export interface TypedValue {
  readonly kind: 'value';
  readonly type: string;
  readonly value: unknown;
}

/** An identifier (database, table, column), checked and quoted rather than bound. */
export interface Identifier {
  readonly kind: 'identifier';
  readonly name: string;
}

export type SqlPart = TypedValue | Identifier | Sql;

/** A statement under construction: literal text with typed holes. */
export class Sql {
  readonly kind = 'sql';
  constructor(
    readonly strings: readonly string[],
    readonly parts: readonly SqlPart[],
  ) {}
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

export function ident(name: string): Identifier {
  if (!IDENTIFIER.test(name)) throw new Error(`Invalid ClickHouse identifier '${name}'`);
  return { kind: 'identifier', name };
}

export function typed(type: string, value: unknown): TypedValue {
  return { kind: 'value', type, value };
}

function inferType(value: unknown): string {
  if (typeof value === 'string') return 'String';
  if (typeof value === 'boolean') return 'UInt8';
  if (typeof value === 'bigint') return 'Int64';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Cannot bind non-finite number ${value}`);
    return Number.isInteger(value) ? 'Int64' : 'Float64';
  }
  if (value instanceof Date) return "DateTime('UTC')";
  if (Array.isArray(value)) {
    const first = value[0];
    return `Array(${first === undefined ? 'String' : inferType(first)})`;
  }
  throw new Error(`Cannot bind value of type ${typeof value}; wrap it with typed()`);
}

function isPart(value: unknown): value is SqlPart {
  return (
    value instanceof Sql ||
    (typeof value === 'object' &&
      value !== null &&
      'kind' in value &&
      ((value as { kind: unknown }).kind === 'value' || (value as { kind: unknown }).kind === 'identifier'))
  );
}

/** Tagged template: sql`SELECT count() FROM ${ident(t)} WHERE tenant = ${tenant}`. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return new Sql(
    [...strings],
    values.map((v) => (isPart(v) ? v : typed(inferType(v), v))),
  );
}

/** Escapes a string as a ClickHouse single-quoted literal, control characters included. */
export function quoteString(value: string): string {
  let out = "'";
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}'`;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

// Canonical events nearly always carry UTC instants ("...Z"), whose DateTime text is a slice of the
// string; anything else (an offset, a leap second) goes through Date.
const UTC_INSTANT = /^\d{4}-\d\d-\d\dT[01]\d:[0-5]\d:[0-5]\d(?:\.(\d{1,9}))?Z$/;

/** An ISO 8601 instant as DateTime text (see formatDateTime) and its milliseconds. */
export function splitInstant(iso: string): { dateTime: string; ms: number } {
  const match = UTC_INSTANT.exec(iso);
  if (match) {
    const fraction = match[1];
    return {
      dateTime: `${iso.slice(0, 10)} ${iso.slice(11, 19)}`,
      ms: fraction === undefined ? 0 : Number(`${fraction}00`.slice(0, 3)),
    };
  }
  const date = new Date(iso);
  return { dateTime: formatDateTime(date), ms: date.getUTCMilliseconds() };
}

/** 'YYYY-MM-DD hh:mm:ss' in UTC: the text form both server versions read for DateTime. */
export function formatDateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new Error('Cannot format an invalid Date');
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

function literal(type: string, value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) {
    const inner = /^Array\((.*)\)$/.exec(type)?.[1] ?? 'String';
    return `[${value.map((v) => literal(inner, v)).join(', ')}]`;
  }
  if (value instanceof Date) return `toDateTime(${quoteString(formatDateTime(value))}, 'UTC')`;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number' || typeof value === 'bigint') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`Cannot bind ${value}`);
    return String(value);
  }
  if (typeof value === 'string') {
    // Keep the declared type for non-String literals so comparisons behave as with parameters.
    return type === 'String' ? quoteString(value) : `CAST(${quoteString(value)} AS ${type})`;
  }
  throw new Error(`Cannot bind value of type ${typeof value}`);
}

function paramValue(value: unknown): unknown {
  if (value instanceof Date) return formatDateTime(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (Array.isArray(value)) return value.map(paramValue);
  return value;
}

export interface RenderedQuery {
  readonly query: string;
  readonly params: Record<string, unknown>;
}

/** Turns a statement into text plus parameters the way the given server understands. */
export function render(statement: Sql, dialect: Pick<Dialect, 'name'>): RenderedQuery {
  const params: Record<string, unknown> = {};
  let counter = 0;
  const walk = (s: Sql): string => {
    let text = s.strings[0] ?? '';
    s.parts.forEach((part, i) => {
      if (part instanceof Sql) text += walk(part);
      else if (part.kind === 'identifier') text += `\`${part.name}\``;
      else if (dialect.name === 'legacy') text += literal(part.type, part.value);
      else {
        const name = `p${counter++}`;
        params[name] = paramValue(part.value);
        text += `{${name}:${part.type}}`;
      }
      text += s.strings[i + 1] ?? '';
    });
    return text;
  };
  return { query: walk(statement), params };
}

const ADD_COLUMN =
  /^\s*ALTER\s+TABLE\s+`?([A-Za-z_][A-Za-z0-9_]*)`?\s+ADD\s+COLUMN\s+IF\s+NOT\s+EXISTS\s+`?([A-Za-z_][A-Za-z0-9_]*)`?/i;

/** One `ALTER TABLE ... ADD COLUMN IF NOT EXISTS ...` statement, as a server without the clause runs it. */
export interface AddColumn {
  readonly table: string;
  readonly column: string;
  /** The statement without IF NOT EXISTS, to send once the column is known to be missing. */
  readonly withoutClause: string;
}

/**
 * For a legacy server, the table and column an `ADD COLUMN IF NOT EXISTS` statement adds (the caller
 * looks the column up and sends `withoutClause` only when it is missing); null for any other
 * statement, and on current servers, which take the clause as written.
 */
export function addColumnIfMissing(statement: string, dialect: Pick<Dialect, 'name'>): AddColumn | null {
  if (dialect.name !== 'legacy') return null;
  const match = ADD_COLUMN.exec(statement);
  if (!match) return null;
  return {
    table: match[1]!,
    column: match[2]!,
    withoutClause: statement.replace(/\s+IF\s+NOT\s+EXISTS(?=\s+`?[A-Za-z_])/i, ''),
  };
}
