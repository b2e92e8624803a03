import type { LabelMatcher } from '@stuurwiel/schemas';
import type { Principal } from '../auth/principal.js';

/**
 * Why a caller limited to some teams may not set a silence or mute with these matchers, or null
 * when they may: it must match only alerts of one of their teams (a matcher team = one of theirs).
 */
export function teamScopeRefusal(principal: Principal, matchers: readonly LabelMatcher[]): string | null {
  if (principal.teams === null) return null;
  const ownTeam = matchers.some(
    (m) => m.name === 'team' && (m.op ?? '=') === '=' && principal.teams?.includes(m.value),
  );
  return ownTeam ? null : `must include a matcher team = one of your teams (${principal.teams.join(', ')})`;
}
