import { describe, expect, it } from 'vitest';
import { locationsOf, nextLocation, rotateFrom, shownLocation } from '../../src/pages/wall/rotation.js';
import { cases, counter, phone } from './fixtures.js';

describe('the wall screen’s rotation', () => {
  it('rotates through the locations of the snapshots and of the key’s rooms, in name order, each once', () => {
    const snapshots = [counter('west'), phone(), counter('centrum'), cases(), counter('noord')];
    expect(locationsOf(snapshots, ['tenant:GM0363'])).toEqual(['centrum', 'noord', 'west']);
    expect(
      locationsOf([counter('noord')], ['tenant:GM0363:location:oost%20zuid', 'tenant:GM0363:location:noord']),
    ).toEqual(['noord', 'oost zuid']);
  });

  it('goes to the next location and from the last back to the first', () => {
    const locations = ['centrum', 'noord', 'west'];
    expect(nextLocation(locations, null)).toBe('centrum');
    expect(nextLocation(locations, 'centrum')).toBe('noord');
    expect(nextLocation(locations, 'west')).toBe('centrum');
    expect(nextLocation(locations, 'gone')).toBe('centrum');
    expect(nextLocation([], 'centrum')).toBeNull();
  });

  it('shows a pinned location even without data, else the current one while it exists, else the first', () => {
    expect(shownLocation(['centrum', 'noord'], 'west', 'noord')).toBe('west');
    expect(shownLocation(['centrum', 'noord'], null, 'noord')).toBe('noord');
    expect(shownLocation(['centrum', 'noord'], null, 'gone')).toBe('centrum');
    expect(shownLocation([], null, null)).toBeNull();
  });

  it('rotates on from the location shown: from the first at the start, and past one that is gone', () => {
    const locations = ['centrum', 'noord', 'west'];
    expect(rotateFrom(locations, null)).toBe('noord');
    expect(rotateFrom(locations, 'noord')).toBe('west');
    expect(rotateFrom(locations, 'west')).toBe('centrum');
    expect(rotateFrom(locations, 'gone')).toBe('noord');
  });
});
