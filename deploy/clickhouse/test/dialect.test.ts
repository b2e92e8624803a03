import { describe, expect, it } from 'vitest';
import {
  addColumnIfMissing,
  dialectForVersion,
  formatDateTime,
  ident,
  quoteString,
  render,
  splitInstant,
  sql,
  typed,
} from '../src/dialect.js';

const legacy = dialectForVersion('18.16.1');
const current = dialectForVersion('25.8.3.1');

describe('dialect detection', () => {
  it('treats 18.16 as legacy and enables LowCardinality there only', () => {
    expect(legacy.name).toBe('legacy');
    expect(legacy.settings).toEqual({ allow_experimental_low_cardinality_type: 1 });
    expect(current.name).toBe('current');
    expect(current.settings).toEqual({});
  });

  it('rejects a version it cannot read', () => {
    expect(() => dialectForVersion('banana')).toThrow("Unrecognised ClickHouse version 'banana'");
  });
});

describe('binding values', () => {
  const statement = sql`SELECT * FROM ${ident('raw_events_v1')} WHERE tenant = ${'GM0363'} AND n > ${5} AND x = ${1.5}`;

  it('uses typed query parameters on current servers', () => {
    expect(render(statement, current)).toEqual({
      query:
        'SELECT * FROM `raw_events_v1` WHERE tenant = {p0:String} AND n > {p1:Int64} AND x = {p2:Float64}',
      params: { p0: 'GM0363', p1: 5, p2: 1.5 },
    });
  });

  it('renders escaped literals on 18.16, which has no query parameters', () => {
    expect(render(statement, legacy)).toEqual({
      query: "SELECT * FROM `raw_events_v1` WHERE tenant = 'GM0363' AND n > 5 AND x = 1.5",
      params: {},
    });
  });

  it('binds dates, booleans, arrays and explicit types alike in both dialects', () => {
    const at = new Date('2026-05-05T10:11:12.345Z');
    const s = sql`SELECT ${at}, ${true}, ${['a', "b'"]}, ${typed('UInt8', 3)}, ${typed('Date', '2026-05-05')}`;
    expect(render(s, legacy).query).toBe(
      "SELECT toDateTime('2026-05-05 10:11:12', 'UTC'), 1, ['a', 'b\\''], 3, CAST('2026-05-05' AS Date)",
    );
    expect(render(s, current)).toEqual({
      query: "SELECT {p0:DateTime('UTC')}, {p1:UInt8}, {p2:Array(String)}, {p3:UInt8}, {p4:Date}",
      params: { p0: '2026-05-05 10:11:12', p1: 1, p2: ['a', "b'"], p3: 3, p4: '2026-05-05' },
    });
  });

  it('nests fragments and numbers parameters across them', () => {
    const where = sql`WHERE tenant = ${'GM0599'}`;
    const s = sql`SELECT ${1} FROM t ${where} LIMIT ${10}`;
    expect(render(s, current).query).toBe(
      'SELECT {p0:Int64} FROM t WHERE tenant = {p1:String} LIMIT {p2:Int64}',
    );
    expect(render(s, legacy).query).toBe("SELECT 1 FROM t WHERE tenant = 'GM0599' LIMIT 10");
  });

  it('refuses values it cannot bind safely', () => {
    expect(() => sql`SELECT ${Number.NaN}`).toThrow('Cannot bind non-finite number NaN');
    expect(() => sql`SELECT ${{ a: 1 }}`).toThrow('Cannot bind value of type object; wrap it with typed()');
  });
});

describe('hostile strings', () => {
  it.each([
    ["'; DROP TABLE raw_events_v1; --", "'\\'; DROP TABLE raw_events_v1; --'"],
    ['back\\slash', "'back\\\\slash'"],
    ["\\'", "'\\\\\\''"],
    ['line\nbreak\ttab\r', "'line\\x0abreak\\x09tab\\x0d'"],
    ['nul\u0000byte', "'nul\\x00byte'"],
    ['{p0:String}', "'{p0:String}'"],
    ['ünïcödé 🚲', "'ünïcödé 🚲'"],
  ])('quotes %j so it stays one literal', (input, expected) => {
    expect(quoteString(input)).toBe(expected);
  });

  it('rejects identifiers that could break out of quoting', () => {
    expect(() => ident('x`; DROP TABLE y')).toThrow("Invalid ClickHouse identifier 'x`; DROP TABLE y'");
    expect(() => ident('')).toThrow("Invalid ClickHouse identifier ''");
    expect(ident('stuurwiel_test_01').name).toBe('stuurwiel_test_01');
  });
});

describe('formatDateTime', () => {
  it('writes UTC seconds whatever the offset of the input', () => {
    expect(formatDateTime(new Date('2026-03-29T02:30:00+02:00'))).toBe('2026-03-29 00:30:00');
  });

  it('writes the year with four digits', () => {
    expect(formatDateTime(new Date('0999-01-01T21:00:00Z'))).toBe('0999-01-01 21:00:00');
  });

  it('refuses an invalid date', () => {
    expect(() => formatDateTime(new Date('nope'))).toThrow('Cannot format an invalid Date');
  });
});

describe('splitInstant', () => {
  it('slices a UTC instant without going through Date', () => {
    expect(splitInstant('2026-04-27T08:30:05.123Z')).toEqual({ dateTime: '2026-04-27 08:30:05', ms: 123 });
    expect(splitInstant('2026-04-27T08:30:05Z')).toEqual({ dateTime: '2026-04-27 08:30:05', ms: 0 });
    expect(splitInstant('2026-04-27T08:30:05.5Z')).toEqual({ dateTime: '2026-04-27 08:30:05', ms: 500 });
    expect(splitInstant('2026-04-27T08:30:05.009999Z')).toEqual({ dateTime: '2026-04-27 08:30:05', ms: 9 });
  });

  it('converts an instant with an offset to UTC', () => {
    expect(splitInstant('2026-03-29T03:30:00.250+02:00')).toEqual({
      dateTime: '2026-03-29 01:30:00',
      ms: 250,
    });
  });
});

describe('adding a column if it is missing', () => {
  const statement = "ALTER TABLE raw_events_v1 ADD COLUMN IF NOT EXISTS source_instance String DEFAULT ''";

  it('is left to a current server as written', () => {
    expect(addColumnIfMissing(statement, current)).toBeNull();
  });

  it('names the table and column for 18.16, which lacks the clause, and drops the clause', () => {
    expect(addColumnIfMissing(statement, legacy)).toEqual({
      table: 'raw_events_v1',
      column: 'source_instance',
      withoutClause: "ALTER TABLE raw_events_v1 ADD COLUMN source_instance String DEFAULT ''",
    });
  });

  it('leaves every other statement alone', () => {
    expect(addColumnIfMissing('CREATE TABLE IF NOT EXISTS t (x UInt8) ENGINE = Log', legacy)).toBeNull();
    expect(addColumnIfMissing('ALTER TABLE t ADD COLUMN x UInt8', legacy)).toBeNull();
  });
});
