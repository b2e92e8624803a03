import { describe, expect, it } from 'vitest';
import { durationParts, durationText, percentParts, shownValue } from '../../src/pages/wall/format.js';

describe('the wall screen’s numbers', () => {
  it('shows a wait in seconds under a minute, whole minutes (rounded down) under an hour, hours and minutes beyond', () => {
    expect(durationParts(0, 'nl')).toEqual({ value: '0', unit: 's' });
    expect(durationParts(59.9, 'nl')).toEqual({ value: '59', unit: 's' });
    expect(durationParts(60, 'nl')).toEqual({ value: '1', unit: 'min' });
    expect(durationParts(659, 'nl')).toEqual({ value: '10', unit: 'min' });
    expect(durationParts(3599, 'nl')).toEqual({ value: '59', unit: 'min' });
    expect(durationParts(3900, 'nl')).toEqual({ value: '1:05', unit: 'u' });
    expect(durationParts(3900, 'en')).toEqual({ value: '1:05', unit: 'h' });
    expect(durationText(600, 'nl')).toBe('10 min');
  });

  it('shows a share in whole percents rounded down, so a level shown at its target has reached it', () => {
    expect(percentParts(0.796, 'nl')).toEqual({ value: '79', unit: '%' });
    expect(percentParts(0.8, 'nl')).toEqual({ value: '80', unit: '%' });
    expect(percentParts(0.29, 'en')).toEqual({ value: '29', unit: '%' });
    expect(percentParts(1, 'nl')).toEqual({ value: '100', unit: '%' });
  });

  it('shows counts with the language’s grouping, pairs side by side, and nothing for a missing figure', () => {
    expect(shownValue({ kind: 'count', value: 1234 }, 'nl')).toEqual({ value: '1.234', unit: '' });
    expect(shownValue({ kind: 'count', value: 1234 }, 'en')).toEqual({ value: '1,234', unit: '' });
    expect(shownValue({ kind: 'pair', value: 3, second: 1 }, 'nl')).toEqual({ value: '3 / 1', unit: '' });
    expect(shownValue({ kind: 'seconds', value: null }, 'nl')).toBeNull();
    expect(shownValue({ kind: 'share', value: null }, 'nl')).toBeNull();
  });
});
