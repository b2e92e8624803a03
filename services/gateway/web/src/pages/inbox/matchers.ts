import type { AlertMessage, LabelMatcher } from '@stuurwiel/schemas';

/**
 * What a silence or mute set from an alert reaches:
 * - alert: this alert only (all its labels);
 * - place: this rule at this alert's place (its team, location, queue or source);
 * - rule: this rule everywhere in the municipality.
 */
export const REACHES = ['alert', 'place', 'rule'] as const;
export type Reach = (typeof REACHES)[number];

/** The labels that say where an alert is, in the order people name a place. */
export const PLACE_LABELS = ['team', 'location', 'queue', 'source', 'case_type', 'channel'] as const;

/** The labels naming the alert's place, as [name, value] pairs in PLACE_LABELS order. */
export function placeOf(alert: Pick<AlertMessage, 'labels'>): [string, string][] {
  return PLACE_LABELS.filter((name) => alert.labels[name] !== undefined).map((name) => [
    name,
    alert.labels[name] as string,
  ]);
}

const equals = (name: string, value: string): LabelMatcher => ({ name, value, op: '=' });

/**
 * The label matchers of a silence or mute of `reach` set from `alert`. The municipality's own
 * label is left to the gateway (it binds every setting to the caller's municipality).
 */
export function matchersFor(alert: Pick<AlertMessage, 'labels' | 'rule_id'>, reach: Reach): LabelMatcher[] {
  const rule = equals('rule_id', alert.rule_id);
  switch (reach) {
    case 'rule':
      return [rule];
    case 'place':
      return [rule, ...placeOf(alert).map(([name, value]) => equals(name, value))];
    case 'alert':
      return Object.entries(alert.labels)
        .filter(([name]) => name !== 'tenant')
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, value]) => equals(name, value));
  }
}
