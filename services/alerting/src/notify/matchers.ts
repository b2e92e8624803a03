import type { LabelMatcher } from '@stuurwiel/schemas';
import type { Labels } from '../model.js';

/**
 * Label matching as Alertmanager's matchers do it, shared by silences, mutes and routes: a label
 * that is absent counts as the empty string, and regular expressions are anchored at both ends
 * (`team=~"burger.*"` matches `burgerzaken`, not `x-burgerzaken`).
 */
export function matches(matcher: LabelMatcher, labels: Labels): boolean {
  const value = labels[matcher.name] ?? '';
  switch (matcher.op) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return anchored(matcher.value).test(value);
    case '!~':
      return !anchored(matcher.value).test(value);
  }
}

/** Whether every matcher matches (an empty list matches everything). */
export function matchesAll(matchers: readonly LabelMatcher[], labels: Labels): boolean {
  return matchers.every((m) => matches(m, labels));
}

const compiled = new Map<string, RegExp>();

function anchored(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (re === undefined) {
    re = new RegExp(`^(?:${pattern})$`, 'u');
    // Patterns were validated by the labelMatcher schema; the cache is as small as the matchers in use.
    compiled.set(pattern, re);
  }
  return re;
}
