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
    expect(bodyShape(text)).toEqual({ records, depth });
  });

  it('counts non-blank NDJSON lines and measures each line on its own', () => {
    expect(bodyShape('{}\n\n  \n{"a":[1]}\n{', true)).toEqual({ records: 3, depth: 2 });
    expect(bodyShape('[[[[\n[[[[\n[[[[', true).depth).toBe(4);
  });

  it('counts the lines of 8 MiB of {} without parsing them', () => {
    const body = '{}\n'.repeat((8 * 1024 * 1024) / 3);
    expect(bodyShape(body, true).records).toBe(Math.floor((8 * 1024 * 1024) / 3));
  });

  it('measures nesting that would overflow a recursive walk', () => {
    expect(bodyShape(`${'['.repeat(100_000)}${']'.repeat(100_000)}`).depth).toBe(100_000);
  });
});

describe('reading the shape of a body with a record limit', () => {
  it('stops once the limit is passed', () => {
    expect(bodyShape('[1,2,3,4,5,6]', false, 3).records).toBe(4);
    expect(bodyShape('{}\n{}\n{}\n{}\n{}', true, 2).records).toBe(3);
    expect(bodyShape('[1,2]', false, 3).records).toBe(2);
  });
});
