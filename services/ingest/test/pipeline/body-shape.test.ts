import { describe, expect, it } from 'vitest';
import { bodyShape } from '../../src/routes/body-shape.js';

describe('reading the shape of a body without parsing it', () => {
  it.each([
    ['[]', 0, 1],
    ['[1,2,3]', 3, 1],
    ['[{"a":[1,2]},{"b":"x,]"}]', 2, 3],
    ['{"a":1}', 1, 1],
    ['"just text"', 1, 0],
    [' [ {} , {} ] ', 2, 2],
    ['[[[[]]]]', 1, 4],
    ['["\\"]",",",{}]', 3, 2],
  ])('%s holds %i records, %i deep', (text, records, depth) => {
    expect(bodyShape(text)).toMatchObject({ records, depth });
  });

  it('counts non-blank NDJSON lines and measures each line on its own', () => {
    expect(bodyShape('{}\n\n  \n{"a":[1]}\n{', { ndjson: true })).toMatchObject({ records: 3, depth: 2 });
    expect(bodyShape('[[[[\n[[[[\n[[[[', { ndjson: true }).depth).toBe(4);
  });

  it('counts every line after one with an unclosed string: a JSON string holds no raw newline', () => {
    expect(bodyShape(`"\n${'{}\n'.repeat(10)}`, { ndjson: true }).records).toBe(11);
    expect(bodyShape('"\\\n{}\n[[', { ndjson: true })).toMatchObject({ records: 3, depth: 2 });
  });

  it('counts the lines of 8 MiB of {} without parsing them', () => {
    const body = '{}\n'.repeat((8 * 1024 * 1024) / 3);
    expect(bodyShape(body, { ndjson: true }).records).toBe(Math.floor((8 * 1024 * 1024) / 3));
  });

  it('measures nesting that would overflow a recursive walk', () => {
    expect(bodyShape(`${'['.repeat(100_000)}${']'.repeat(100_000)}`).depth).toBe(100_000);
  });
});

describe('reading the shape of a body with a record limit', () => {
  it('stops once the limit is passed', () => {
    expect(bodyShape('[1,2,3,4,5,6]', { maxRecords: 3 }).records).toBe(4);
    expect(bodyShape('{}\n{}\n{}\n{}\n{}', { ndjson: true, maxRecords: 2 }).records).toBe(3);
    expect(bodyShape('[1,2]', { maxRecords: 3 }).records).toBe(2);
  });
});

describe('counting the rows of a CSV import before it is parsed', () => {
  const rows = (n: number) => Array.from({ length: n }, () => '["a","b,]"]').join(',');
  it.each([
    [`{"format":"jcc","rows":[${rows(3)}],"header":["x"]}`, 3],
    [`{"rows":[]}`, 0],
    [`{"header":["rows"],"rows":[${rows(2)}]}`, 2],
    [`{"r\\u006fws":[${rows(4)}]}`, 4],
    [`{"rows":[[]],"rows":[${rows(5)}]}`, 5],
    [`{"mapping":{"rows":[1,2,3]},"rows":[${rows(1)}]}`, 1],
  ])('%s holds %i rows', (text, records) => {
    expect(JSON.parse(text).rows).toHaveLength(records);
    expect(bodyShape(text, { recordsKey: 'rows' }).records).toBe(records);
  });

  it('stops at the row limit in a body of 8 MiB of empty rows', () => {
    const body = `{"rows":[${'[],'.repeat((8 * 1024 * 1024) / 3)}[]]}`;
    expect(bodyShape(body, { recordsKey: 'rows', maxRecords: 5000 }).records).toBe(5001);
  });
});

describe('counting the values of a body before it is parsed', () => {
  it.each([
    ['[1,2,3]', 4],
    ['{"a":1,"b":[true,null]}', 5],
    ['"a,b[c{"', 1],
    ['{}\n{"a":[1]}', 5],
  ])('%s has at most %i values', (text, values) => {
    expect(bodyShape(text, { ndjson: text.includes('\n') }).values).toBe(values);
  });

  it('bounds one record of 8 MiB of numbers, which the record count cannot', () => {
    const body = `[{"services":[${'1,'.repeat((8 * 1024 * 1024) / 2)}1]}]`;
    expect(bodyShape(body).records).toBe(1);
    expect(bodyShape(body, { maxRecords: 5000, maxValues: 200_000 }).values).toBe(200_001);
  });
});
