import { describe, expect, it } from 'vitest';
import { expandMacros, type MacroContext } from '../src/macros.js';

const ctx: MacroContext = {
  from: new Date('2026-04-26T22:00:00.500Z'),
  to: new Date('2026-04-28T21:59:59.999Z'),
  intervalSeconds: 300,
  variables: { tenant: 'GM0363', location: '__all' },
};
// Epoch seconds of from and to, rounded down as the plugin's time.Unix() does.
const FROM = 1777240800;
const TO = 1777413599;

describe('expandMacros', () => {
  it('turns $__timeFilter(column) into a closed range of whole epoch seconds, as the plugin does', () => {
    expect(expandMacros('WHERE $__timeFilter(at)', ctx)).toBe(
      `WHERE at >= toDateTime(${FROM}) AND at <= toDateTime(${TO})`,
    );
  });

  it('turns $__dateFilter(column) into the UTC dates of the range', () => {
    expect(expandMacros('$__dateFilter(day)', ctx)).toBe(
      "day >= toDate('2026-04-26') AND day <= toDate('2026-04-28')",
    );
  });

  it('gives $__fromTime and $__toTime as DateTimes and $__interval_s as whole seconds, at least one', () => {
    expect(expandMacros('$__fromTime, $__toTime, $__interval_s', ctx)).toBe(
      `toDateTime(${FROM}), toDateTime(${TO}), 300`,
    );
    expect(expandMacros('$__interval_s', { ...ctx, intervalSeconds: 0.2 })).toBe('1');
  });

  it('fills ${name} template variables before the macros, as Grafana does before the plugin', () => {
    expect(
      expandMacros("tenant = '${tenant}' AND $__timeFilter(${column})", {
        ...ctx,
        variables: { ...ctx.variables, column: 'ingested_at' },
      }),
    ).toBe(`tenant = 'GM0363' AND ingested_at >= toDateTime(${FROM}) AND ingested_at <= toDateTime(${TO})`);
  });

  it('refuses a variable it has no value for, naming it', () => {
    expect(() => expandMacros("'${team}'", ctx)).toThrow('unknown template variable ${team}');
  });

  it('refuses variables written without braces and variable formats, which it does not expand', () => {
    expect(() => expandMacros("'$tenant'", ctx)).toThrow('found $tenant');
    expect(() => expandMacros("'[[tenant]]'", ctx)).toThrow('found [[tenant]]');
    expect(() => expandMacros('${location:singlequote}', ctx)).toThrow('${location:singlequote}');
  });

  it('refuses a macro it does not know, such as $__timeInterval (toStartOfInterval is not on 18.16)', () => {
    expect(() => expandMacros('$__timeInterval(at)', ctx)).toThrow('unsupported macro $__timeInterval');
  });

  it('refuses a column macro without exactly one column', () => {
    expect(() => expandMacros('$__timeFilter()', ctx)).toThrow('$__timeFilter takes one column');
    expect(() => expandMacros('$__dateFilter(a, b)', ctx)).toThrow('$__dateFilter takes one column');
  });
});
