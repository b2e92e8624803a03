import { describe, expect, it } from 'vitest';
import { generateWallscreenKey, wallscreenKeyEntry, wallscreenKeys } from '../../src/auth/wallscreen-keys.js';

describe('wall-screen keys', () => {
  const made = generateWallscreenKey('screen-1', 'GM0363', 'centrum');
  const verify = wallscreenKeys([wallscreenKeyEntry.parse(made.entry)]);

  it('make a read-only caller bound to one municipality and one location', () => {
    expect(verify(made.key)).toEqual({
      subject: 'wallscreen:screen-1',
      tenant: 'GM0363',
      role: 'wallscreen',
      locations: ['centrum'],
      teams: [],
      via: 'wallscreen_key',
    });
  });

  it('refuse a key with the right id and a wrong secret, and an unknown id', () => {
    expect(verify(`sww_screen-1_${'A'.repeat(32)}`)).toBeUndefined();
    expect(verify(made.key.replace('screen-1', 'screen-2'))).toBeUndefined();
    expect(verify('not-a-key')).toBeUndefined();
  });

  it('are configured without the key itself: the entry holds its hash only', () => {
    // The secret is base64url and may itself hold '_': it is everything after `sww_<id>_`.
    const secret = made.key.slice('sww_screen-1_'.length);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(made.entry).not.toContain(secret);
    expect(made.entry).toMatch(/^screen-1:[0-9a-f]{64}:GM0363:centrum$/);
  });

  it('with location * show every location of their municipality, and still only that one', () => {
    const all = generateWallscreenKey('screen-all', 'GM0363', '*');
    expect(wallscreenKeys([wallscreenKeyEntry.parse(all.entry)])(all.key)).toMatchObject({
      tenant: 'GM0363',
      role: 'wallscreen',
      locations: null,
      teams: null,
    });
  });
});
