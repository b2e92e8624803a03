import type { AlertRule, KpiDomain, KpiScope, KpiScopeKind, KpiSnapshotOf } from '@stuurwiel/schemas';
import type { Labels, Observation, TenantView } from '../model.js';
import { alertFingerprint } from './fingerprint.js';

/** tenant, rule_id and (when set) the rule's team: the labels every alert of a rule carries. */
export function ruleLabels(rule: AlertRule, tenant: string): Record<string, string> {
  const labels: Record<string, string> = { tenant, rule_id: rule.rule_id };
  if (rule.team !== undefined) labels.team = rule.team;
  return labels;
}

/** The label naming a snapshot's scope (`location: 'centrum'`); none for the whole municipality. */
export function scopeLabel(scope: KpiScope): Record<string, string> {
  return scope.id === null || scope.kind === 'tenant' ? {} : { [scope.kind]: scope.id };
}

/** Labels of an alert about one snapshot: the rule's, the domain and the scope. */
export function snapshotLabels(
  rule: AlertRule,
  snapshot: { tenant: string; domain: KpiDomain; scope: KpiScope },
): Labels {
  // A team snapshot keeps its own team even when the rule names one: two teams' alerts must not
  // share a label set (and so a fingerprint).
  return { ...ruleLabels(rule, snapshot.tenant), domain: snapshot.domain, ...scopeLabel(snapshot.scope) };
}

type Finding = Omit<
  Observation,
  'fingerprint' | 'rule' | 'labels' | 'items' | 'items_total' | 'for_seconds'
> &
  Partial<Pick<Observation, 'items' | 'items_total' | 'for_seconds'>>;

/** An observation of `rule` about the alert with these labels. */
export function observe(rule: AlertRule, labels: Labels, finding: Finding): Observation {
  return {
    fingerprint: alertFingerprint(labels),
    rule,
    labels,
    items: [],
    items_total: 0,
    for_seconds: 0,
    ...finding,
    // alerts.v1 bounds them; a long list of names must not make the message invalid.
    summary: clip(finding.summary, 500),
    description: clip(finding.description, 4000),
  };
}

/** The snapshots of a domain a rule with this scope reads: every one of the kind, or the one with its id. */
export function inScope<D extends KpiDomain>(
  view: TenantView,
  domain: D,
  scope: { kind: KpiScopeKind; id?: string | undefined },
): KpiSnapshotOf<D>[] {
  return view
    .snapshots(domain, scope.kind)
    .filter(
      (s): s is KpiSnapshotOf<D> =>
        s.domain === domain &&
        s.scope.kind === scope.kind &&
        (scope.id === undefined || s.scope.id === scope.id),
    );
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
