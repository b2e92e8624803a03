import { labelMatcher } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import { matches, matchesAll } from '../../src/notify/matchers.js';

const labels = { tenant: 'GM0363', team: 'burgerzaken', queue: 'q1' };

describe('label matchers', () => {
  it('compares equality and inequality, an absent label being the empty string', () => {
    expect(matches({ name: 'team', op: '=', value: 'burgerzaken' }, labels)).toBe(true);
    expect(matches({ name: 'team', op: '!=', value: 'burgerzaken' }, labels)).toBe(false);
    expect(matches({ name: 'location', op: '=', value: '' }, labels)).toBe(true);
    expect(matches({ name: 'location', op: '!=', value: 'loc1' }, labels)).toBe(true);
  });

  it('anchors regular expressions at both ends', () => {
    expect(matches({ name: 'team', op: '=~', value: 'burger.*' }, labels)).toBe(true);
    expect(matches({ name: 'team', op: '=~', value: 'zaken' }, labels)).toBe(false);
    expect(matches({ name: 'team', op: '=~', value: 'a|burgerzaken' }, labels)).toBe(true);
    expect(matches({ name: 'team', op: '!~', value: 'burger.*' }, labels)).toBe(false);
    expect(matches({ name: 'queue', op: '!~', value: 'q2|q3' }, labels)).toBe(true);
  });

  it('needs every matcher of a list to match', () => {
    expect(
      matchesAll(
        [
          { name: 'tenant', op: '=', value: 'GM0363' },
          { name: 'team', op: '=', value: 'other' },
        ],
        labels,
      ),
    ).toBe(false);
    expect(matchesAll([], labels)).toBe(true);
  });

  it('refuses a matcher whose regular expression does not compile, naming the value', () => {
    const result = labelMatcher.safeParse({ name: 'team', op: '=~', value: 'burger(' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['value'] });
    expect(result.error?.issues[0]?.message).toMatch(/must be a valid regular expression for =~/);
  });
});
