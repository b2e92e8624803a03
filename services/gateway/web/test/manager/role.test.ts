import { describe, expect, it } from 'vitest';
import { claimedRole, mayEditSettings } from '../../src/pages/manager/role.js';

const tokenWith = (claims: object) =>
  `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.signature`;

describe('the controls a token’s role is offered', () => {
  it('offers norm and rule editing from manager up', () => {
    expect(mayEditSettings(tokenWith({ role: 'manager' }))).toBe(true);
    expect(mayEditSettings(tokenWith({ role: 'admin' }))).toBe(true);
    expect(mayEditSettings(tokenWith({ role: 'teamlead' }))).toBe(false);
  });

  it('offers nothing for a token it cannot read or a role it does not know', () => {
    expect(claimedRole('not-a-token')).toBeNull();
    expect(claimedRole(tokenWith({ role: 'superuser' }))).toBeNull();
    expect(mayEditSettings('a.%%%.b')).toBe(false);
  });
});
